"""Load records into a new DuckDB file and atomically swap it into place.

The app holds the warehouse open read-only while users work, so a build never writes into the
live file: it writes `<db>.building-<pid>`, checkpoints and closes it, then `os.replace`s it over
the old path. Readers that reconnect see the complete new file; nobody sees a half-built one.
Rows are inserted in a stable order (document name, then offset) so two builds from the same
inputs give identical tables.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from ..schema import (DOCUMENT_COLUMNS, ERROR_COLUMNS, ID_COLUMN, INDICATOR_COLUMNS,
                      REGION_COLUMNS, RECORD_TABLES, SCHEMA_SQL, SCHEMA_VERSION, VIEWS_SQL,
                      columns)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Tables then views of an empty warehouse. Every build makes a fresh file, so there is
    nothing to migrate: build_info.schema_version tells the app which schema a file has."""
    for path in (SCHEMA_SQL, VIEWS_SQL):
        try:
            con.execute(path.read_text(encoding="utf-8"))
        except duckdb.Error as exc:
            raise RuntimeError(f"{path.name} failed: {exc}") from exc


@dataclass
class WarehouseContent:
    """Everything one build loads, as DataFrames (columns as above, ids filled in here)."""

    documents: pd.DataFrame
    facts: pd.DataFrame
    projects: pd.DataFrame
    policies: pd.DataFrame
    regions: pd.DataFrame
    indicators: pd.DataFrame
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ERROR_COLUMNS))
    info: dict[str, str] = field(default_factory=dict)


# Record order in the final tables (and so their ids): by document and position, ties kept in
# the order the extractor produced them (`_seq`), so two builds give identical tables.
_ORDER = {
    "facts": ('doc', '"start"', '"end"', 'kind', 'value', '_seq'),
    "projects": ('doc', '"start"', '"end"', 'name', '_seq'),
    "policies": ('doc', '"start"', '"end"', 'title', '_seq'),
}
_IDS = ID_COLUMN
COLUMNS = {"documents": DOCUMENT_COLUMNS, **{t: columns(t) for t in RECORD_TABLES}}


def _quoted(columns) -> str:
    return ", ".join(f'"{c}"' for c in columns)


BUILD_MEMORY_LIMIT = "1GB"


