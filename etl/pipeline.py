"""Per-document processing: discover -> ingest -> extract, cached and in parallel, streamed.

`extract_documents` yields one plain-dict result per file (see etl.records) as soon as it is
ready; the document text is dropped right after extraction, so memory holds only the records.
A failing file becomes an error result naming it; it never stops the others. Loading the
results into the warehouse is etl.build's job.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from . import core, ingest
from .cache import ExtractionCache, build_salt, cache_key, sha256_bytes
from .models import Document, Extraction
from .records import error_result, ok_result
from .reference import Reference
from .schema import RECORD_TABLES, required_fields

# Fields a record must have for the warehouse's NOT NULL columns; a record without them is
# dropped with a warning instead of failing the whole load.
_REQUIRED = {table: required_fields(table) for table in RECORD_TABLES}


def discover_sources(paths: Iterable[str | Path], warnings: list[str] | None = None
                     ) -> list[tuple[Path, object]]:
    """(file, its sources.csv row or None) for every document under `paths`, sorted;
    sources.csv problems are added to `warnings`."""
    files, csv_warnings = ingest.discover_sources([Path(p) for p in paths])
    if warnings is not None:
        warnings.extend(csv_warnings)
    return files


def _drop_incomplete(result: dict) -> dict:
    kept_warnings = []
    for table, required in _REQUIRED.items():
        cols = result[table]
        bad = sorted({i for f in required for i, v in enumerate(cols[f]) if v is None})
        for i in bad:
            missing = [f for f in required if cols[f][i] is None]
            kept_warnings.append(f"{result['path']}: dropped a {table[:-1]} record without "
                                 f"{', '.join(missing)} (at {cols['start'][i]})")
        if bad:
            drop = set(bad)
            result[table] = {f: [v for i, v in enumerate(values) if i not in drop]
                             for f, values in cols.items()}
    result["dropped"] = kept_warnings
    return result


@dataclass
class Processed:
    """One file after ingest and extraction: the document and its records, or the error (one
    line naming the file) that stopped it."""
    path: Path
    doc: Document | None = None
    extraction: Extraction | None = None
    error: str | None = None


def process(path: Path, source, ref: Reference) -> Processed:
    """Read, ingest and extract one file; any failure becomes an error naming it, so one odd
    file never stops the others."""
    shown = str(path)
    try:
        doc = ingest.read_document(path, source)
    except ingest.IngestError as exc:
        return Processed(path, error=str(exc))
    except Exception as exc:  # an ingest bug on one odd file must not stop the build
        return Processed(path, error=f"{shown}: ingest failed: {type(exc).__name__}: {exc}")
    doc.doc, doc.path = path.name, shown
    try:
        extraction = core.extract_document(doc, ref)
    except Exception as exc:
        return Processed(path, doc,
                         error=f"{shown}: extraction failed: {type(exc).__name__}: {exc}")
    return Processed(path, doc, extraction)


def process_documents(paths: Iterable[str | Path], ref: Reference,
                      warnings: list[str] | None = None) -> Iterator[Processed]:
    """`process` over every document under `paths`, in order, in this process: for callers
    that need the documents and records themselves (evaluation, tests)."""
    for path, source in discover_sources(paths, warnings):
        yield process(path, source, ref)


def process_file(path: Path, source, ref: Reference) -> dict:
    """`process` as a plain-dict result (see etl.records), the unit workers send back."""
    done = process(path, source, ref)
    name, shown = path.name, str(path)
    if done.error is not None:
        return error_result(name, shown, done.error)
    try:
        doc = done.doc
        if not doc.content_hash:
            doc.content_hash = sha256_bytes(path.read_bytes())
        return _drop_incomplete(ok_result(doc, done.extraction))
    except Exception as exc:  # e.g. a record that cannot be serialised
        return error_result(name, shown, f"{shown}: bad extraction result: "
                                         f"{type(exc).__name__}: {exc}")


# --- worker processes: the Reference is handed over once per worker, not once per task ---
_WORKER_REF: Reference | None = None


def _init_worker(ref: Reference) -> None:
    global _WORKER_REF
    _WORKER_REF = ref


def _work(item: tuple[str, object]) -> dict:
    path, source = item
    return process_file(Path(path), source, _WORKER_REF)


def _extract_misses(misses: list[tuple[Path, object]], ref: Reference, jobs: int
                    ) -> Iterator[dict]:
    if jobs <= 1 or len(misses) < 2 * jobs:
        for path, source in misses:
            yield process_file(path, source, ref)
        return
    # Small chunks keep workers evenly loaded; results come back in any order (the build sorts).
    chunksize = max(1, min(32, len(misses) // (jobs * 8)))
    items = [(str(p), s) for p, s in misses]
    # fork where available: workers start in milliseconds and inherit the loaded code as is
    # (Python 3.14 changes the default to forkserver).
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(ref,)) as pool:
        yield from pool.imap_unordered(_work, items, chunksize=chunksize)


def extract_documents(paths: Iterable[str | Path], ref: Reference, jobs: int | None = None,
                      cache_dir: str | Path | None = None, progress: bool = False,
                      warnings: list[str] | None = None, stats: dict | None = None
                      ) -> Iterator[dict]:
    """Yield one result dict per document found under `paths` (order not guaranteed).

    With `cache_dir`, a file whose bytes, name, sources row, extractor version, reference data
    and extraction code are unchanged is served from the cache without being decoded.
    `warnings` collects sources.csv problems; `stats` gets counts (files, cached, extracted).
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    files = discover_sources(paths, warnings)
    stats = stats if stats is not None else {}
    stats.update(files=len(files), cached=0, extracted=0, hashed=0)
    bar = tqdm(total=len(files), unit="doc", file=sys.stderr, disable=not progress,
               dynamic_ncols=True, leave=False)
    cache = ExtractionCache(cache_dir) if cache_dir is not None else None
    try:
        misses: list[tuple[Path, object]] = []
        keys: dict[str, str] = {}
        if cache is None:
            misses = files
        else:
            salt = build_salt(ref, cache)
            for start in range(0, len(files), 500):
                block: list[tuple[Path, object, str]] = []
                chunk = files[start:start + 500]
                hashes = cache.content_hashes([path for path, _ in chunk])
                for (path, source), digest in zip(chunk, hashes):
                    if isinstance(digest, OSError):
                        bar.update()
                        yield error_result(path.name, str(path), f"{path}: unreadable: {digest}")
                        continue
                    block.append((path, source, cache_key(digest, path.name, source, salt)))
                hits = cache.get_many([key for _, _, key in block])
                for path, source, key in block:
                    hit = hits.get(key)
                    if hit is None:
                        keys[str(path)] = key
                        misses.append((path, source))
                        continue
                    hit["path"] = hit["document"]["path"] = str(path)
                    stats["cached"] += 1
                    bar.update()
                    yield hit
        for result in _extract_misses(misses, ref, jobs):
            stats["extracted"] += 1
            if cache is not None and result["ok"]:
                cache.put(keys[result["path"]], result)
            bar.update()
            yield result
    finally:
        bar.close()
        if cache is not None:
            stats["hashed"] = cache.hashed
            cache.close()
