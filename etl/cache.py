"""Per-document extraction results cached on disk, keyed on everything that determines them.

Key = sha256 of (file bytes hash, file name, sources.csv row, EXTRACTOR_VERSION, reference data
hash, fingerprint of the per-document code: the syntax trees of every module etl.pipeline,
etl.core and etl.ingest import, found by following their imports). An unchanged document therefore costs one
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
# Where a cached result comes from: the per-document step and everything it imports (found by
# following the imports, so a new module, or one like etl/offsets.py that maps every quote
# offset, is covered the day it is imported). The warehouse and dashboard code are not in it.
_ROOTS = ("etl.pipeline", "etl.core", "etl.ingest")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def reference_hash(ref: Reference) -> str:
    blob = json.dumps([ref.regions, ref.indicators], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _strip_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return tree


def _code_shape(source: str) -> str:
    """The module's syntax tree without docstrings: comment, docstring and formatting edits
    leave it unchanged, so they do not throw away a whole corpus's cached results."""
    return ast.dump(_strip_docstrings(ast.parse(source)), include_attributes=False)


def _imported_names(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Dotted names of the `etl` modules (or module attributes) `module` imports, anywhere
    in its body: a function-level import counts as much as a top-level one."""
    package = module if is_package else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = ".".join(base[:len(base) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {n for n in names if n == "etl" or n.startswith("etl.")}


def _module_file(package_dir: Path, dotted: str) -> Path | None:
    base = package_dir.joinpath(*dotted.split(".")[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None  # a name imported from a module, not a module


def _module_info(path: Path, module: str, cache: "ExtractionCache | None") -> tuple[str, list]:
    """(shape hash, imported etl names) of one module, memoised under its bytes' hash."""
    raw = path.read_bytes()
    memo_key = f"code-shape:{module}:{sha256_bytes(raw)}"
    memo = cache.memo_get(memo_key) if cache is not None else None
    if memo is not None:
        shape, imports = json.loads(memo)
        return shape, imports
    try:
        tree = ast.parse(raw.decode("utf-8"))
        imports = sorted(_imported_names(tree, module, path.name == "__init__.py"))
        shape = sha256_bytes(_code_shape(raw.decode("utf-8")).encode())
    except (SyntaxError, UnicodeDecodeError, ValueError):
        shape, imports = sha256_bytes(raw), []
    if cache is not None:
        cache.memo_put(memo_key, json.dumps([shape, imports]))
    return shape, imports


def fingerprinted_modules(package_dir: Path = PACKAGE_DIR,
                          cache: "ExtractionCache | None" = None) -> dict[str, tuple[Path, str]]:
    """module name -> (file, shape hash) for every `etl` module the roots import, directly or
    not, with the packages that contain them."""
    found: dict[str, tuple[Path, str]] = {}
    todo = list(_ROOTS)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        path = _module_file(package_dir, name)
        if path is None:
            continue
        shape, imports = _module_info(path, name, cache)
        found[name] = (path, shape)
        parents = [name.rsplit(".", k)[0] for k in range(1, name.count(".") + 1)]
        todo.extend(imports + parents)
    return found


def code_fingerprint(cache: "ExtractionCache | None" = None,
                     package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of the shapes of the code that makes results. Parsing the modules takes a good
    part of a second, so each module's shape and imports are remembered in `cache` under the
    hash of its bytes: an unchanged checkout pays one read per module."""
    h = hashlib.sha256()
    for name, (_, shape) in sorted(fingerprinted_modules(package_dir, cache).items()):
        h.update(name.encode())
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
