"""Word lists of Chinese economic reporting, kept as data (data/reference/lexicon/cues.csv).

Each row names a list and one word of it: adding a cue word is a row in the CSV, not a code
change. The lists are read once; `words_re(name)` is the alternation of a list, longest word
first, so the longest cue wins where two overlap.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "reference" / "lexicon"
CUES = LEXICON_DIR / "cues.csv"


@lru_cache(maxsize=1)
def _lists() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    with CUES.open(encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.DictReader(fh), start=2):
            name, word = (row.get("list") or "").strip(), (row.get("word") or "").strip()
            if not name or not word:
                raise ValueError(f"{CUES}:{lineno}: a row needs a list and a word")
            out.setdefault(name, []).append(word)
    return {k: tuple(v) for k, v in out.items()}


def lexicon_rows(file_name: str) -> list[dict]:
    """The rows of another table of the lexicon folder (units.csv)."""
    with (LEXICON_DIR / file_name).open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def words(name: str) -> tuple[str, ...]:
    try:
        return _lists()[name]
    except KeyError:
        raise KeyError(f"{CUES}: no word list named {name!r}") from None


@lru_cache(maxsize=None)
def words_re(name: str) -> re.Pattern:
    """The list as one regex; a word may hold `…` for a short gap inside a clause."""
    alts = sorted(words(name), key=len, reverse=True)
    return re.compile("|".join(r"[^，,。；;：:]{0,12}?".join(map(re.escape, w.split("…"))) for w in alts))
