"""The warehouse build: results of etl.pipeline -> sorted DataFrames -> etl.warehouse (atomic).

Results are sorted by document name before loading, so the tables do not depend on the order
worker processes finished in, and two builds from the same inputs are identical.
"""
from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

import etl

from .cache import reference_hash
from .pipeline import extract_documents
from .reference import Reference
from .schema import DOCUMENT_COLUMNS, ERROR_COLUMNS, RECORD_TABLES, TABLE_FIELDS, column_types
from .warehouse.load import WarehouseWriter

# Each column's SQL type, from schema.sql (the same names have the same type in every table).
_TYPES = {name: kind for table in ("documents", *RECORD_TABLES)
          for name, kind in column_types(table).items()}


@dataclass
class BuildSummary:
    db_path: Path
    documents: int = 0
    facts: int = 0
    projects: int = 0
    policies: int = 0
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cached: int = 0
    extracted: int = 0
    hashed: int = 0                # files read and hashed for the cache (others known by stat)
    extract_seconds: float = 0.0   # discover + cache lookups + ingest/extract (all workers)
    table_seconds: float = 0.0     # loading the records into the warehouse (ordered, indexed)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"warehouse  {self.db_path}",
            f"documents  {self.documents} ({self.extracted} extracted, {self.cached} cached)",
            f"facts      {self.facts}",
            f"projects   {self.projects}",
            f"policies   {self.policies}",
            f"conflicts  {self.conflicts}",
            f"warnings   {len(self.warnings)}",
            f"errors     {len(self.errors)}",
            f"seconds    {self.seconds:.2f} (extraction {self.extract_seconds:.2f}, "
            f"loading {self.table_seconds:.2f})",
        ]


def frame(columns: dict[str, list], names: list[str]) -> pd.DataFrame:
    """Columns (equal-length lists) as a DataFrame with the warehouse's column types: nullable
    ints, floats, booleans, dates; strings stay pandas' compact string dtype."""
    df = pd.DataFrame({c: columns.get(c, []) for c in names}, columns=names)
    for col in names:
        kind = _TYPES.get(col)
        if kind == "INTEGER":
            df[col] = pd.array(df[col].tolist(), dtype="Int64")
        elif kind == "DOUBLE":
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        elif kind == "BOOLEAN":
            df[col] = df[col].astype("boolean")
        elif kind == "DATE":
            df[col] = [date.fromisoformat(v) if isinstance(v, str) else v for v in df[col]]
    return df


def reference_frames(ref: Reference) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.DataFrame(list(ref.regions)), pd.DataFrame(list(ref.indicators))


def _stderr(line: str) -> None:
    # tqdm.write keeps an active progress bar intact
    from tqdm import tqdm
    tqdm.write(line, file=sys.stderr)


class Collector:
    """Gathers results (in any order) into column chunks and hands each chunk of `CHUNK`
    documents to `sink(table, DataFrame)` (a WarehouseWriter's append): memory holds one
    chunk, never the corpus's records. Rows carry `_path` (their file) and `_seq` (their
    order within it); which paths to leave out (duplicate file names) is known at the end."""

    CHUNK = 2000   # documents per chunk

    def __init__(self, sink: Callable[[str, pd.DataFrame], None],
                 log: Callable[[str], None] = _stderr):
        self.sink = sink
        self.log = log
        self.errors: list[tuple[str, str, str]] = []
        self._warnings: list[tuple[str, str]] = []          # (path, message)
        self._kept: dict[str, str] = {}                      # doc -> path kept
        self.dropped: set[str] = set()                       # paths of duplicate names
        self.counts = dict.fromkeys(("documents", *TABLE_FIELDS), 0)
        self._reset()

    def _reset(self) -> None:
        self._docs = {c: [] for c in DOCUMENT_COLUMNS + ["_path"]}
        self._cols = {t: {c: [] for c in f + ["_path", "_seq"]} for t, f in TABLE_FIELDS.items()}
        self._pending = 0

    def add(self, res: dict) -> None:
        path = res["path"]
        if not res["ok"]:
            self.log(f"error: {res['error']}")
            self.errors.append((path, "error", res["error"]))
            return
        if res["doc"] in self._kept:
            # keep the first path in sorted order, whatever order the workers finished in
            kept, dropped = sorted([self._kept[res["doc"]], path])
            msg = f"{dropped}: duplicate file name {res['doc']!r} (also {kept}); skipped"
            self.log(f"error: {msg}")
            self.errors.append((dropped, "error", msg))
            self.dropped.add(dropped)
            self._kept[res["doc"]] = kept
        else:
            self._kept[res["doc"]] = path
        document = res["document"]
        for c in DOCUMENT_COLUMNS:
            self._docs[c].append(document.get(c))
        self._docs["_path"].append(path)
        for table, fields in TABLE_FIELDS.items():
            # whole columns at a time: no per-record Python work on the build's hot path
            cols, have = self._cols[table], res[table]
            for f in fields:
                cols[f].extend(have[f])
            n = len(have["doc"])
            cols["_path"].extend([path] * n)
            cols["_seq"].extend(range(n))
        doc_warnings = (document.get("warnings") or "").split("; ")
        for msg in [w for w in doc_warnings if w] + res.get("dropped", []):
            self._warnings.append((path, msg if path in msg else f"{path}: {msg}"))
        self._pending += 1
        if self._pending >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        self.sink("documents", frame(self._docs, DOCUMENT_COLUMNS + ["_path"]))
        for table, fields in TABLE_FIELDS.items():
            self.sink(table, frame(self._cols[table], fields + ["_path", "_seq"]))
        self._reset()

    def finish(self) -> list[tuple[str, str, str]]:
        """Flush the last chunk; every error and warning as (path, severity, message)."""
        self.flush()
        return self.errors + [(path, "warning", msg) for path, msg in self._warnings
                              if path not in self.dropped]


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while results pile up. Decoding and collecting
    records allocates millions of long-lived objects, and each allocation burst makes the
    collector rescan all of them: ~70% of a cached rebuild's decoding time. Records hold no
    reference cycles, so reference counting frees everything the build drops meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def count_conflicts(db_path: str | Path) -> int:
    """Rows of the fact_conflicts view in the file now at `db_path`.

    ATTACH from a fresh in-memory connection, not duckdb.connect(db_path): within one process
    DuckDB hands back an already-open instance for the same path, which after the atomic swap
    would still be the previous build's file.
    """
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS built (READ_ONLY)", [str(db_path)])
        return con.execute("SELECT count(*) FROM built.fact_conflicts").fetchone()[0]
    finally:
        con.close()


