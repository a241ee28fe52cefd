"""Units of Chinese economic reporting and their canonical forms (see tests/fixtures/gold/SCHEMA.md).

Money is normalised to 亿元 (foreign currency stays in its own 亿 unit), counts to the measure word
the codebook uses, percentages to %, percentage points to 个百分点.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Currency words after a number (the multiplier 万/亿 is part of the number): -> canonical unit.
CURRENCIES = {"元人民币": "亿元", "元": "亿元", "美元": "亿美元", "欧元": "亿欧元",
              "港元": "亿港元", "日元": "亿日元"}

# Count / measure words -> canonical unit. Order in the regex is longest first.
MEASURES = {
    "家": "家", "户": "户", "个": "个", "项": "个", "款": "个", "块": "个", "处": "个",
    "人次": "人次", "人": "人", "名": "人", "位": "位",
    "万平方米": "平方米", "平方米": "平方米", "平米": "平方米", "㎡": "平方米",
    "平方公里": "平方公里", "公顷": "公顷", "亩": "亩",
    "公里": "公里", "千米": "公里",
    "套": "套", "所": "所", "栋": "栋", "幢": "栋", "座": "座", "部": "部", "件": "件",
    "次": "次", "条": "条", "辆": "辆", "台": "台", "吨": "吨", "标准箱": "标准箱",
    "千瓦时": "千瓦时", "千瓦": "千瓦", "张": "张", "场": "场", "间": "间", "床": "张",
    "支": "支", "列": "列", "架": "架", "份": "份", "宗": "宗", "笔": "笔", "期": "期",
    "批次": "次", "轮": "次",
}
# Measure words that only count things: the codebook's unit for the indicator wins over them.
GENERIC_COUNTS = {"家", "户", "个", "项", "款", "块", "处", "座", "栋", "幢", "所", "套", "部",
                  "件", "条", "名", "人", "位", "期", "场"}

PERCENT = {"%": "%", "个百分点": "个百分点", "百分点": "个百分点"}

_UNIT_WORDS = sorted(list(CURRENCIES) + list(MEASURES) + list(PERCENT), key=len, reverse=True)
UNIT_RE = re.compile("|".join(re.escape(u) for u in _UNIT_WORDS))

MONEY_UNITS = {"亿元", "亿美元", "亿欧元", "亿港元", "亿日元"}
# Units that measure the same kind of thing, for checking an indicator fits a number.
DIMENSIONS = {
    "money": MONEY_UNITS,
    "area": {"亩", "平方米", "平方公里", "公顷"},
    "length": {"公里"},
    "people": {"人", "人次"},
    "percent": {"%", "个百分点"},
    "rank": {"位"},
}


def dimension(unit: str) -> str:
    for name, units in DIMENSIONS.items():
        if unit in units:
            return name
    return "count"


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
    if raw in CURRENCIES:
        return UnitMatch(raw, CURRENCIES[raw], m.end(), 1e-8)
    if raw in PERCENT:
        return UnitMatch(raw, PERCENT[raw], m.end(), 1.0)
    factor = 1e4 if raw == "万平方米" else 1.0
    return UnitMatch(raw, MEASURES[raw], m.end(), factor)


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
