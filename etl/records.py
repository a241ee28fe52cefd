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

from .models import Document, DocumentFrame, Extraction
from .schema import DOCUMENT_COLUMNS, TABLE_FIELDS

# Document-table columns filled from the extraction's DocumentFrame (column -> frame field).
_FRAME_COLUMNS = {
    "doc_type": "doc_type", "doc_type_rule": "doc_type_rule", "doc_date": "doc_date",
    "doc_date_rule": "doc_date_rule", "reference_year": "reference_year",
    "reference_year_rule": "reference_year_rule", "subject_region_id": "subject_region_id",
    "subject_region_name": "subject_region_name", "subject_rule": "subject_rule",
    "mode": "mode", "mode_rule": "mode_rule", "frame_confidence": "confidence",
}


def looks_traditional(text: str) -> bool:
    """Whether `text` is written in traditional characters (ingest owns the heuristic)."""
    from .ingest import looks_traditional as ingest_heuristic
    return ingest_heuristic(text)


def _iso(value):
    return value.isoformat() if isinstance(value, date) else value


def document_row(doc: Document, frame: DocumentFrame | None = None) -> dict:
    """The documents-table row of `doc` (metadata only: the text itself is not kept), with
    the extraction's document frame when there is one (its columns are NULL otherwise)."""
    traditional = getattr(doc, "traditional", None)
    if traditional is None:
        traditional = looks_traditional(doc.raw)
    row = {
        "doc": doc.doc, "path": doc.path, "title": doc.title, "url": doc.url,
        "publisher": doc.publisher, "author": doc.author, "published": _iso(doc.published),
        "date_rule": doc.date_rule, "date_precision": doc.date_precision,
        "encoding": doc.encoding, "traditional": bool(traditional),
        "content_hash": doc.content_hash, "n_chars": len(doc.raw),
        "warnings": "; ".join(doc.warnings) if doc.warnings else None,
    }
    for column, attr in _FRAME_COLUMNS.items():
        row[column] = _iso(getattr(frame, attr)) if frame is not None else None
    missing = set(DOCUMENT_COLUMNS) ^ set(row)
    if missing:
        raise ValueError(f"document row and schema.sql disagree on {sorted(missing)}")
    return {c: row[c] for c in DOCUMENT_COLUMNS}


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
    return {"doc": doc.doc, "path": doc.path, "ok": True,
            "document": document_row(doc, extraction.frame),
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
