"""Load records into a new DuckDB file and atomically swap it into place.

The app holds the warehouse open read-only while users work, so a build never writes into the
live file: it writes `<db>.building-<pid>`, checkpoints and closes it, then `os.replace`s it over
the old path. Readers that reconnect see the complete new file; nobody sees a half-built one.
Rows are inserted in a stable order (document name, then offset) so two builds from the same
inputs give identical tables.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from .migrate import apply_migrations

FACT_COLUMNS = [
    "fact_id", "doc", "region_id", "region_name", "year", "period", "indicator_id",
    "indicator_name", "kind", "value", "value_high", "unit", "raw_number", "raw_unit",
    "qualifier", "quote", "start", "end", "sentence", "confidence",
]
PROJECT_COLUMNS = [
    "project_id", "doc", "region_id", "region_name", "year", "name", "stage", "quote",
    "start", "end", "sentence", "confidence",
]
POLICY_COLUMNS = [
    "policy_id", "doc", "region_id", "region_name", "year", "title", "quote", "start", "end",
    "sentence", "confidence",
]
DOCUMENT_COLUMNS = [
    "doc", "path", "title", "url", "publisher", "author", "published", "date_rule", "encoding",
    "traditional", "content_hash", "n_chars", "warnings",
]


@dataclass
class WarehouseContent:
    """Everything one build loads, as DataFrames (columns as above, ids filled in here)."""

    documents: pd.DataFrame
    facts: pd.DataFrame
    projects: pd.DataFrame
    policies: pd.DataFrame
    regions: pd.DataFrame
    indicators: pd.DataFrame
    errors: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["path", "severity", "message"]))
    info: dict[str, str] = field(default_factory=dict)


def _ordered(df: pd.DataFrame, columns: list[str], id_column: str | None) -> pd.DataFrame:
    df = df.copy()
    for col in columns:
        if col not in df.columns and col != id_column:
            df[col] = None
    if id_column:
        sort_cols = [c for c in ("doc", "start", "end", "kind", "value", "name", "title")
                     if c in df.columns]
        df = df.sort_values(sort_cols, kind="mergesort").reset_index(drop=True)
        df[id_column] = range(1, len(df) + 1)
    return df[columns]


def build_warehouse(content: WarehouseContent, db_path: str | Path) -> Path:
    """Write `content` to a fresh DuckDB file and atomically replace `db_path` with it."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f"{db_path.name}.building-{os.getpid()}")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    tables = {
        "regions": content.regions[["id", "name_zh", "name_en", "kind", "parent_id", "aliases"]],
        "indicators": content.indicators[["id", "name_zh", "name_en", "category", "unit", "synonyms"]],
        "documents": _ordered(content.documents, DOCUMENT_COLUMNS, None).sort_values("doc"),
        "facts": _ordered(content.facts, FACT_COLUMNS, "fact_id"),
        "projects": _ordered(content.projects, PROJECT_COLUMNS, "project_id"),
        "policies": _ordered(content.policies, POLICY_COLUMNS, "policy_id"),
        "build_errors": content.errors[["path", "severity", "message"]].sort_values(
            ["path", "message"], kind="mergesort"),
    }
    try:
        con = duckdb.connect(str(tmp))
        try:
            apply_migrations(con)
            for name, frame in tables.items():
                con.register("_incoming", frame)
                cols = ", ".join(f'"{c}"' for c in frame.columns)
                con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _incoming")
                con.unregister("_incoming")
            if content.info:
                con.executemany("INSERT INTO build_info VALUES (?, ?)",
                                sorted(content.info.items()))
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, db_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return db_path
