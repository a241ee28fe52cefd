"""Units of Chinese economic reporting and their canonical forms (see tests/fixtures/gold/SCHEMA.md).

Money is normalised to 亿元 (foreign currency stays in its own 亿 unit), counts to the measure word
the codebook uses, percentages to %, percentage points to 个百分点.
"""
from __future__ import annotations

import re

from .lexicon import lexicon_rows
from .wordtrie import trie_pattern
from dataclasses import dataclass

# Units after a number (the multiplier 万/亿 is part of the number) -> canonical unit and the
# factor that converts to it; kept as data (data/reference/lexicon/units.csv).
UNITS = {row["word"]: (row["canonical"], float(row["factor"]), row["generic"] == "yes")
         for row in lexicon_rows("units")}
# Measure words that only count things: the codebook's unit for the indicator wins over them.
GENERIC_COUNTS = {w for w, (_, _, generic) in UNITS.items() if generic}
UNIT_RE = re.compile(trie_pattern(UNITS))

MONEY_UNITS = {"亿元", "亿美元", "亿欧元", "亿港元", "亿日元"}
# Units that measure the same kind of thing, for checking an indicator fits a number.
DIMENSIONS = {
    "money": MONEY_UNITS,
    "area": {"亩", "平方米", "平方公里", "公顷"},
    "mass": {"吨"},
    "energy": {"千瓦时", "吨标准煤"},
    "livestock": {"头", "只"},
    "plants": {"株"},
    "wells": {"口"},
    "power": {"千瓦"},
    "volume": {"立方米"},
    "length": {"公里"},
    "people": {"人", "人次"},
    "percent": {"%", "个百分点", "‰"},
    "rank": {"位"},
}


_DIMENSION_OF = {unit: name for name, units in reversed(list(DIMENSIONS.items())) for unit in units}


def dimension(unit: str) -> str:
    if "/" in unit:
        return "ratio"   # 公斤/亩: per something, no count nor amount
    return _DIMENSION_OF.get(unit, "count")


@dataclass(frozen=True)
class UnitMatch:
    raw: str          # as written, e.g. 万元 is not here: the 万 belongs to the number
    canonical: str
    end: int          # end offset of the unit in the text
    factor: float     # multiply the number by this to get the canonical value


def read_unit(text: str, pos: int) -> UnitMatch | None:
    """The unit written at `pos` (right after a number), if any."""
    m = UNIT_RE.match(text, pos)
    if not m:
        return None
    raw = m.group(0)
    if raw == "度" and not re.match(r"电|的电", text[m.end():m.end() + 2]) \
            and not re.search(r"电", text[max(0, pos - 12):pos]):
        return None   # 度 is a unit of electricity only where electricity is meant
    per = PER_UNIT.match(text, m.end())
    if per:   # 356.2公斤/亩, 98.6公里/百平方公里, 520元/吨: a rate per unit, kept as written
        compound = f"{raw}/{per.group(1)}"
        return UnitMatch(compound, compound, per.end(), 1.0)
    canonical, factor, _ = UNITS[raw]
    return UnitMatch(raw, canonical, m.end(), factor)


# what a quantity is per: the denominator after / or 每
PER_UNIT = re.compile(r"\s*(?:/|每)\s*((?:百|千|万)?(?:平方公里|平方米|公顷|亩|吨|千克|公斤|人|户|头|只|千瓦时|立方米|件|台|辆))")


def canonical_count_unit(raw_canonical: str, indicator_unit: str | None, following: str,
                         preceding: str = "") -> str:
    """The canonical unit of a count, given the codebook unit of its indicator and the words after.

    户 counts enterprises (-> 家) when followed by 企业/公司, market entities and households stay 户.
    """
    if indicator_unit and raw_canonical in GENERIC_COUNTS and dimension(indicator_unit) == "count":
        return indicator_unit
    if raw_canonical == "户" and (re.match(r"[^,，;；。]{0,6}?(企业|公司|工厂)", following)
                                  or re.search(r"(?:企业|公司|工厂)[^,，;；。市场主体个体农]{0,24}$", preceding)):
        return "家"   # 户 of enterprises counts firms; market entities and households stay 户
    if raw_canonical == "座" and re.match(r"[^,，;；。]{0,4}?(楼|大厦)", following):
        return "栋"
    return raw_canonical


def round_value(value: float) -> float:
    """Drop binary noise from unit arithmetic (1100.9 not 1100.9000000000001)."""
    return float(f"{value:.12g}")
