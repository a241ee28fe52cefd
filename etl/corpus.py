"""The analysts' corpus: a folder that only grows on purpose, and how documents get into it.

Documents added from the command line (`python -m etl add`) or the browser are copied into the
corpus folder (default data/corpus/, CORPUS_DIR overrides it) under safe, unique names, and every
build reads it together with seeds/. A warehouse records the roots it was built from
(build_info.roots), and a build over fewer roots is refused unless asked for (`--replace`), so a
user's documents never vanish because a command was typed without them.

Nothing a client sends is trusted as a path: a name with a folder in it (`../../etc/x.txt`) is
refused, not cleaned up, so what is stored is exactly what the user sees named.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .ingest.encoding import decode_bytes
from .ingest.errors import IngestError

SEEDS_DIR = Path("seeds")
DEFAULT_CORPUS_DIR = Path("data/corpus")
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
SOURCES_CSV = "sources.csv"
SOURCES_COLUMNS = ["doc", "title", "url", "published", "publisher"]
# Limits for one intake (a browser upload or one `etl add`): generous for news articles and
# work reports (tens of KB each), small enough that a mistaken upload cannot fill the disk.
MAX_FILE_BYTES = int(float(os.environ.get("UPLOAD_MAX_MB", "5")) * 1024 * 1024)
MAX_FILES = int(os.environ.get("UPLOAD_MAX_FILES", "50"))
_UNSAFE = re.compile(r"[^\w.\-()（）【】《》·]+")


class Refused(ValueError):
    """One file that cannot be added; the message names it and says why. `code` and
    `params` say the same for a translated message (the Documents page)."""

    def __init__(self, message: str, code: str = "other", **params):
        super().__init__(message)
        self.code, self.params = code, params


def corpus_dir() -> Path:
    return Path(os.environ.get("CORPUS_DIR") or DEFAULT_CORPUS_DIR)


def default_roots() -> list[Path]:
    """What `make build` reads: the seeds and the corpus."""
    return [SEEDS_DIR, corpus_dir()]


def _display(name: str) -> str:
    return repr(name) if any(ord(c) < 32 for c in name) else name


def safe_name(name: str) -> str:
    """The name a document from a client is stored under; Refused for anything that is not a
    plain file name with a document extension."""
    shown = _display(name)
    if not name or not name.strip():
        raise Refused("a file without a name", "no_name", name="")
    if "/" in name or "\\" in name or name in (".", "..") or "\x00" in name:
        raise Refused(f"{shown}: the file name contains a folder; only plain file names "
                      f"are accepted", "folder", name=shown)
    clean = unicodedata.normalize("NFC", name).strip()
    stem, dot, suffix = clean.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if suffix not in DOCUMENT_SUFFIXES:
        raise Refused(f"{shown}: not a document type that can be read "
                      f"(accepted: {' '.join(DOCUMENT_SUFFIXES)})", "type", name=shown,
                      types=" ".join(DOCUMENT_SUFFIXES))
    stem = _UNSAFE.sub("_", stem).strip("._") or "document"
    return stem[:100] + suffix


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.3g} MB"
    return f"{n / 1024:.3g} KB" if n >= 1024 else f"{n} bytes"


def check_document(name: str, data: bytes) -> None:
    """Refused unless `data` is a readable text document within the size limit."""
    if len(data) > MAX_FILE_BYTES:
        raise Refused(f"{name}: {size_text(len(data))} is more than the limit of "
                      f"{size_text(MAX_FILE_BYTES)} per file", "size", name=name,
                      size=size_text(len(data)), limit=size_text(MAX_FILE_BYTES))
    try:
        decode_bytes(data, name)
    except IngestError as exc:
        reason = re.sub(r"^not text \((.*)\)$", r"\1", str(exc).split(": ", 1)[-1])
        raise Refused(f"{name}: not a text document ({reason})",
                      "empty" if reason == "empty file" else "binary", name=name) from None


@dataclass
class Intake:
    """What one intake did, file by file (original name as the user gave it)."""

    stored: list[tuple[str, str]] = field(default_factory=list)     # (given name, stored name)
    existing: list[tuple[str, str]] = field(default_factory=list)   # same bytes already there
    refused: list[tuple[str, str]] = field(default_factory=list)    # (given name, message)
    reasons: dict[str, tuple[str, dict]] = field(default_factory=dict)  # given -> (code, params)
    sources_rows: int = 0
    messages: list[str] = field(default_factory=list)               # sources.csv notes
    ignored_rows: list[str] = field(default_factory=list)           # their docs

    @property
    def changed(self) -> bool:
        return bool(self.stored or self.sources_rows)


def _known_documents(roots: list[Path]) -> tuple[dict[str, Path], set[str]]:
    """Content hash -> file, and every file name, of the documents under `roots`."""
    by_hash: dict[str, Path] = {}
    names: set[str] = set()
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES:
                names.add(path.name)
                by_hash.setdefault(_digest(path.read_bytes()), path)
    return by_hash, names


def _unique(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    stem, suffix = os.path.splitext(name)
    n = 2
    while f"{stem}-{n}{suffix}" in taken:
        n += 1
    return f"{stem}-{n}{suffix}"


def _write_atomically(path: Path, data: bytes) -> None:
    # a build running meanwhile sees the whole file or none of it
    tmp = path.with_name(f".{path.name}.part-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def read_sources_rows(data: bytes, label: str) -> list[dict]:
    """The rows of a sources.csv given as bytes; Refused when it is not one."""
    try:
        text = decode_bytes(data, label).text.lstrip("\ufeff")
    except IngestError as exc:
        raise Refused(f"{label}: not a readable CSV ({exc})", "csv", name=label) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    if "doc" not in header:
        raise Refused(f"{label}: no 'doc' column (expected columns: "
                      f"{','.join(SOURCES_COLUMNS)})", "csv", name=label)
    reader.fieldnames = header
    return [{c: (row.get(c) or "").strip() for c in SOURCES_COLUMNS} for row in reader
            if (row.get("doc") or "").strip()]


def _merge_sources(folder: Path, rows: list[dict]) -> None:
    path = folder / SOURCES_CSV
    merged: dict[str, dict] = {}
    if path.is_file():
        merged = {r["doc"]: r for r in read_sources_rows(path.read_bytes(), str(path))}
    for row in rows:
        merged[row["doc"]] = row
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SOURCES_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for doc in sorted(merged):
        writer.writerow(merged[doc])
    _write_atomically(path, out.getvalue().encode("utf-8"))


def add_documents(files: list[tuple[str, bytes]], sources: tuple[str, bytes] | None = None,
                  corpus: Path | None = None, roots: list[Path] | None = None) -> Intake:
    """Store `files` ((name as given, bytes)) in the corpus; `sources` is an optional
    sources.csv whose rows name the files as given. Checks every file first; a refused file
    changes nothing, the others are still stored. `roots` are all folders a build reads (for
    unique names and already-present content); default: seeds and the corpus."""
    corpus = Path(corpus or corpus_dir())
    roots = [Path(r) for r in (roots or default_roots())]
    if corpus not in roots:
        roots.append(corpus)
    intake = Intake()
    if len(files) > MAX_FILES:
        intake.refused = [(n, f"{n}: not added: at most {MAX_FILES} files at once "
                              f"({len(files)} given)") for n, _ in files]
        intake.reasons = {n: ("count", {"name": n, "limit": MAX_FILES, "given": len(files)})
                          for n, _ in files}
        return intake
    source_rows: dict[str, dict] = {}
    if sources is not None:
        try:
            if len(sources[1]) > MAX_FILE_BYTES:
                raise Refused(f"{sources[0]}: {size_text(len(sources[1]))} is more than the "
                              f"limit of {size_text(MAX_FILE_BYTES)} per file", "size",
                              name=sources[0], size=size_text(len(sources[1])),
                              limit=size_text(MAX_FILE_BYTES))
            source_rows = {r["doc"]: r for r in read_sources_rows(sources[1], sources[0])}
        except Refused as exc:
            intake.refused.append((sources[0], str(exc)))
            intake.reasons[sources[0]] = (exc.code, exc.params)
    corpus.mkdir(parents=True, exist_ok=True)
    by_hash, taken = _known_documents(roots)
    stored_rows = []
    for given, data in files:
        try:
            name = safe_name(given)
            check_document(given, data)
        except Refused as exc:
            intake.refused.append((given, str(exc)))
            intake.reasons[given] = (exc.code, exc.params)
            continue
        digest = _digest(data)
        if digest in by_hash:
            intake.existing.append((given, by_hash[digest].name))
            row = source_rows.pop(given, None)
            if row is not None and by_hash[digest].parent.resolve() == corpus.resolve():
                stored_rows.append({**row, "doc": by_hash[digest].name})
            continue
        name = _unique(name, taken)
        _write_atomically(corpus / name, data)
        taken.add(name)
        by_hash[digest] = corpus / name
        intake.stored.append((given, name))
        row = source_rows.pop(given, None)
        if row is not None:
            stored_rows.append({**row, "doc": name})
    for doc in sorted(source_rows):
        if (corpus / doc).is_file():
            # a sources.csv for documents added earlier: its rows apply to them
            stored_rows.append(source_rows[doc])
        elif not any(doc == given for given, _ in intake.existing + intake.refused):
            intake.messages.append(f"{SOURCES_CSV}: row for {doc} ignored: no such file in "
                                   f"this upload")
            intake.ignored_rows.append(doc)
    if stored_rows:
        _merge_sources(corpus, stored_rows)
        intake.sources_rows = len(stored_rows)
    return intake


def files_under(paths: list[str | Path]) -> tuple[list[tuple[str, bytes]], tuple[str, bytes] | None,
                                                  list[str]]:
    """(name, bytes) of the documents in local files/folders, the sources.csv rows beside
    them merged into one, and problems (missing paths) as messages."""
    files, problems = [], []
    sources_rows: list[dict] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES \
                        and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    files.append((f.name, f.read_bytes()))
                elif f.is_file() and f.name == SOURCES_CSV:
                    sources_rows += read_sources_rows(f.read_bytes(), str(f))
        elif p.is_file() and p.name == SOURCES_CSV:
            sources_rows += read_sources_rows(p.read_bytes(), str(p))
        elif p.is_file():
            files.append((p.name, p.read_bytes()))
        else:
            problems.append(f"{p}: no such file or folder")
    sources = None
    if sources_rows:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=SOURCES_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sources_rows)
        sources = (SOURCES_CSV, out.getvalue().encode("utf-8"))
    return files, sources, problems


# ------------------------------------------------------------------ roots of a warehouse
def recorded_roots(db_path: str | Path) -> list[str] | None:
    """The document roots the warehouse at `db_path` was built from (None: no warehouse, or
    one built before roots were recorded and without a sources line)."""
    if not Path(db_path).is_file():
        return None
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(db_path)])
        info = dict(con.execute("SELECT key, value FROM w.build_info").fetchall())
    except duckdb.Error:
        return None
    finally:
        con.close()
    if info.get("roots"):
        return json.loads(info["roots"])
    if info.get("sources"):
        return [s for s in info["sources"].split("; ") if s]
    return None


def _covers(root: Path, other: Path) -> bool:
    return other == root or root in other.parents


def missing_roots(db_path: str | Path, paths: list[str | Path]) -> list[str]:
    """Roots of the current warehouse that a build over `paths` would leave out."""
    old = recorded_roots(db_path) or []
    new = [Path(p).resolve() for p in paths]
    return [r for r in old if not any(_covers(n, Path(r).resolve()) for n in new)]


def build_roots(db_path: str | Path) -> list[Path]:
    """What an incremental build after an intake reads: the warehouse's roots (so nothing it
    holds is dropped) plus the corpus; the default roots when there is no warehouse yet."""
    roots = [Path(r) for r in (recorded_roots(db_path) or [str(p) for p in default_roots()])]
    resolved = [r.resolve() for r in roots]
    if not any(_covers(r, corpus_dir().resolve()) for r in resolved):
        roots.append(corpus_dir())
    return roots
