"""Command line: python -m etl build|add|review|extract|evaluate|export ...

Exit status: 0 success; 1 some files failed (everything else was still built/written);
2 usage or setup problems (no documents, missing reference data, bad database path).
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

from . import corpus
from .review import cli as review_cli

DEFAULT_DB = Path("data/warehouse.duckdb")


class UsageError(Exception):
    """A problem with the command's inputs (exit 2), not with one document."""


def _reference(directory: str | None):
    from .reference import REFERENCE_DIR, load_reference
    try:
        return load_reference(directory or REFERENCE_DIR)
    except (OSError, ValueError) as exc:
        raise UsageError(f"reference data: {exc}") from exc


def cmd_build(args) -> int:
    ref = _reference(args.reference)
    docs = args.docs or [str(p) for p in corpus.default_roots()]
    left_out = [] if args.replace else corpus.missing_roots(args.db, docs)
    if left_out:
        # a user's folder of documents must not vanish because it was not typed again
        raise UsageError(f"{args.db} was also built from {', '.join(left_out)}, which this "
                         f"build leaves out (its documents would disappear). Add it to --docs, "
                         f"or pass --replace to build from {', '.join(docs)} alone.")
    if args.engine == "dask":
        if importlib.util.find_spec("distributed") is None:
            raise UsageError("--engine dask needs dask and distributed installed "
                             "(pinned in requirements.txt)")
        from .engines.dask_engine import build_on_dask
        try:
            summary = build_on_dask(docs, args.db, ref,
                                    scheduler=args.scheduler, workers=args.jobs,
                                    stage_dir=args.parquet)
        except ConnectionError as exc:
            raise UsageError(str(exc)) from exc
    else:
        if args.scheduler or args.parquet:
            raise UsageError("--scheduler and --parquet go with --engine dask")
        from .build import build
        from .cache import DEFAULT_CACHE_DIR
        cache_dir = None if args.no_cache else (args.cache_dir or DEFAULT_CACHE_DIR)
        summary = build(docs, args.db, ref, jobs=args.jobs,
                        cache_dir=cache_dir, progress=not args.quiet)
    if summary.documents == 0 and not summary.errors:
        print(f"error: no documents (.txt/.md/.html/.htm) found in {docs}",
              file=sys.stderr)
        return 2
    print("\n".join(summary.lines()))
    return 1 if summary.errors else 0


def cmd_add(args) -> int:
    from .add import cmd_add as add
    return add(args)


def cmd_extract(args) -> int:
    from .export import records_of, write_records
    from .pipeline import extract_documents
    ref = _reference(args.reference)
    failed = []
    results = []
    for res in extract_documents(args.paths, ref, jobs=args.jobs, progress=False):
        if not res["ok"]:
            print(f"error: {res['error']}", file=sys.stderr)
            failed.append(res)
        else:
            results.append({k: res[k] for k in ("ok", args.what, "fields") if k in res})
    if not results and not failed:
        print(f"error: no documents found in {args.paths}", file=sys.stderr)
        return 2
    n = write_records(records_of(results, args.what), args.output, args.what, args.format)
    print(f"{n} {args.what} from {len(results)} documents -> {args.output}"
          + (f" ({len(failed)} failed)" if failed else ""))
    return 1 if failed else 0


def cmd_evaluate(args) -> int:
    if args.cases:
        from . import cases
        missing = [f for f in args.cases if not Path(f).is_file()]
        if missing:
            raise UsageError(f"no such case file: {', '.join(missing)}")
        try:
            return cases.main(args.cases)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    if not args.gold:
        raise UsageError("give --gold DIR (answers for --docs) or --cases FILE ...")
    from . import evaluate
    for folder in (args.docs, args.gold):
        if not Path(folder).is_dir():
            raise UsageError(f"no such folder: {folder}")
    return int(evaluate.main(args.docs, args.gold) or 0)


def cmd_export(args) -> int:
    from .export import export_parquet
    if not Path(args.db).is_file():
        print(f"error: no warehouse at {args.db} (run `python -m etl build` first)",
              file=sys.stderr)
        return 2
    counts = export_parquet(args.db, args.parquet)
    for table, n in counts.items():
        print(f"{table:10s} {n:>8d} rows")
    print(f"-> {args.parquet}")
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="documents -> DuckDB warehouse (atomic swap)")
    b.add_argument("--docs", action="extend", nargs="+", metavar="DIR",
                   help="document folders or files (--docs A B or --docs A --docs B; "
                        "default: seeds)")
    b.add_argument("--db", default=str(DEFAULT_DB), help=f"warehouse file (default: {DEFAULT_DB})")
    b.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1,
                   help="worker processes for extraction, or LocalCluster workers "
                        "(default: CPU count)")
    b.add_argument("--no-cache", action="store_true", help="re-extract every document")
    b.add_argument("--cache-dir", help="extraction cache folder (default: data/cache)")
    b.add_argument("--reference", metavar="DIR", help="reference data (default: data/reference)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--replace", action="store_true",
                   help="allow building from fewer document folders than the current warehouse")
    b.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: this machine's processes (default); dask: a Dask cluster, "
                        "through Parquet (no extraction cache)")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler, e.g. tcp://host:8786 (default: a LocalCluster of "
                        "--jobs workers)")
    b.add_argument("--parquet", metavar="DIR",
                   help="with --engine dask: keep the records the workers wrote here (on a "
                        "real cluster, a folder every worker can reach)")
    b.set_defaults(func=cmd_build)

    a = sub.add_parser("add", help="copy documents into the corpus (data/corpus) and build")
    a.add_argument("paths", nargs="+", metavar="FILE_OR_DIR",
                   help="documents (.txt .md .html .htm), folders of them, a sources.csv")
    a.add_argument("--db", default=str(DEFAULT_DB), help=f"warehouse file (default: {DEFAULT_DB})")
    a.add_argument("--jobs", type=_positive_int, default=os.cpu_count() or 1)
    a.add_argument("--quiet", action="store_true", help="no progress bar")
    a.set_defaults(func=cmd_add)

    review_cli.register(sub, str(DEFAULT_DB))

    e = sub.add_parser("extract", help="write extracted records to CSV/JSON (no warehouse)")
    e.add_argument("paths", nargs="+", metavar="PATH", help="document files or folders")
    e.add_argument("--output", "-o", required=True, metavar="FILE")
    e.add_argument("--format", choices=["csv", "json"], default="csv")
    e.add_argument("--what", choices=["facts", "projects", "policies"], default="facts")
    e.add_argument("--jobs", type=_positive_int, default=1)
    e.add_argument("--reference", metavar="DIR")
    e.set_defaults(func=cmd_extract)

    v = sub.add_parser("evaluate", help="score extraction against the gold annotations")
    v.add_argument("--cases", nargs="+", metavar="FILE",
                   help="case files (tests/core/cases/*.yaml): print facts precision/recall each")
    v.add_argument("--gold", metavar="DIR",
                   help="hand-checked answers (seeds_facts.csv, ...; `make evaluate` passes "
                        "tests/fixtures/gold)")
    v.add_argument("--docs", default="seeds", metavar="DIR", help="documents (default: seeds)")
    v.set_defaults(func=cmd_evaluate)

    x = sub.add_parser("export", help="warehouse -> Parquet (hive-partitioned by region/year)")
    x.add_argument("--parquet", required=True, metavar="DIR")
    x.add_argument("--db", default=str(DEFAULT_DB))
    x.set_defaults(func=cmd_export)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "review":
        return review_cli.run(args)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
