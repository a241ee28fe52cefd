"""Plain-dict rows for one processed document, and how they are written out.

A per-document result is a plain dict of plain values so it can cross process boundaries,
sit in the extraction cache and become DataFrames without the document text:

    {"doc", "path", "ok": True, "document": {...DOCUMENT_COLUMNS...},
     "facts": {field: [values...]}, "projects": {...}, "policies": {...}}
    {"doc", "path", "ok": False, "error": "<one line naming the file>"}

Each table is held as columns in TABLE_FIELDS order (a dict of equal-length lists): the build
extends its column lists with them directly, and a cached result decodes to a few lists per
document instead of one object per record. `table_records` gives the records as dicts.
"""
from __future__ import annotations

import math
from datetime import date

from .models import Document, Extraction
from .warehouse.load import DOCUMENT_COLUMNS, FACT_COLUMNS, POLICY_COLUMNS, PROJECT_COLUMNS

# Record fields kept per table: the warehouse columns minus the ids load.py assigns.
FACT_FIELDS = [c for c in FACT_COLUMNS if c != "fact_id"]
PROJECT_FIELDS = [c for c in PROJECT_COLUMNS if c != "project_id"]
POLICY_FIELDS = [c for c in POLICY_COLUMNS if c != "policy_id"]

# Columns of `python -m etl extract` output (a fixed public format: do not reorder).
EXPORT_COLUMNS = {
    "facts": ["doc", "region_id", "region_name", "year", "period", "indicator_id",
              "indicator_name", "kind", "value", "value_high", "unit", "qualifier", "quote",
              "start", "end", "confidence"],
    "projects": ["doc", "region_id", "region_name", "year", "name", "stage", "quote", "start",
                 "end", "confidence"],
    "policies": ["doc", "region_id", "region_name", "year", "title", "quote", "start", "end",
                 "confidence"],
}

def looks_traditional(text: str) -> bool:
    """Whether `text` is written in traditional characters (ingest owns the heuristic)."""
    from .ingest import looks_traditional as ingest_heuristic
    return ingest_heuristic(text)


def document_row(doc: Document) -> dict:
    """The documents-table row of `doc` (metadata only: the text itself is not kept)."""
    traditional = getattr(doc, "traditional", None)
    if traditional is None:
        traditional = looks_traditional(doc.raw)
    published = doc.published.isoformat() if isinstance(doc.published, date) else doc.published
    row = {
        "doc": doc.doc, "path": doc.path, "title": doc.title, "url": doc.url,
        "publisher": doc.publisher, "author": doc.author, "published": published,
        "date_rule": doc.date_rule, "encoding": doc.encoding, "traditional": bool(traditional),
        "content_hash": doc.content_hash, "n_chars": len(doc.raw),
        "warnings": "; ".join(doc.warnings) if doc.warnings else None,
    }
    assert list(row) == DOCUMENT_COLUMNS
    return row


TABLE_FIELDS = {"facts": FACT_FIELDS, "projects": PROJECT_FIELDS, "policies": POLICY_FIELDS}


def extraction_columns(extraction: Extraction, doc_name: str) -> dict[str, dict[str, list]]:
    """Facts/projects/policies of one document as columns of the warehouse's fields."""
    def columns(records, fields):
        rows = [vars(rec) for rec in records]
        return {f: [doc_name] * len(rows) if f == "doc" else [r.get(f) for r in rows]
                for f in fields}
    return {table: columns(getattr(extraction, table), fields)
            for table, fields in TABLE_FIELDS.items()}


def table_records(result: dict, table: str) -> list[dict]:
    """The `table` records of a result as dicts."""
    cols = result[table]
    fields = TABLE_FIELDS[table]
    return [dict(zip(fields, values)) for values in zip(*(cols[f] for f in fields))]


def has_layout(result: dict) -> bool:
    """Whether an ok result holds every table with exactly today's fields (a cache check)."""
    return all(list(result.get(t) or ()) == f for t, f in TABLE_FIELDS.items())


def ok_result(doc: Document, extraction: Extraction) -> dict:
    return {"doc": doc.doc, "path": doc.path, "ok": True, "document": document_row(doc),
            **extraction_columns(extraction, doc.doc)}


def error_result(doc_name: str, path: str, message: str) -> dict:
    # One line: messages end up in a log line and a table cell.
    message = " ".join(str(message).split())
    if path not in message and doc_name not in message:
        message = f"{path}: {message}"
    return {"doc": doc_name, "path": path, "ok": False, "error": message}


def plain(value):
    """A cell value written plainly: ints without '.0', floats as their shortest repr."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        # 12 significant digits drop unit-conversion noise (0.1234000000000001 -> 0.1234).
        value = float(f"{value:.12g}")
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def json_value(value):
    """Like `plain` for JSON: NaN becomes null, integral floats stay numbers."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
