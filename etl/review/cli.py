"""`python -m etl review list|set|export|import|history`: the Review page's actions in a terminal.

Every command names facts by their `fact_key` (stable across builds); `set` and `import` write
the decision store and re-apply it to the warehouse at once, so the dashboard shows the change
without a rebuild.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import duckdb
import pandas as pd

from .apply import reapply
from .fields import EDITABLE, InvalidValue, Vocabulary, parse
from .store import DECIDED, ReviewStore, current_user, reviews_path_for

STATUSES = ("unreviewed", "accepted", "corrected", "rejected", "orphaned")
LIST_COLUMNS = ["fact_key", "review_status", "doc", "region_id", "region_name", "year", "period",
                "kind", "indicator_id", "indicator_name", "value", "unit", "qualifier", "quote",
                "note", "original_value", "original_unit", "corrected_fields"]
EXPORT_COLUMNS = ["fact_key", "status", "note", *EDITABLE, "doc", "quote", "updated_by",
                  "updated_at"]


class ReviewError(Exception):
    """A usage problem (exit 2) with a message naming the key, file or value."""


def _attach(db_path) -> duckdb.DuckDBPyConnection:
    if not Path(db_path).is_file():
        raise ReviewError(f"no warehouse at {db_path} (run `make build` first)")
    con = duckdb.connect()
    con.execute("ATTACH ? AS w (READ_ONLY)", [str(db_path)])
    con.execute("USE w")
    return con


def review_rows(db_path, key: str | None = None) -> pd.DataFrame:
    """Every fact of the warehouse with its review state, rejected ones and orphaned
    decisions included (one row per fact_key); only the fact `key` when given."""
    con = _attach(db_path)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_catalog = 'w'").fetchall()}
        if "fact_reviews" not in tables:
            raise ReviewError(f"{db_path} was built before reviews existed: run `make build`")
        facts = con.execute("""
            SELECT f.*, r.note, r.original_value, r.original_unit, r.corrected_fields
            FROM (SELECT * FROM facts UNION ALL BY NAME SELECT * FROM rejected_facts) f
            LEFT JOIN fact_reviews r USING (fact_id)
            WHERE ?::VARCHAR IS NULL OR f.fact_key = ?
            ORDER BY f.doc, f."start", f.fact_id""", [key, key]).df()
        orphans = con.execute("SELECT *, 'orphaned' AS review_status FROM review_orphans "
                              "WHERE ?::VARCHAR IS NULL OR fact_key = ?", [key, key]).df()
    finally:
        con.close()
    if not orphans.empty:
        facts = pd.concat([facts, orphans.reindex(columns=facts.columns)], ignore_index=True)
    return facts


def _vocabulary(db_path) -> Vocabulary:
    con = _attach(db_path)
    try:
        return Vocabulary.from_frames(con.execute("SELECT * FROM regions").df(),
                                      con.execute("SELECT * FROM indicators").df())
    finally:
        con.close()


def _context(rows: pd.DataFrame, key: str) -> dict | None:
    hit = rows[rows["fact_key"] == key]
    if hit.empty:
        return None
    r = hit.iloc[0].to_dict()
    r = {k: (None if (isinstance(v, float) and pd.isna(v)) or v is pd.NA else v)
         for k, v in r.items()}
    # the values before any correction, for the history's "old"
    r.setdefault("original_value", r.get("value"))
    if r.get("original_value") is None:
        r["original_value"] = r.get("value")
    if r.get("original_unit") is None:
        r["original_unit"] = r.get("unit")
    return r


def decide(db_path, store: ReviewStore, key: str, changes: dict, clear=(), who=None,
           rows: pd.DataFrame | None = None, apply: bool = True) -> list[tuple]:
    """Record one decision (values already parsed) and re-apply the store; the browser's
    Review page calls this too. Unknown keys are refused (a typo must not become an orphan)."""
    rows = review_rows(db_path, key) if rows is None else rows   # one fact: cheap on a big corpus
    context = _context(rows, key)
    if context is None and store.decision(key) is None:
        raise ReviewError(f"no fact with key {key!r} in {db_path} "
                          f"(`python -m etl review list` shows the keys)")
    written = store.set(key, changes, who=who, clear=clear, context=context or {})
    if apply:
        reapply(db_path, store)
    return written


# ------------------------------------------------------------------ commands
def cmd_list(args) -> int:
    rows = review_rows(args.db)
    if args.region:
        rows = rows[(rows["region_id"] == args.region) | (rows["region_name"] == args.region)]
    if args.status:
        rows = rows[rows["review_status"].isin(args.status)]
    if args.doc:
        rows = rows[rows["doc"] == args.doc]
    rows = rows[LIST_COLUMNS]
    if args.format == "csv":
        rows.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        shown = rows[["fact_key", "review_status", "region_name", "year", "period", "kind",
                      "indicator_name", "value", "unit", "quote"]]
        with pd.option_context("display.max_rows", None, "display.width", 200,
                               "display.max_colwidth", 40):
            print(shown.to_string(index=False) if not shown.empty else "no facts match")
    return 0


def _changes_from(values: dict, vocab: Vocabulary) -> dict:
    return {f: parse(f, v, vocab) for f, v in values.items() if v is not None}


def cmd_set(args) -> int:
    store = ReviewStore(args.reviews or reviews_path_for(args.db))
    vocab = _vocabulary(args.db)
    given = {"status": args.status, "note": args.note,
             **{f: getattr(args, f) for f in EDITABLE}}
    changes = _changes_from(given, vocab)
    clear = list(args.clear or [])
    if not changes and not clear:
        raise ReviewError("nothing to set: give --status, a field (--value ...), --note or --clear")
    written = decide(args.db, store, args.fact_key, changes, clear, who=args.who)
    if not written:
        print(f"{args.fact_key}: unchanged")
    for field, old, new in written:
        print(f"{args.fact_key}: {field} {old if old is not None else '-'} -> "
              f"{new if new is not None else '-'}")
    return 0


def cmd_export(args) -> int:
    store = ReviewStore(args.reviews or reviews_path_for(args.db))
    frame = pd.DataFrame(store.decisions(), columns=[*EXPORT_COLUMNS]).reindex(
        columns=EXPORT_COLUMNS)
    frame.to_csv(args.file, index=False, lineterminator="\n")
    print(f"{len(frame)} decisions -> {args.file}")
    return 0


def read_decisions_csv(path, vocab: Vocabulary) -> list[tuple[str, dict]]:
    """(fact_key, parsed changes) per row of an exported decisions CSV; every problem names
    the file, line and value, and nothing is written unless the whole file is good."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path}: cannot read ({exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    if "fact_key" not in (reader.fieldnames or []):
        raise ReviewError(f"{path}: no fact_key column (write one with `etl review export`)")
    out, problems = [], []
    for row in reader:
        key = (row.get("fact_key") or "").strip()
        if not key:
            problems.append(f"{path} line {reader.line_num}: empty fact_key")
            continue
        changes = {}
        for field in DECIDED:
            value = (row.get(field) or "").strip()
            if value:
                try:
                    changes[field] = parse(field, value, vocab)
                except InvalidValue as exc:
                    problems.append(f"{path} line {reader.line_num} ({key}): {exc}")
        out.append((key, changes))
    if problems:
        raise ReviewError("nothing imported:\n  " + "\n  ".join(problems))
    return out


