"""The decision store: every reviewer's decision on a fact, in its own SQLite file.

Why SQLite beside the warehouse rather than tables in it: the app opens the warehouse read-only
and builds replace that file wholesale, while decisions must outlive every build and be written
by several browser sessions and command-line users at once. SQLite (stdlib) allows that: each
change is one `BEGIN IMMEDIATE` transaction (writers queue, none is lost), WAL lets readers go on
meanwhile.

A decision is one row per fact_key holding only the fields somebody set (NULL = keep what the
extractor found). Writes merge field by field, so two reviewers changing different fields of the
same fact both win and the same field goes to the last writer. Every change, also an overwritten
one, is a row of `history` with who, when, the old and the new value. Nothing deletes a decision:
clearing a field is a change recorded like any other.
"""
from __future__ import annotations

import getpass
import os
import sqlite3
import time
from collections.abc import Iterable
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from .fields import EDITABLE, InvalidValue

REVIEWS_FILE = "reviews.sqlite"
DECIDED = ("status", "note", *EDITABLE)       # the fields a decision can set
# What the fact looked like when it was first decided: shown for a decision whose fact a later
# build cannot find any more (an orphan), so the reviewer can still tell what it was about.
CONTEXT = ("doc", "quote", "sentence", "original_value", "original_unit")

_SQL_TYPES = {"VARCHAR": "TEXT", "INTEGER": "INTEGER", "DOUBLE": "REAL"}
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS decisions (
    fact_key   TEXT PRIMARY KEY,
    status     TEXT,
    note       TEXT,
    {", ".join(f"{f} {_SQL_TYPES[t]}" for f, t in EDITABLE.items())},
    {", ".join(f"{c} TEXT" for c in CONTEXT)},
    created_by TEXT, created_at TEXT, updated_by TEXT, updated_at TEXT
);
CREATE TABLE IF NOT EXISTS history (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    fact_key TEXT NOT NULL,
    field    TEXT NOT NULL,
    old      TEXT,
    new      TEXT,
    who      TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_by_key ON history (fact_key, id);
"""


def reviews_path_for(db_path: str | Path) -> Path:
    """The store beside a warehouse (REVIEWS_DB overrides it)."""
    env = os.environ.get("REVIEWS_DB")
    return Path(env) if env else Path(db_path).parent / REVIEWS_FILE


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:   # no login name in a container: still record something honest
        return "unknown"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ReviewStore:
    """Decisions in the SQLite file at `path` (created on the first write)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def exists(self) -> bool:
        return self.path.is_file()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA busy_timeout=30000")
        # Two writers opening a new store at once: switching it to WAL does not wait for the
        # other's lock (SQLite answers "locked" at once), so try again briefly rather than
        # lose a decision.
        for attempt in range(200):
            try:
                con.execute("PRAGMA journal_mode=WAL")
                con.executescript(_SCHEMA)
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 199:
                    con.close()
                    raise
                time.sleep(0.05)
        return con

    # ------------------------------------------------------------------ writing
    def set(self, fact_key: str, changes: dict, who: str | None = None,
            clear: Iterable[str] = (), context: dict | None = None) -> list[tuple]:
        """Merge `changes` (field -> typed value, see fields.parse) into the decision on
        `fact_key` and set the fields in `clear` back to the extractor's value. `context` is
        the fact as it is now (doc, quote, sentence, original_value, original_unit and the
        current value of each field, for the history's "old"). Returns the history rows
        written as (field, old, new)."""
        who = who or current_user()
        unknown = [f for f in [*changes, *clear] if f not in DECIDED]
        if unknown:
            raise InvalidValue(f"cannot change {', '.join(unknown)} "
                               f"(one of: {', '.join(DECIDED)})")
        if not fact_key or not str(fact_key).strip():
            raise InvalidValue("empty fact_key")
        context = context or {}
        written = []
        with closing(self._connect()) as con:
            con.execute("BEGIN IMMEDIATE")      # one writer at a time; others wait, none lost
            try:
                row = con.execute("SELECT * FROM decisions WHERE fact_key = ?",
                                  [fact_key]).fetchone()
                now = _now()
                if row is None:
                    cols = ["fact_key", *CONTEXT, "created_by", "created_at"]
                    con.execute(f"INSERT INTO decisions ({', '.join(cols)}) VALUES "
                                f"({', '.join('?' * len(cols))})",
                                [fact_key, *[_text(context.get(c)) for c in CONTEXT], who, now])
                    row = con.execute("SELECT * FROM decisions WHERE fact_key = ?",
                                      [fact_key]).fetchone()
                updates = {**{f: None for f in clear}, **changes}
                for field, new in updates.items():
                    # "old" is what the fact showed before this change: the previous decision,
                    # else what the extractor found.
                    old = row[field] if row[field] is not None else context.get(field)
                    if row[field] == new or (row[field] is None and new is None):
                        continue
                    if row[field] is None and new is not None and new == context.get(field):
                        continue        # "correcting" a field to what it already says
                    con.execute(f"UPDATE decisions SET {field} = ? WHERE fact_key = ?",
                                [new, fact_key])
                    shown_new = new if new is not None else context.get(field)
                    con.execute("INSERT INTO history (fact_key, field, old, new, who, at) "
                                "VALUES (?, ?, ?, ?, ?, ?)",
                                [fact_key, field, _text(old), _text(shown_new), who, now])
                    written.append((field, _text(old), _text(shown_new)))
                if written:
                    con.execute("UPDATE decisions SET updated_by = ?, updated_at = ? "
                                "WHERE fact_key = ?", [who, now, fact_key])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return written

    # ------------------------------------------------------------------ reading
    def decisions(self) -> list[dict]:
        """Every decision, ordered by fact_key ([] when the store does not exist yet)."""
        if not self.exists():
            return []
        with closing(self._connect()) as con:
            return [dict(r) for r in con.execute("SELECT * FROM decisions ORDER BY fact_key")]

    def decision(self, fact_key: str) -> dict | None:
        if not self.exists():
            return None
        with closing(self._connect()) as con:
            row = con.execute("SELECT * FROM decisions WHERE fact_key = ?", [fact_key]).fetchone()
            return dict(row) if row else None

    def history(self, fact_key: str | None = None) -> list[dict]:
        if not self.exists():
            return []
        with closing(self._connect()) as con:
            if fact_key is None:
                rows = con.execute("SELECT * FROM history ORDER BY id")
            else:
                rows = con.execute("SELECT * FROM history WHERE fact_key = ? ORDER BY id",
                                   [fact_key])
            return [dict(r) for r in rows]