def build(paths: Iterable[str | Path], db_path: str | Path, ref: Reference,
          jobs: int | None = None, cache_dir: str | Path | None = None,
          progress: bool = False, log: Callable[[str], None] = _stderr) -> BuildSummary:
    """Build the warehouse at `db_path` from the documents under `paths` (this machine's
    processes; etl.engines.dask_engine runs the same per-document step on a Dask cluster)."""
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    csv_warnings: list[str] = []
    stats: dict = {}
    results = extract_documents(paths, ref, jobs=jobs, cache_dir=cache_dir, progress=progress,
                                warnings=csv_warnings, stats=stats)
    return load(results, paths, db_path, ref, csv_warnings, stats, log, started)


def build_info(ref: Reference, paths: Iterable[Path]) -> dict[str, str]:
    return {"extractor_version": str(etl.EXTRACTOR_VERSION),
            "reference_hash": reference_hash(ref),
            "sources": "; ".join(str(p) for p in paths),
            # the one non-reproducible value: checksums of a build must leave it out
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def load(results: Iterable[dict], paths: list[Path], db_path: str | Path, ref: Reference,
         csv_warnings: list[str], stats: dict, log: Callable[[str], None] = _stderr,
         started: float | None = None,
         staged: Callable[[WarehouseWriter], None] | None = None) -> BuildSummary:
    """Per-document results (in any order) -> the warehouse at `db_path`, swapped in
    atomically, and the build's summary. `staged(writer)` adds record rows an engine has
    already written elsewhere (the Dask engine's Parquet) before the commit."""
    started = time.perf_counter() if started is None else started
    regions, indicators = reference_frames(ref)
    collect_seconds = 0.0
    with WarehouseWriter(db_path) as writer, _gc_paused():
        collector = Collector(writer.append, log)
        for result in results:
            mark = time.perf_counter()
            collector.add(result)
            collect_seconds += time.perf_counter() - mark
        mark = time.perf_counter()
        extract_seconds = mark - started - collect_seconds
        collector.flush()
        if staged is not None:
            staged(writer)
        errors = collector.finish() + [("sources.csv", "warning", w) for w in csv_warnings]
        for _, severity, msg in errors:
            if severity == "warning":
                log(f"warning: {msg}")
        counts = writer.commit(
            regions, indicators,
            pd.DataFrame(errors, columns=ERROR_COLUMNS).astype(object),
            build_info(ref, paths), skip_paths=collector.dropped)
        table_seconds = collect_seconds + time.perf_counter() - mark
    summary = BuildSummary(
        db_path=Path(db_path), documents=counts["documents"], facts=counts["facts"],
        projects=counts["projects"], policies=counts["policies"],
        errors=[m for _, s, m in errors if s == "error"],
        warnings=[m for _, s, m in errors if s == "warning"],
        cached=stats.get("cached", 0), extracted=stats.get("extracted", 0),
        hashed=stats.get("hashed", 0),
        extract_seconds=extract_seconds, table_seconds=table_seconds)
    summary.conflicts = count_conflicts(db_path)
    summary.seconds = time.perf_counter() - started
    return summary
