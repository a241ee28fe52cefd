"""The record schema, read from the warehouse's DDL (etl/warehouse/schema.sql).

The DDL is the one definition of every table: this module derives from it what the rest of the
code needs (column lists, the fields a record carries, which of them may not be empty, the
pandas dtype of each column, the columns `etl extract` writes), so adding a column is one line
of SQL. Pure Python, no DuckDB or pandas: extraction workers and `etl extract` import it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

WAREHOUSE_DIR = Path(__file__).resolve().parent / "warehouse"
SCHEMA_SQL = WAREHOUSE_DIR / "schema.sql"
VIEWS_SQL = WAREHOUSE_DIR / "views.sql"


@dataclass(frozen=True)
class Column:
    name: str
    type: str            # VARCHAR, INTEGER, DOUBLE, DATE, BOOLEAN
    not_null: bool
    primary_key: bool


_VERSION = re.compile(r"^--\s*schema-version:\s*(\d+)\s*$", re.M)
_TABLE = re.compile(r"CREATE TABLE (\w+) \((.*?)\n\);", re.S)
_COLUMN = re.compile(r'^\s*"?(\w+)"?\s+(VARCHAR|INTEGER|DOUBLE|DATE|BOOLEAN)\b([^,-]*)', re.M)


def _parse(sql: str) -> tuple[int, dict[str, tuple[Column, ...]]]:
    version = _VERSION.search(sql)
    if version is None:
        raise ValueError(f"{SCHEMA_SQL}: no '-- schema-version: N' line")
    tables = {}
    for name, body in _TABLE.findall(sql):
        cols = []
        for line in body.splitlines():
            line = line.split("--", 1)[0]
            if not line.strip():
                continue
            m = _COLUMN.match(line)
            if m is None:
                raise ValueError(f"{SCHEMA_SQL}: table {name}: cannot read column line {line!r}")
            rest = m.group(3).upper()
            cols.append(Column(m.group(1), m.group(2), "NOT NULL" in rest or "PRIMARY KEY" in rest,
                               "PRIMARY KEY" in rest))
        tables[name] = tuple(cols)
    return int(version.group(1)), tables


SCHEMA_VERSION, TABLES = _parse(SCHEMA_SQL.read_text(encoding="utf-8"))

# The extracted record tables and the id column the loader numbers (records never carry it).
RECORD_TABLES = ("facts", "projects", "policies")
ID_COLUMN = {"facts": "fact_id", "projects": "project_id", "policies": "policy_id"}
# Evidence detail the warehouse keeps but `etl extract` leaves out of its CSV/JSON.
_NOT_EXPORTED = {"raw_number", "raw_unit", "sentence"}


def columns(table: str) -> list[str]:
    """The table's columns in DDL order."""
    return [c.name for c in TABLES[table]]


def record_fields(table: str) -> list[str]:
    """The fields one record of a record table carries (the columns minus the loader's id)."""
    return [c for c in columns(table) if c != ID_COLUMN.get(table)]


def required_fields(table: str) -> tuple[str, ...]:
    """Record fields the warehouse declares NOT NULL (the pipeline fills `doc` itself)."""
    return tuple(c.name for c in TABLES[table]
                 if c.not_null and c.name not in (ID_COLUMN.get(table), "doc"))


def column_types(table: str) -> dict[str, str]:
    return {c.name: c.type for c in TABLES[table]}


DOCUMENT_COLUMNS = columns("documents")
REGION_COLUMNS = columns("regions")
INDICATOR_COLUMNS = columns("indicators")
ERROR_COLUMNS = columns("build_errors")
TABLE_FIELDS = {t: record_fields(t) for t in RECORD_TABLES}
# Columns of `python -m etl extract` output: new columns are appended, never reordered.
EXPORT_COLUMNS = {t: [c for c in TABLE_FIELDS[t] if c not in _NOT_EXPORTED]
                  for t in RECORD_TABLES}
