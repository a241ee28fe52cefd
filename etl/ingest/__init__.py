"""Ingest: document files on disk -> `etl.models.Document` (decoded, cleaned, offset-mapped, dated).

    from etl.ingest import discover, read_sources_csv, read_document, read_documents
    docs, warnings = read_documents(["seeds"])       # whole folders, errors become warnings

`Document.raw` is the decoded file (BOM removed, newlines normalised to \\n); `Document.text` is
the readable content; `to_raw(doc.text_map, start, end)` maps a span of text to a span of raw.
"""
from .dates import parse_date_value
from .encoding import looks_traditional
from .errors import IngestError
from .reader import choose_date, read_document, read_documents
from .sources import SourceRow, discover, discover_sources, read_sources_csv
from .textmap import map_offset, to_raw

__all__ = [
    "IngestError", "SourceRow", "discover", "discover_sources", "read_sources_csv",
    "read_document", "read_documents",
    "looks_traditional", "to_raw", "map_offset", "parse_date_value", "choose_date",
]
