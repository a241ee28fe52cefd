"""Cue words of Chinese economic reporting, kept as data (data/reference/lexicon/cues.csv,
read through `etl.reference.load_lexicon`, the one loader of word lists).

Each row names a list and one word of it: adding a cue word is a row in the CSV, not a code
change. `words_re(name)` is the alternation of a list, longest word first, so the longest cue
wins where two overlap.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..reference import load_lexicon
from .wordtrie import trie_pattern


@lru_cache(maxsize=1)
def _lists() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in load_lexicon("cues"):
        if not row.get("list"):
            raise ValueError(f"lexicon cues.csv: the word {row['word']!r} names no list")
        out.setdefault(row["list"], []).append(row["word"])
    return {k: tuple(v) for k, v in out.items()}


def lexicon_rows(name: str) -> tuple[dict, ...]:
    """The rows of another table of the lexicon (units)."""
    return load_lexicon(name)


def words(name: str) -> tuple[str, ...]:
    try:
        return _lists()[name]
    except KeyError:
        raise KeyError(f"lexicon cues.csv: no word list named {name!r}") from None


@lru_cache(maxsize=None)
def words_re(name: str) -> re.Pattern:
    """The list as one regex; a word may hold `…` for a short gap inside a clause."""
    alts = sorted(words(name), key=len, reverse=True)
    if not any("…" in w for w in alts):
        return re.compile(trie_pattern(alts))  # the same matches, faster (see wordtrie)
    return re.compile("|".join(r"[^，,。；;：:]{0,12}?".join(map(re.escape, w.split("…"))) for w in alts))
