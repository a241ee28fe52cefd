"""`python -m etl add FILE_OR_DIR ...`: documents into the corpus, then an incremental build.

The same two steps serve the browser's Documents page (dashboard/views/documents.py), so a
document added either way is stored, named and built identically.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb

from . import corpus
from .review.apply import warehouse_lock


def incremental_build(db_path: str | Path, jobs: int | None = None, progress: bool = False,
                      on_progress: Callable[[int, int], None] | None = None,
                      reference_dir: str | Path | None = None):
    """Rebuild `db_path` from its own roots plus the corpus. Only new or changed documents
    are extracted (the per-document cache); builds of one warehouse run one at a time."""
    from .build import build
    from .cache import DEFAULT_CACHE_DIR
    from .reference import REFERENCE_DIR, load_reference
    ref = load_reference(reference_dir or REFERENCE_DIR)
    corpus.corpus_dir().mkdir(parents=True, exist_ok=True)
    cache_dir = os.environ.get("ETL_CACHE_DIR") or DEFAULT_CACHE_DIR
    with warehouse_lock(db_path, "build.lock"):
        return build(corpus.build_roots(db_path), db_path, ref, jobs=jobs,
                     cache_dir=cache_dir, progress=progress, on_progress=on_progress)


def document_results(db_path: str | Path, names: list[str]) -> dict[str, dict]:
    """Per stored document name: title, date, counts of facts/projects/policies, and the
    errors or warnings the build gave for it."""
    out = {n: {"doc": n, "loaded": False, "facts": 0, "projects": 0, "policies": 0,
               "errors": [], "warnings": []} for n in names}
    if not names or not Path(db_path).is_file():
        return out
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(db_path)])
        rows = con.execute("""
            SELECT d.doc, d.title, d.published, d.date_rule,
                   (SELECT count(*) FROM w.facts f WHERE f.doc = d.doc),
                   (SELECT count(*) FROM w.projects p WHERE p.doc = d.doc),
                   (SELECT count(*) FROM w.policies p WHERE p.doc = d.doc)
            FROM w.documents d WHERE list_contains(?::VARCHAR[], d.doc)""", [names]).fetchall()
        for doc, title, published, rule, n_facts, n_projects, n_policies in rows:
            out[doc].update(loaded=True, title=title, published=published, date_rule=rule,
                            facts=n_facts, projects=n_projects, policies=n_policies)
        for path, severity, message in con.execute(
                "SELECT path, severity, message FROM w.build_errors").fetchall():
            name = Path(path).name
            if name in out:
                out[name]["errors" if severity == "error" else "warnings"].append(message)
    finally:
        con.close()
    return out


def result_line(given: str, r: dict) -> str:
    """One line per added document for the terminal."""
    shown = r["doc"] if given == r["doc"] else f"{r['doc']} (from {given})"
    if not r["loaded"]:
        return f"failed  {shown}: " + "; ".join(r["errors"] or ["not loaded"])
    date = f"{r['published']} ({r['date_rule']})" if r.get("published") else "no date found"
    line = (f"added   {shown}: {r['facts']} facts, {r['projects']} projects, "
            f"{r['policies']} policies; dated {date}")
    return line + "".join(f"\n          warning: {w}" for w in r["warnings"])


def cmd_add(args) -> int:
    files, sources, problems = corpus.files_under(args.paths)
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    if not files and sources is None:
        print(f"error: no documents ({' '.join(corpus.DOCUMENT_SUFFIXES)}) in "
              f"{' '.join(args.paths)}", file=sys.stderr)
        return 2
    intake = corpus.add_documents(files, sources, roots=corpus.build_roots(args.db))
    for given, message in intake.refused:
        print(f"refused {message}", file=sys.stderr)
    for given, existing in intake.existing:
        print(f"skipped {given}: the same document is already there as {existing}")
    for message in intake.messages:
        print(f"note    {message}")
    if not intake.changed:
        print(f"nothing new to add to {corpus.corpus_dir()}")
        return 1 if intake.refused or problems else 0
    print(f"copied {len(intake.stored)} document(s) into {corpus.corpus_dir()}"
          + (f", {intake.sources_rows} sources.csv row(s)" if intake.sources_rows else ""))
    summary = incremental_build(args.db, jobs=args.jobs, progress=not args.quiet)
    results = document_results(args.db, [name for _, name in intake.stored])
    for given, name in intake.stored:
        print(result_line(given, results[name]))
    print("\n".join(summary.lines()))
    failed = any(not r["loaded"] for r in results.values())
    return 1 if failed or intake.refused or problems else 0
