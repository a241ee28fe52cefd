"""Fact rules, table-driven on sentences written in the style of statistics bulletins and
work reports (not taken from the seeds)."""
from datetime import date

import pytest

from etl.core import extract_text
from etl.core.timeframe import time_markers
from etl.reference import load_reference

REF = load_reference()


def facts(text, doc_date=date(2024, 3, 1)):
    return [(f.indicator_id, f.indicator_name, f.year, f.period, f.kind, f.value, f.unit)
            for f in extract_text(text, REF, doc_date).facts]


@pytest.mark.parametrize("text, expected", [
    # an amount that looks like year.month is an amount, and 比上年 is a comparison, not a year
    ("2023年，晋城市实现地区生产总值2011.3亿元，比上年增长5.2%。",
     [("gdp", "地区生产总值", 2023, "FY", "value", 2011.3, "亿元"),
      ("gdp", "地区生产总值", 2023, "FY", "growth", 5.2, "%")]),
    # a bare rate after a figure without a codebook id is that figure's growth
    ("2023年，晋城市第一产业增加值82.1亿元，增长4.0%。",
     [(None, "第一产业增加值", 2023, "FY", "value", 82.1, "亿元"),
      (None, "第一产业增加值", 2023, "FY", "growth", 4.0, "%")]),
    # planned full-year growth is a target; a year-to-date rate is an actual
    ("2024年主要预期目标是：晋城市地区生产总值增长6%左右。",
     [("gdp", "地区生产总值", 2024, "FY", "target", 6.0, "%")]),
    ("今年前两个月，晋城市力争稳住工业，规模以上工业增加值增长4.2%。",
     [("industrial_value_added", "规模以上工业增加值", 2024, "YTD-02", "growth", 4.2, "%")]),
    # urban and rural income are separate indicators, not one
    ("2023年，晋城市城镇居民人均可支配收入42000元，农村居民人均可支配收入20000元。",
     [("per_capita_disposable_income_urban", "城镇居民人均可支配收入", 2023, "FY", "value",
       0.00042, "亿元"),
      ("per_capita_disposable_income_rural", "农村居民人均可支配收入", 2023, "FY", "value",
       0.0002, "亿元")]),
])
def test_fact_rules(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text, year", [
    ("完成2011.3亿元", None),
    ("2023.05.12发布", 2023),
    ("2023-05", 2023),
    ("比上年增长", None),
    ("较去年提高", None),
    ("去年全市", 2023),
])
def test_year_markers_and_amounts(text, year):
    years = [m.year for m in time_markers(text, date(2024, 3, 1)) if m.year]
    assert (years[0] if years else None) == year
