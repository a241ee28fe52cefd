"""Per-document extraction results cached on disk, keyed on everything that determines them.

Key = sha256 of (file bytes hash, file name, sources.csv row, EXTRACTOR_VERSION, reference data
hash, fingerprint of the ingest/core/pipeline code as syntax trees). An unchanged document therefore costs one
read + sha256 + one SQLite point lookup: it is not decoded, ingested or extracted again. The
code fingerprint is belt and braces: editing a rule without bumping EXTRACTOR_VERSION must not
leave stale rows in a dashboard.

SQLite (stdlib) rather than DuckDB: many tiny point lookups/writes, and it is fine with a
second process reading the cache while a build writes it.
"""
from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import os
import pickle
import sqlite3
import time
from pathlib import Path

import etl

from .records import has_layout
from .reference import Reference

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CACHE_DIR = PACKAGE_DIR.parent / "data" / "cache"
# Code whose behaviour shapes a cached result (the warehouse/dashboard code does not).
_FINGERPRINTED = ("core", "ingest", "models.py", "records.py", "pipeline.py")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def reference_hash(ref: Reference) -> str:
    blob = json.dumps([ref.regions, ref.indicators], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _code_shape(source: str) -> str:
    """The module's syntax tree without docstrings: comment, docstring and formatting edits
    leave it unchanged, so they do not throw away a whole corpus's cached results."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree, include_attributes=False)


def code_fingerprint(cache: "ExtractionCache | None" = None) -> str:
    """A hash of the shapes of the code that makes results. Parsing ~25 modules takes a good
    part of a second, so each module's shape hash is remembered in `cache` under the hash of
    its bytes: an unchanged checkout pays one read per module."""
    h = hashlib.sha256()
    for name in _FINGERPRINTED:
        target = PACKAGE_DIR / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            if not path.is_file():
                continue
            raw = path.read_bytes()
            memo_key = "code-shape:" + sha256_bytes(raw)
            shape = cache.memo_get(memo_key) if cache is not None else None
            if shape is None:
                try:
                    shape = sha256_bytes(_code_shape(raw.decode("utf-8")).encode())
                except (SyntaxError, UnicodeDecodeError, ValueError):
                    shape = sha256_bytes(raw)
                if cache is not None:
                    cache.memo_put(memo_key, shape)
            h.update(str(path.relative_to(PACKAGE_DIR)).encode())
            h.update(shape.encode())
    return h.hexdigest()


def _source_blob(source) -> str:
    if source is None:
        return ""
    if dataclasses.is_dataclass(source):
        source = dataclasses.asdict(source)
    elif hasattr(source, "_asdict"):
        source = source._asdict()
    return json.dumps(source, ensure_ascii=False, sort_keys=True, default=str)


def build_salt(ref: Reference, cache: "ExtractionCache | None" = None) -> str:
    """The part of every key shared by all documents of one build (computed once)."""
    return "|".join([str(etl.EXTRACTOR_VERSION), reference_hash(ref), code_fingerprint(cache)])


def cache_key(content_hash: str, doc_name: str, source, salt: str) -> str:
    blob = "\x1f".join([content_hash, doc_name, _source_blob(source), salt])
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# Stored as pickled result dicts, whose tables are already columns (see etl.records): decoding
# is most of a fully cached rebuild, and unpickling a few lists per document is ~1.5x faster
# than JSON. The cache is this tool's own working file (like __pycache__), so pickle's trust in
# its input is the same trust the code already places in its own directory.
def _pack(result: dict) -> bytes:
    return pickle.dumps(result, protocol=5)


def _unpack(blob: bytes) -> dict:
    result = pickle.loads(blob)
    if not (isinstance(result, dict) and has_layout(result)):
        raise ValueError("cache entry from another record layout")
    return result


# A remembered content hash is trusted only for a file last modified this long before the hash
# was taken: a same-size edit within one timestamp tick of the hashing cannot hide behind an
# unchanged mtime (git's "racy clean" rule, with room for 2 s filesystem timestamps).
_RACY_NS = 2_000_000_000


class ExtractionCache:
    """A key -> result-dict store in `<directory>/extractions.sqlite` (entries never expire:
    `make clean` or deleting the folder reclaims the space of superseded keys).

    It also remembers each file's content hash under its (size, mtime, inode), so a rebuild
    over unchanged files stats them instead of reading and hashing every byte again.
    """

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.path = self.directory / "extractions.sqlite"
        self._con = sqlite3.connect(self.path, timeout=30)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("PRAGMA synchronous=NORMAL")
        self._con.execute(
            "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        self._con.execute(
            "CREATE TABLE IF NOT EXISTS file_hashes (path TEXT PRIMARY KEY, size INTEGER, "
            "mtime_ns INTEGER, inode INTEGER, content_hash TEXT, recorded_ns INTEGER)")
        self._con.execute("CREATE TABLE IF NOT EXISTS memo (key TEXT PRIMARY KEY, value TEXT)")
        self._pending: list[tuple[str, bytes]] = []
        self.hashed = 0        # files read and hashed (the rest were known by their stat)

    def memo_get(self, key: str) -> str | None:
        row = self._con.execute("SELECT value FROM memo WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def memo_put(self, key: str, value: str) -> None:
        with self._con:
            self._con.execute("INSERT OR REPLACE INTO memo VALUES (?, ?)", (key, value))

    def content_hashes(self, paths: list[Path]) -> list[str | OSError]:
        """sha256 of each file's bytes (or the OSError reading it), reusing remembered hashes
        of files whose size, mtime and inode are unchanged."""
        names = [str(p) for p in paths]
        known = {}
        for i in range(0, len(names), 500):
            block = names[i:i + 500]
            marks = ",".join("?" * len(block))
            for row in self._con.execute(
                    f"SELECT path, size, mtime_ns, inode, content_hash, recorded_ns "
                    f"FROM file_hashes WHERE path IN ({marks})", block):
                known[row[0]] = row[1:]
        now = time.time_ns()
        out: list[str | OSError] = []
        fresh = []
        for path, name in zip(paths, names):
            try:
                st = os.stat(path)
                seen = known.get(name)
                if (seen is not None and seen[:3] == (st.st_size, st.st_mtime_ns, st.st_ino)
                        and st.st_mtime_ns < seen[4] - _RACY_NS):
                    out.append(seen[3])
                    continue
                digest = sha256_bytes(path.read_bytes())
            except OSError as exc:
                out.append(exc)
                continue
            self.hashed += 1
            fresh.append((name, st.st_size, st.st_mtime_ns, st.st_ino, digest, now))
            out.append(digest)
        if fresh:
            with self._con:
                self._con.executemany(
                    "INSERT OR REPLACE INTO file_hashes VALUES (?, ?, ?, ?, ?, ?)", fresh)
        return out

    def get(self, key: str) -> dict | None:
        row = self._con.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return _unpack(row[0])
        except Exception:  # unpickling garbage can raise almost anything
            return None  # a damaged entry is just a miss

    def get_many(self, keys: list[str]) -> dict[str, dict]:
        """Entries for those of `keys` that are cached (one query per 500 keys)."""
        found = {}
        for i in range(0, len(keys), 500):
            block = keys[i:i + 500]
            marks = ",".join("?" * len(block))
            for key, blob in self._con.execute(
                    f"SELECT key, value FROM results WHERE key IN ({marks})", block):
                try:
                    found[key] = _unpack(blob)
                except Exception:  # unpickling garbage can raise almost anything
                    pass  # a damaged entry is just a miss
        return found

    def put(self, key: str, result: dict) -> None:
        self._pending.append((key, _pack(result)))
        if len(self._pending) >= 500:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            with self._con:
                self._con.executemany(
                    "INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", self._pending)
            self._pending.clear()

    def close(self) -> None:
        self.flush()
        self._con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
