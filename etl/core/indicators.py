"""Map the words around a number to the indicator codebook (data/reference/indicators.csv).

Synonyms are matched on the clause with quotation marks removed (省级“专精特新” reads as
省级专精特新). A synonym may hold `…` for a short gap (签约…项目 matches 签约某某产业园等8个项目).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..reference import Reference
from .textnorm import normalize
from .units import dimension
from .wordtrie import trie_pattern

QUOTES = "“”\"'‘’「」『』"
_GAP = r"[^,，;；。:：]{0,28}?"
# Words right before an indicator's name that make its figure a flow (additions in the period).
FLOW_WORDS = ("新增", "新认定", "新培育", "新引进", "新发展", "新登记")
NET_FLOW_WORDS = ("净增", "净增加")


@dataclass(frozen=True)
class IndicatorInfo:
    id: str
    name: str
    unit: str
    investment_id: str | None


@dataclass(frozen=True)
class IndicatorMatch:
    start: int          # offsets in the clause as given (quotes included)
    end: int
    info: IndicatorInfo
    gap: bool           # matched a synonym with a gap


class Codebook:
    def __init__(self, ref: Reference):
        self.by_id: dict[str, IndicatorInfo] = {}
        patterns: dict[str, str] = {}
        for row in ref.indicators:
            info = IndicatorInfo(row["id"], row["name_zh"], row.get("unit") or "",
                                 row.get("investment_id") or None)
            self.by_id[info.id] = info
            words = [row["name_zh"], *(s for s in (row.get("synonyms") or "").split("|") if s)]
            for word in words:
                word = normalize(word).text.translate({ord(q): None for q in QUOTES})
                key = word
                if key in patterns:
                    continue  # the first indicator to claim a synonym keeps it
                patterns[key] = info.id
        self._targets = patterns
        ordered = sorted(patterns, key=lambda w: len(w.replace("…", "")), reverse=True)
        # Where two synonyms match at one position the one earlier in `ordered` (the longer)
        # wins. Literal synonyms run as one trie regex (etl.core.wordtrie: the costliest regex
        # of extraction otherwise); the few with a gap run as an ordered alternation beside it,
        # and `_first_match` merges the two exactly as one alternation would.
        self._rank = {word: i for i, word in enumerate(ordered)}
        self._literal_re = re.compile(trie_pattern(w for w in ordered if "…" not in w))
        gapped = [w for w in ordered if "…" in w]
        self._gap_re = re.compile("|".join(
            f"(?P<g{i}>" + _GAP.join(re.escape(p) for p in word.split("…")) + ")"
            for i, word in enumerate(gapped)) or "(?!)")
        self._gap_word = {f"g{i}": word for i, word in enumerate(gapped)}

    def _matches(self, text: str):
        """(start, end, synonym) of every synonym in `text`, left to right, not overlapping."""
        pos = 0
        while True:
            lit, gap = self._literal_re.search(text, pos), self._gap_re.search(text, pos)
            if lit is None and gap is None:
                return
            if gap is None or (lit is not None and (
                    lit.start() < gap.start() or (lit.start() == gap.start() and
                    self._rank[lit.group(0)] < self._rank[self._gap_word[gap.lastgroup]]))):
                yield lit.start(), lit.end(), lit.group(0)
                pos = lit.end()
            else:
                yield gap.start(), gap.end(), self._gap_word[gap.lastgroup]
                pos = gap.end()

    def find(self, clause: str) -> list[IndicatorMatch]:
        """Every synonym in `clause` (offsets in `clause`), longest first where they overlap."""
        out = []
        if not any(q in clause for q in QUOTES):   # the usual case: offsets are the clause's
            for start, end, word in self._matches(clause):
                info = self._as_flow(self.by_id[self._targets[word]], clause[:start])
                out.append(IndicatorMatch(start, end, info, "…" in word))
            return out
        keep = [i for i, ch in enumerate(clause) if ch not in QUOTES]
        stripped = "".join(clause[i] for i in keep)
        for start, end, word in self._matches(stripped):
            info = self._as_flow(self.by_id[self._targets[word]], stripped[:start])
            out.append(IndicatorMatch(keep[start], keep[end - 1] + 1, info, "…" in word))
        return out

    def _as_flow(self, info: IndicatorInfo, before: str) -> IndicatorInfo:
        """新增高新技术企业15家 counts additions, not the stock: the codebook's X_new (净增:
        X_net_new) where it has one."""
        for words, suffix in (FLOW_WORDS, "_new"), (NET_FLOW_WORDS, "_net_new"):
            if before.endswith(words) and not info.id.endswith(("_new", "_net_new")):
                return self.by_id.get(info.id + suffix, info)
        return info

    def total_of(self, info: IndicatorInfo) -> IndicatorInfo | None:
        """The stock indicator behind a flow one (X_new / X_net_new -> X): 新增5户,达到41户."""
        for suffix in ("_net_new", "_new"):
            if info.id.endswith(suffix):
                return self.by_id.get(info.id[: -len(suffix)])
        return None

    def investment_of(self, info: IndicatorInfo) -> IndicatorInfo | None:
        return self.by_id.get(info.investment_id) if info.investment_id else None


def fits(info: IndicatorInfo, unit: str, kind: str) -> bool:
    """Whether a number in `unit` of `kind` can be a figure of this indicator."""
    if kind in ("growth", "share"):
        return True
    if kind == "rank":
        return info.unit == "位"
    if info.unit == "位":
        return False
    want, have = dimension(info.unit), dimension(unit)
    if want == "percent":
        return have == "percent"
    if info.unit == "次" and unit in ("个", "项", "家"):
        return False   # 活动…项目54个: what an event counted, not how often it was held
    return want == have


@lru_cache(maxsize=8)
def codebook_for(ref: Reference) -> Codebook:
    return Codebook(ref)
