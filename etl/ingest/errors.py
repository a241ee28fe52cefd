"""The one exception ingest raises: a file that cannot become a Document."""
from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file that is unreadable, binary, undecodable or empty. `str(err)` names the file."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