def cmd_import(args) -> int:
    store = ReviewStore(args.reviews or reviews_path_for(args.db))
    vocab = _vocabulary(args.db)
    decisions = read_decisions_csv(args.file, vocab)
    rows = review_rows(args.db)
    for key, changes in decisions:
        store.set(key, changes, who=args.who, context=_context(rows, key) or {})
    report = reapply(args.db, store)
    print(f"{len(decisions)} decisions imported from {args.file}; {report.line()}")
    return 0


def cmd_history(args) -> int:
    store = ReviewStore(args.reviews or reviews_path_for(args.db))
    rows = store.history(args.fact_key)
    if not rows:
        print(f"no decisions recorded for {args.fact_key}")
    for r in rows:
        print(f"{r['at']}  {r['who']}  {r['fact_key']}  {r['field']}: "
              f"{r['old'] if r['old'] is not None else '-'} -> "
              f"{r['new'] if r['new'] is not None else '-'}")
    return 0


def register(sub, default_db: str) -> None:
    """Add `review` and its subcommands to the `python -m etl` parser."""
    r = sub.add_parser("review", help="list, correct, accept or reject extracted facts")
    rs = r.add_subparsers(dest="review_command", required=True)

    def common(p):
        p.add_argument("--db", default=default_db, help=f"warehouse (default: {default_db})")
        p.add_argument("--reviews", metavar="FILE",
                       help="decision store (default: reviews.sqlite beside the warehouse)")

    ls = rs.add_parser("list", help="one row per fact with its fact_key and review state")
    common(ls)
    ls.add_argument("--region", help="region id or Chinese name")
    ls.add_argument("--status", action="extend", nargs="+", choices=STATUSES)
    ls.add_argument("--doc", help="document file name")
    ls.add_argument("--format", choices=["table", "csv"], default="table")
    ls.set_defaults(func=cmd_list)

    st = rs.add_parser("set", help="accept, reject or correct one fact")
    common(st)
    st.add_argument("fact_key")
    st.add_argument("--status", choices=["accepted", "rejected"])
    for field in EDITABLE:
        flag = {"region_id": "--region", "indicator_id": "--indicator"}.get(
            field, f"--{field}")
        st.add_argument(flag, dest=field, metavar=field.split("_")[0].upper())
    st.add_argument("--note")
    st.add_argument("--clear", action="append", choices=list(DECIDED), metavar="FIELD",
                    help="undo an earlier correction of FIELD (repeatable)")
    st.add_argument("--who", default=current_user(), help="reviewer name for the history")
    st.set_defaults(func=cmd_set)

    ex = rs.add_parser("export", help="every decision to a CSV file")
    common(ex)
    ex.add_argument("file", metavar="FILE.csv")
    ex.set_defaults(func=cmd_export)

    im = rs.add_parser("import", help="decisions from a CSV written by export")
    common(im)
    im.add_argument("file", metavar="FILE.csv")
    im.add_argument("--who", default=current_user())
    im.set_defaults(func=cmd_import)

    hi = rs.add_parser("history", help="who changed what, when (one fact or all)")
    common(hi)
    hi.add_argument("fact_key", nargs="?")
    hi.set_defaults(func=cmd_history)


def run(args) -> int:
    try:
        return args.func(args)
    except (ReviewError, InvalidValue, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
