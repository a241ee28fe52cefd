"""The warehouse build: results of etl.pipeline -> sorted DataFrames -> etl.warehouse (atomic).

Results are sorted by document name before loading, so the tables do not depend on the order
worker processes finished in, and two builds from the same inputs are identical.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

import etl

from .cache import reference_hash
from .pipeline import extract_documents
from .records import FACT_FIELDS, POLICY_FIELDS, PROJECT_FIELDS
from .reference import Reference
from .warehouse.load import DOCUMENT_COLUMNS, WarehouseContent, build_warehouse

_INT_COLUMNS = ("year", "start", "end", "n_chars")
_FLOAT_COLUMNS = ("value", "value_high", "confidence")


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
    extract_seconds: float = 0.0   # discover + cache lookups + ingest/extract (all workers)
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
            f"seconds    {self.seconds:.2f} (extraction {self.extract_seconds:.2f})",
        ]


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Rows as a DataFrame with the warehouse's column types (nullable ints, floats, dates)."""
    df = pd.DataFrame(rows, columns=columns)
    for col in columns:
        if col in _INT_COLUMNS:
            df[col] = pd.array(df[col].tolist(), dtype="Int64")
        elif col in _FLOAT_COLUMNS:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        elif col == "traditional":
            df[col] = df[col].astype("boolean")
        elif col == "published":
            df[col] = [date.fromisoformat(v) if isinstance(v, str) else v for v in df[col]]
        else:
            df[col] = df[col].astype(object)
    return df


def reference_frames(ref: Reference) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.DataFrame(list(ref.regions)), pd.DataFrame(list(ref.indicators))


def _stderr(line: str) -> None:
    # tqdm.write keeps an active progress bar intact
    from tqdm import tqdm
    tqdm.write(line, file=sys.stderr)


def collect(results: Iterable[dict], log: Callable[[str], None] = _stderr):
    """Split results into table rows + error rows; duplicate file names are errors."""
    docs: dict[str, dict] = {}
    records = {"facts": [], "projects": [], "policies": []}
    ok: dict[str, dict] = {}
    errors: list[tuple[str, str, str]] = []
    for res in results:
        if not res["ok"]:
            log(f"error: {res['error']}")
            errors.append((res["path"], "error", res["error"]))
            continue
        if res["doc"] in ok:
            # keep the first path in sorted order, whatever order the workers finished in
            kept, dropped = sorted([ok[res["doc"]], res], key=lambda r: r["path"])
            msg = (f"{dropped['path']}: duplicate file name {res['doc']!r} "
                   f"(also {kept['path']}); skipped")
            log(f"error: {msg}")
            errors.append((dropped["path"], "error", msg))
            res = kept
        ok[res["doc"]] = res
    for name in sorted(ok):
        res = ok[name]
        docs[name] = res["document"]
        for table in records:
            records[table].extend(res[table])
        doc_warnings = (res["document"].get("warnings") or "").split("; ")
        for msg in [w for w in doc_warnings if w] + res.get("dropped", []):
            errors.append((res["path"], "warning", msg if res["path"] in msg
                           else f"{res['path']}: {msg}"))
    return docs, records, errors


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
    """Build the warehouse at `db_path` from the documents under `paths`."""
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    csv_warnings: list[str] = []
    stats: dict = {}
    results = extract_documents(paths, ref, jobs=jobs, cache_dir=cache_dir, progress=progress,
                                warnings=csv_warnings, stats=stats)
    docs, records, errors = collect(results, log)
    extract_seconds = time.perf_counter() - started
    errors += [("sources.csv", "warning", w) for w in csv_warnings]
    for _, severity, msg in errors:
        if severity == "warning":
            log(f"warning: {msg}")
    regions, indicators = reference_frames(ref)
    content = WarehouseContent(
        documents=frame(list(docs.values()), DOCUMENT_COLUMNS),
        facts=frame(records["facts"], FACT_FIELDS),
        projects=frame(records["projects"], PROJECT_FIELDS),
        policies=frame(records["policies"], POLICY_FIELDS),
        regions=regions, indicators=indicators,
        errors=pd.DataFrame(errors, columns=["path", "severity", "message"]).astype(object),
        info={"extractor_version": str(etl.EXTRACTOR_VERSION),
              "reference_hash": reference_hash(ref),
              "sources": "; ".join(str(p) for p in paths),
              # the one non-reproducible value: checksums of a build must leave it out
              "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds")},
    )
    build_warehouse(content, db_path)
    summary = BuildSummary(
        db_path=Path(db_path), documents=len(docs), facts=len(records["facts"]),
        projects=len(records["projects"]), policies=len(records["policies"]),
        errors=[m for _, s, m in errors if s == "error"],
        warnings=[m for _, s, m in errors if s == "warning"],
        cached=stats.get("cached", 0), extracted=stats.get("extracted", 0),
        extract_seconds=extract_seconds)
    summary.conflicts = count_conflicts(db_path)
    summary.seconds = time.perf_counter() - started
    return summary
