"""Writing records out: `extract` (CSV/JSON, no warehouse) and `export` (Parquet from it)."""
from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import duckdb

from .records import json_value, plain, table_records
from .schema import EXPORT_COLUMNS

PARTITIONED_TABLES = ("facts", "projects", "policies")


def records_of(results: Iterable[dict], what: str) -> list[dict]:
    """The `what` records of all successful results, by document then position."""
    rows = [rec for res in results if res["ok"] for rec in table_records(res, what)]
    rows.sort(key=lambda r: (r["doc"], r["start"], r["end"]))
    return [{c: rec.get(c) for c in EXPORT_COLUMNS[what]} for rec in rows]


def write_records(rows: list[dict], output: str | Path, what: str, fmt: str) -> int:
    """Write rows as CSV (exact column list, plain numbers) or a JSON array; return the count."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    columns = EXPORT_COLUMNS[what]
    if fmt == "csv":
        with output.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([plain(row[c]) for c in columns])
    elif fmt == "json":
        data = [{c: json_value(row[c]) for c in columns} for row in rows]
        output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return len(rows)


def export_parquet(db_path: str | Path, out_dir: str | Path) -> dict[str, int]:
    """facts/projects/policies as hive-partitioned Parquet (region=<id or name>/year=<yyyy>/),
    documents as one file. Returns row counts. Reads the warehouse read-only."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        for table in PARTITIONED_TABLES:
            target = out_dir / table
            if target.exists():
                shutil.rmtree(target)
            # `region` and `year` become directory names (region_id/region_name stay columns;
            # non-ASCII names are percent-encoded, a missing year is __HIVE_DEFAULT_PARTITION__,
            # both decoded by hive-aware readers). Table names are constants; the path is bound.
            con.execute(
                f"COPY (SELECT *, coalesce(region_id, region_name) AS region FROM {table} "
                f"ORDER BY 1) TO ? (FORMAT parquet, PARTITION_BY (region, year))", [str(target)])
            counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        con.execute("COPY (SELECT * FROM documents ORDER BY doc) TO ? (FORMAT parquet)",
                    [str(out_dir / "documents.parquet")])
        counts["documents"] = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()
    return counts