class WarehouseWriter:
    """Streams documents and records into a new DuckDB file in chunks, then `commit()` orders
    them, numbers them and atomically swaps the file into place.

    Chunks go to staging tables inside DuckDB (compressed, spilled to disk if need be), so a
    build's Python memory holds one chunk, not the corpus's records. Until `commit()` the live
    warehouse is untouched; `abort()` (or an exception inside `with`) removes the new file.
    """

    def __init__(self, db_path: str | Path):
        self.db_path = Path(db_path)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = self.db_path.with_name(f"{self.db_path.name}.building-{os.getpid()}")
        self._remove_tmp()
        self.con = duckdb.connect(str(self.tmp))
        try:
            # Staged records beyond this spill to a temp folder beside the file, so a very
            # large corpus bounds the build's memory instead of exhausting it.
            self.con.execute(f"SET memory_limit = '{BUILD_MEMORY_LIMIT}'")
            create_schema(self.con)
            for table, names in COLUMNS.items():
                kept = [c for c in names if c != _IDS.get(table)]
                self.con.execute(
                    f"CREATE TEMP TABLE _stage_{table} AS SELECT {_quoted(kept)}, "
                    f"NULL::VARCHAR AS _path, NULL::BIGINT AS _seq FROM main.{table} LIMIT 0")
        except BaseException:
            self.abort()
            raise

    def append(self, table: str, frame: pd.DataFrame) -> None:
        """Add rows of `table` (documents/facts/projects/policies). Missing columns are NULL;
        `_path` (the file the rows came from) and `_seq` (their order within it) are optional."""
        if frame.empty:
            return
        frame = frame.copy()
        for col in COLUMNS[table]:
            if col not in frame.columns and col != _IDS.get(table):
                frame[col] = None
        if "_path" not in frame.columns:
            frame["_path"] = None
        if "_seq" not in frame.columns:
            frame["_seq"] = range(len(frame))
        cols = [c for c in COLUMNS[table] if c != _IDS.get(table)] + ["_path", "_seq"]
        self.con.register("_incoming", frame[cols])
        try:
            self.con.execute(f"INSERT INTO _stage_{table} ({_quoted(cols)}) "
                             f"SELECT {_quoted(cols)} FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    def append_parquet(self, table: str, root: str | Path) -> int:
        """Add the rows of `table` staged as Parquet under `root` (any layout; hive
        partitions such as region=/year= are read back as columns). Returns the row count."""
        files = sorted(Path(root).rglob("*.parquet"))
        if not files:
            return 0
        cols = [c for c in COLUMNS[table] if c != _IDS.get(table)] + ["_path", "_seq"]
        before = self.con.execute(f"SELECT count(*) FROM _stage_{table}").fetchone()[0]
        self.con.execute(
            f"INSERT INTO _stage_{table} ({_quoted(cols)}) SELECT {_quoted(cols)} "
            f"FROM read_parquet(?, hive_partitioning = true, union_by_name = true, "
            f"hive_types = {{'year': INTEGER}})", [[str(f) for f in files]])
        return self.con.execute(f"SELECT count(*) FROM _stage_{table}").fetchone()[0] - before

    def commit(self, regions: pd.DataFrame, indicators: pd.DataFrame,
               errors: pd.DataFrame | None = None, info: dict[str, str] | None = None,
               skip_paths: Iterable[str] = ()) -> dict[str, int]:
        """Write the final tables (leaving out rows from `skip_paths`), swap the file into
        place and return the row count of each table."""
        con = self.con
        try:
            con.execute("CREATE TEMP TABLE _skip (path VARCHAR)")
            skip = sorted(set(skip_paths))
            if skip:
                con.executemany("INSERT INTO _skip VALUES (?)", [[p] for p in skip])
            keep = "_path IS NULL OR _path NOT IN (SELECT path FROM _skip)"
            reference = {
                "regions": regions[REGION_COLUMNS],
                "indicators": indicators[INDICATOR_COLUMNS],
                "build_errors": (errors if errors is not None else pd.DataFrame(
                    columns=ERROR_COLUMNS))[ERROR_COLUMNS]
                .sort_values(["path", "message"], kind="mergesort").astype(object),
            }
            for name, frame in reference.items():
                con.register("_incoming", frame)
                con.execute(f"INSERT INTO {name} ({_quoted(frame.columns)}) "
                            f"SELECT {_quoted(frame.columns)} FROM _incoming")
                con.unregister("_incoming")
            con.execute(f"INSERT INTO documents ({_quoted(DOCUMENT_COLUMNS)}) "
                        f"SELECT {_quoted(DOCUMENT_COLUMNS)} FROM _stage_documents "
                        f"WHERE {keep} ORDER BY doc")
            for table, order in _ORDER.items():
                cols = [c for c in COLUMNS[table] if c != _IDS[table]]
                by = ", ".join(order)
                con.execute(
                    f"INSERT INTO {table} ({_IDS[table]}, {_quoted(cols)}) "
                    f"SELECT row_number() OVER (ORDER BY {by}), {_quoted(cols)} "
                    f"FROM _stage_{table} WHERE {keep} ORDER BY {by}")
            info = {**(info or {}), "schema_version": str(SCHEMA_VERSION)}
            con.executemany("INSERT INTO build_info VALUES (?, ?)", sorted(info.items()))
            counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in COLUMNS}
            con.execute("CHECKPOINT")
            con.close()
            os.replace(self.tmp, self.db_path)
        except BaseException:
            self.abort()
            raise
        return counts

    def _remove_tmp(self) -> None:
        for leftover in (self.tmp, self.tmp.with_name(self.tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)

    def abort(self) -> None:
        try:
            self.con.close()
        except Exception:
            pass
        self._remove_tmp()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        if exc_type is not None:
            self.abort()


def build_warehouse(content: WarehouseContent, db_path: str | Path) -> Path:
    """Write `content` to a fresh DuckDB file and atomically replace `db_path` with it."""
    with WarehouseWriter(db_path) as writer:
        for table in COLUMNS:
            writer.append(table, getattr(content, table))
        writer.commit(content.regions, content.indicators, content.errors, content.info)
    return Path(db_path)
