"""The pure extraction core: text + metadata in, grounded records out. No I/O, no DuckDB."""
from __future__ import annotations

from ..models import Document, Extraction
from ..reference import Reference


def extract_document(doc: Document, ref: Reference) -> Extraction:
    """Facts, projects and policies of one document; offsets and quotes refer to `doc.raw`.

    (Placeholder while the rules are being written: returns no records.)
    """
    return Extraction()
