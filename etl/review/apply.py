"""Decisions -> the warehouse: keys for every fact, corrections applied, rejections set aside.

Run inside every build (on the new file, before it is swapped in) and after every decision (on a
copy of the live file, swapped in the same way), so the app, which only reads the warehouse, shows
corrected values and no rejected fact without ever writing to it.

In the warehouse afterwards:
  facts.fact_key       the stable key (content hash of the document + span of the number + kind)
  facts.review_status  unreviewed | accepted | corrected; values are the corrected ones
  fact_reviews         one row per fact a decision applies to: status, note, who/when and every
                       original value, so evidence can show "was X, corrected to Y"
  rejected_facts       facts a reviewer rejected, moved out of `facts` (so every chart, view and
                       export leaves them out without knowing about reviews)
  review_orphans       decisions whose fact this build could not find: kept and listed, never
                       dropped (the store still holds them; a later build may find the fact again)
Re-application first restores the originals from these tables, so applying twice is applying once.
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from .fields import EDITABLE
from .store import CONTEXT, ReviewStore

# Columns a correction can change, with the name column that follows an id.
_NAMED = {"region_id": ("region_name", "regions"), "indicator_id": ("indicator_name", "indicators")}
_ORIGINALS = ["region_id", "region_name", "year", "period", "kind", "indicator_id",
              "indicator_name", "value", "unit", "qualifier"]
_DECIDED_COLUMNS = ["fact_key", "status", "note", *EDITABLE, *CONTEXT, "updated_by", "updated_at"]
_KEY = re.compile(r"^(?P<doc>[^:]+):(?P<start>\d+)-(?P<end>\d+):(?P<kind>\w+)(#\d+)?$")


def fact_key(content_hash: str | None, doc: str, start: int, end: int, quote: str | None,
             raw_number: str | None, kind: str) -> str:
    """`<first 16 hex of the document's sha256>:<start>-<end of the number>:<kind>`.

    The span is the number's own (the quote around it may grow or shrink when the extractor
    changes), and the document is named by its bytes, not its file name, so renaming or moving
    a file keeps its decisions."""
    ident = (content_hash or "")[:16] or doc
    offset = quote.find(raw_number) if quote and raw_number else -1
    if offset >= 0:
        start, end = start + offset, start + offset + len(raw_number)
    return f"{ident}:{start}-{end}:{kind}"


@dataclass
class ApplyReport:
    decisions: int = 0
    applied: int = 0                     # facts a decision applies to
    corrected: int = 0
    rejected: int = 0
    reattached: list[str] = field(default_factory=list)   # found again near their old span
    orphans: list[dict] = field(default_factory=list)     # not found: kept, reported

    def line(self) -> str:
        text = (f"{self.decisions} decisions: {self.applied} facts reviewed "
                f"({self.corrected} corrected, {self.rejected} rejected)")
        if self.reattached:
            text += f", {len(self.reattached)} found again at a moved span"
        if self.orphans:
            text += (f", {len(self.orphans)} ORPHANED (fact not found; kept -- "
                     f"`python -m etl review list --status orphaned`)")
        return text


def _tables(con) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}


def _restore(con) -> None:
    """Undo a previous application (a copy of a live warehouse): originals back, rejected
    facts back, review tables gone."""
    tables = _tables(con)
    if "rejected_facts" in tables:
        con.execute("INSERT INTO facts BY NAME SELECT * FROM rejected_facts")
        con.execute("DROP TABLE rejected_facts")
    if "fact_reviews" in tables:
        sets = ", ".join(f'"{c}" = r.original_{c}' for c in _ORIGINALS)
        con.execute(f"UPDATE facts SET {sets} FROM fact_reviews r "
                    f"WHERE facts.fact_id = r.fact_id")
        con.execute("DROP TABLE fact_reviews")
    con.execute("DROP TABLE IF EXISTS review_orphans")


def _assign_keys(con) -> None:
    con.execute("ALTER TABLE facts ADD COLUMN IF NOT EXISTS fact_key VARCHAR")
    con.execute("ALTER TABLE facts ADD COLUMN IF NOT EXISTS review_status VARCHAR")
    rows = con.execute(
        'SELECT f.fact_id, d.content_hash, f.doc, f."start", f."end", f.quote, f.raw_number, '
        'f.kind FROM facts f LEFT JOIN documents d USING (doc) ORDER BY f.fact_id').fetchall()
    keys, seen = [], {}
    for fact_id, digest, doc, start, end, quote, raw_number, kind in rows:
        key = fact_key(digest, doc, start, end, quote, raw_number, kind)
        # the same number read twice as the same kind (rare): number them in fact order
        n = seen[(doc, key)] = seen.get((doc, key), 0) + 1
        keys.append((fact_id, key if n == 1 else f"{key}#{n}"))
    frame = pd.DataFrame(keys, columns=["fact_id", "fact_key"])
    con.register("_keys", frame)
    try:
        con.execute("UPDATE facts SET fact_key = k.fact_key, review_status = 'unreviewed' "
                    "FROM _keys k WHERE facts.fact_id = k.fact_id")
    finally:
        con.unregister("_keys")


def _reattach(con, missing: list[dict], taken: set[int]) -> dict[str, int]:
    """Decisions whose exact key is gone but whose document still has one fact of the same
    kind whose number overlaps the old span (the extractor moved its edges): key -> fact_id."""
    found = {}
    for d in missing:
        m = _KEY.match(d["fact_key"])
        if not m:
            continue
        candidates = con.execute(
            "SELECT fact_id, fact_key FROM facts WHERE fact_key LIKE ? AND kind = ?",
            [m["doc"] + ":%", m["kind"]]).fetchall()
        near = []
        for fact_id, key in candidates:
            k = _KEY.match(key)
            if (fact_id not in taken and k and int(k["start"]) < int(m["end"])
                    and int(m["start"]) < int(k["end"])):
                near.append(fact_id)
        if len(near) == 1:
            found[d["fact_key"]] = near[0]
            taken.add(near[0])
    return found


def apply_decisions(con: duckdb.DuckDBPyConnection, decisions: list[dict]) -> ApplyReport:
    """Apply `decisions` (ReviewStore.decisions()) to the warehouse open on `con`."""
    _restore(con)
    _assign_keys(con)
    report = ApplyReport(decisions=len(decisions))
    decided = pd.DataFrame(decisions, columns=_DECIDED_COLUMNS).astype(object)
    decided = decided.where(decided.notna(), None)
    matched: list[tuple[int, str, str]] = []     # (fact_id, decision key, how it was found)
    if decisions:
        con.register("_decided", decided[["fact_key"]])
        exact = con.execute("SELECT f.fact_id, f.fact_key FROM facts f "
                            "JOIN _decided d USING (fact_key)").fetchall()
        con.unregister("_decided")
        matched = [(fid, key, "key") for fid, key in exact]
        found = {key for _, key in exact}
        missing = [d for d in decisions if d["fact_key"] not in found]
        moved = _reattach(con, missing, {fid for fid, _ in exact})
        matched += [(fid, key, "moved") for key, fid in moved.items()]
        report.reattached = sorted(moved)
        report.orphans = [d for d in missing if d["fact_key"] not in moved]
    links = pd.DataFrame(matched, columns=["fact_id", "decision_key", "matched_by"])
    links["fact_id"] = links["fact_id"].astype("int64")
    con.register("_links", links)
    con.register("_decided_rows", decided)
    # typed, whatever pandas made of columns that are mostly empty
    casts = ", ".join(f"CAST({c} AS {EDITABLE.get(c, 'VARCHAR')}) AS {c}"
                      for c in _DECIDED_COLUMNS)
    con.execute(f"CREATE OR REPLACE TEMP VIEW _decided AS SELECT {casts} FROM _decided_rows")
    try:
        originals = ", ".join(f'f."{c}" AS original_{c}' for c in _ORIGINALS)
        changed = " || ".join(
            f"CASE WHEN d.{c} IS NOT NULL THEN '{c} ' ELSE '' END" for c in EDITABLE)
        con.execute(f"""
            CREATE TABLE fact_reviews AS
            SELECT f.fact_id, f.fact_key, l.decision_key, l.matched_by,
                   CASE WHEN d.status = 'rejected' THEN 'rejected'
                        WHEN ({changed}) <> '' THEN 'corrected'
                        WHEN d.status = 'accepted' THEN 'accepted'
                        ELSE 'unreviewed' END AS review_status,
                   trim({changed}) AS corrected_fields,
                   d.note, d.updated_by AS reviewed_by, d.updated_at AS reviewed_at, {originals}
            FROM _links l JOIN facts f USING (fact_id)
            JOIN _decided d ON d.fact_key = l.decision_key
            ORDER BY f.fact_id""")
        sets = []
        for c in EDITABLE:
            sets.append(f'"{c}" = coalesce(m.{c}, facts."{c}")')
            if c in _NAMED:
                name_col, _ = _NAMED[c]
                sets.append(f'"{name_col}" = CASE WHEN m.{c} IS NULL THEN facts."{name_col}" '
                            f'ELSE coalesce(m.{name_col}_zh, facts."{name_col}") END')
        con.execute(f"""
            UPDATE facts SET {", ".join(sets)}, review_status = m.review_status
            FROM (SELECT l.fact_id, r.review_status, d.*, reg.name_zh AS region_name_zh,
                         ind.name_zh AS indicator_name_zh
                  FROM _links l JOIN fact_reviews r USING (fact_id)
                  JOIN _decided d ON d.fact_key = l.decision_key
                  LEFT JOIN regions reg ON reg.id = d.region_id
                  LEFT JOIN indicators ind ON ind.id = d.indicator_id) m
            WHERE facts.fact_id = m.fact_id""")
        con.execute("CREATE TABLE rejected_facts AS "
                    "SELECT * FROM facts WHERE review_status = 'rejected'")
        con.execute("DELETE FROM facts WHERE review_status = 'rejected'")
        orphans = [d["fact_key"] for d in report.orphans]
        con.execute("CREATE TABLE review_orphans AS SELECT * FROM _decided "
                    "WHERE list_contains(?::VARCHAR[], fact_key) ORDER BY fact_key", [orphans])
    finally:
        con.execute("DROP VIEW IF EXISTS _decided")
        con.unregister("_links")
        con.unregister("_decided_rows")
    counts = dict(con.execute("SELECT review_status, count(*) FROM fact_reviews "
                              "GROUP BY ALL").fetchall())
    report.applied = sum(counts.values())
    report.corrected = counts.get("corrected", 0)
    report.rejected = counts.get("rejected", 0)
    return report


@contextmanager
def warehouse_lock(db_path: str | Path, purpose: str = "lock"):
    """Serialise everything that swaps a new file in at `db_path` (builds, re-applications),
    across processes and threads: otherwise one could swap in a copy made before another's
    decision and silently hide it. `purpose="build.lock"` serialises whole builds (two
    builds of one warehouse in one process would share a temporary file name)."""
    lock_path = Path(db_path).with_name(f"{Path(db_path).name}.{purpose}")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as fh:        # one open file per caller: flock holds per thread too
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def reapply(db_path: str | Path, store: ReviewStore) -> ApplyReport:
    """Apply the store's decisions to the live warehouse at `db_path` without re-extracting:
    on a copy, swapped in atomically (readers never see a half-applied file)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"no warehouse at {db_path} (run `make build` first)")
    with warehouse_lock(db_path):
        tmp = db_path.with_name(f"{db_path.name}.reviewing-{os.getpid()}-{threading.get_ident()}")
        shutil.copyfile(db_path, tmp)
        try:
            con = duckdb.connect(str(tmp))
            try:
                report = apply_decisions(con, store.decisions())
                con.execute("CHECKPOINT")
            finally:
                con.close()
            os.replace(tmp, db_path)
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                leftover.unlink(missing_ok=True)
    return report
