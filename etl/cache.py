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
import sqlite3
from functools import lru_cache
from pathlib import Path

import etl

from .records import TABLE_FIELDS, table_rows
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


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    h = hashlib.sha256()
    for name in _FINGERPRINTED:
        target = PACKAGE_DIR / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            if path.is_file():
                h.update(str(path.relative_to(PACKAGE_DIR)).encode())
                try:
                    h.update(_code_shape(path.read_text(encoding="utf-8")).encode())
                except (SyntaxError, UnicodeDecodeError, ValueError):
                    h.update(path.read_bytes())
    return h.hexdigest()


def _source_blob(source) -> str:
    if source is None:
        return ""
    if dataclasses.is_dataclass(source):
        source = dataclasses.asdict(source)
    elif hasattr(source, "_asdict"):
        source = source._asdict()
    return json.dumps(source, ensure_ascii=False, sort_keys=True, default=str)


def build_salt(ref: Reference) -> str:
    """The part of every key shared by all documents of one build (computed once)."""
    return "|".join([str(etl.EXTRACTOR_VERSION), reference_hash(ref), code_fingerprint()])


def cache_key(content_hash: str, doc_name: str, source, salt: str) -> str:
    blob = "\x1f".join([content_hash, doc_name, _source_blob(source), salt])
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# Stored compactly: records as lists in field order (field names once per table, not per
# record), plain JSON without compression, and handed back in that form (see etl.records):
# decoding is most of a fully cached rebuild, and this is ~2x cheaper than per-record dicts.
def _pack(result: dict) -> bytes:
    packed = dict(result)
    for table in TABLE_FIELDS:
        packed[table] = table_rows(result, table)
    packed["fields"] = TABLE_FIELDS
    return json.dumps(packed, ensure_ascii=False).encode("utf-8")


def _unpack(blob: bytes) -> dict:
    result = json.loads(blob)
    if set(result["fields"]) != set(TABLE_FIELDS):
        raise ValueError("cache entry from another record layout")
    return result


class ExtractionCache:
    """A key -> result-dict store in `<directory>/extractions.sqlite` (entries never expire:
    `make clean` or deleting the folder reclaims the space of superseded keys)."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.path = self.directory / "extractions.sqlite"
        self._con = sqlite3.connect(self.path, timeout=30)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("PRAGMA synchronous=NORMAL")
        self._con.execute(
            "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        self._pending: list[tuple[str, bytes]] = []

    def get(self, key: str) -> dict | None:
        row = self._con.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return _unpack(row[0])
        except (ValueError, KeyError, AttributeError, TypeError):
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
                except (ValueError, KeyError, AttributeError, TypeError):
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
