"""Finding documents and reading the optional sources.csv that describes them."""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .dates import parse_partial_date
from .encoding import decode_bytes
from .errors import IngestError

EXTENSIONS = {".txt", ".md", ".html", ".htm"}
SOURCES = "sources.csv"
REQUIRED = ("doc", "title", "url", "published")


@dataclass
class SourceRow:
    doc: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    publisher: str | None = None
    precision: str = "day"        # day, month or year (2018-09 in sources.csv is a month)


def _is_hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _walk_files(folder: str) -> Iterator[str]:
    """Document files under `folder`, skipping hidden files and folders (os.scandir: the
    directory entries already say what is a file, so no extra stat per file)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from _walk_files(entry.path)
            elif (entry.is_file() and entry.name != SOURCES
                  and os.path.splitext(entry.name)[1].lower() in EXTENSIONS):
                yield entry.path


def discover(paths: list[str | Path]) -> list[Path]:
    """Document files under the given folders (recursive) or given one by one, sorted, unique."""
    found: set[str] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found.update(_walk_files(str(p)))
        elif p.is_file() and p.name != SOURCES and not _is_hidden(p):
            found.add(str(p))  # named explicitly: trust the caller about the extension
    # sorted as paths are (part by part), without building and comparing Path objects
    return [Path(f) for f in sorted(found, key=lambda f: f.split(os.sep))]


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def read_sources_csv(folder: Path) -> tuple[dict[str, SourceRow], list[str]]:
    """Rows of folder/sources.csv keyed by document file name, plus warnings.

    Never raises for content problems: a bad date, a missing column or a row naming a missing
    file becomes a warning that names sources.csv and the line.
    """
    folder = Path(folder)
    path = folder / SOURCES
    if not path.is_file():
        return {}, []
    label = str(path)
    try:
        decoded = decode_bytes(path.read_bytes(), path)
    except (OSError, IngestError) as exc:
        return {}, [f"{label}: unreadable, ignored ({exc})"]
    warnings = [w.replace(path.name + ":", label + ":", 1) for w in decoded.warnings]
    reader = csv.DictReader(io.StringIO(decoded.text.lstrip("\ufeff")))
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        warnings.append(f"{label}: missing column(s) {', '.join(missing)}")
    if "doc" not in header:
        return {}, warnings
    rows: dict[str, SourceRow] = {}
    for row in reader:
        line = reader.line_num
        doc = _clean(row.get("doc"))
        if not doc:
            if any(_clean(v) for v in row.values() if isinstance(v, str)):
                warnings.append(f"{label} line {line}: no doc name; row ignored")
            continue
        empty = [c for c in REQUIRED[1:] if c in header and row.get(c) is None]
        if empty:
            warnings.append(f"{label} line {line} ({doc}): missing value(s) for {', '.join(empty)}")
        published, precision = None, "day"
        raw_date = _clean(row.get("published"))
        if raw_date:
            parsed = parse_partial_date(raw_date)
            if parsed is not None:
                published, precision = parsed
            else:
                warnings.append(f"{label} line {line} ({doc}): bad published date {raw_date!r} ignored")
        if not (folder / doc).is_file():
            warnings.append(f"{label} line {line}: {doc} does not exist; row ignored")
            continue
        key = Path(doc).name
        if key in rows:
            warnings.append(f"{label} line {line}: duplicate row for {doc}; first row kept")
            continue
        rows[key] = SourceRow(doc=key, title=_clean(row.get("title")), url=_clean(row.get("url")),
                              published=published, publisher=_clean(row.get("publisher")),
                              precision=precision)
    return rows, warnings


def discover_sources(paths: list[str | Path]) -> tuple[list[tuple[Path, SourceRow | None]],
                                                      list[str]]:
    """Every document under `paths` (as `discover`) with its row of the sources.csv in its own
    folder, plus the warnings those sources.csv files gave. The one discovery every command
    (build, extract, evaluate) and test goes through, so a sources.csv means the same to all."""
    files = discover(paths)
    rows: dict[Path, dict[str, SourceRow]] = {}
    warnings: list[str] = []
    for folder in sorted({f.parent for f in files}):
        rows[folder], csv_warnings = read_sources_csv(folder)
        warnings.extend(csv_warnings)
    return [(f, rows[f.parent].get(f.name)) for f in files], warnings
