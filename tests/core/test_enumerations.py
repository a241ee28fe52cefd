"""One enumeration step, rule by rule (sentences written for these tests)."""
from datetime import date

import pytest

from etl.core import extract_text
from etl.reference import load_reference

REF = load_reference()


def facts(text, title="山西省经济运行", published=date(2023, 8, 1)):
    return sorted((f.region_id or f.region_name, f.period, f.kind, f.value, f.unit, f.region_rule)
                  for f in extract_text(text, REF, published, title).facts)


@pytest.mark.parametrize("text, expected", [
    # respectively, with a predicate between the places and 分别
    ("上半年，忻府区、原平市投资增势良好，分别完成投资21.5亿元和17.8亿元。",
     [("原平市", "YTD-06", "value", 17.8, "亿元", "respectively"),
      ("忻府区", "YTD-06", "value", 21.5, "亿元", "respectively")]),
    # distributive: each place has the figure
    ("静乐县、岢岚县各新增规上企业四家。",
     [("岢岚县", "FY", "value", 4, "家", "distributive"), ("静乐县", "FY", "value", 4, "家", "distributive")]),
    # items that carry their own figure
    ("增速居前的是泽州县（9.1%）、高平市（8.7%）。",
     [("泽州县", "FY", "growth", 9.1, "%", "item_figure"), ("高平市", "FY", "growth", 8.7, "%", "item_figure")]),
    # a list ranked in order
    ("从增速看，朔州、大同、忻州分列全省前三位。",
     [("datong", "FY", "rank", 2, "位", "ranked_list"), ("shuozhou", "FY", "rank", 1, "位", "ranked_list"),
      ("xinzhou", "FY", "rank", 3, "位", "ranked_list")]),
    # a figure shared by the list
    ("左权、和顺两县农业产值分别为9.3亿元、8.1亿元，增速同为4.4%。",
     [("和顺县", "FY", "growth", 4.4, "%", "shared_by_list"), ("和顺县", "FY", "value", 8.1, "亿元", "respectively"),
      ("左权县", "FY", "growth", 4.4, "%", "shared_by_list"), ("左权县", "FY", "value", 9.3, "亿元", "respectively")]),
])
def test_place_lists(text, expected):
    assert facts(text) == expected


def test_periods_listed_with_respectively():
    got = facts("2022年，全省地区生产总值一季度、上半年、全年分别增长4.1%、4.4%和4.9%。",
                published=date(2023, 1, 20))
    assert [(p, v) for (_, p, _, v, _, _) in got] == [("FY", 4.9), ("YTD-03", 4.1), ("YTD-06", 4.4)]


def test_indicators_sharing_one_rank():
    got = extract_text("上半年，全市地区生产总值、固定资产投资增速均居全省前2位。", REF,
                       date(2024, 8, 1), "吕梁市上半年经济运行").facts
    assert sorted((f.indicator_id, f.kind, f.value, f.qualifier) for f in got) == [
        ("fixed_asset_investment", "rank", 2, "less_than"), ("gdp", "rank", 2, "less_than")]


def test_a_list_stops_where_the_next_place_is_named():
    got = facts("前三季度，分县看，汾阳市增长7.1%，文水县、交城县分别增长6.4%、5.9%，方山县下降1.2%。",
                title="吕梁市前三季度县域经济", published=date(2023, 10, 30))
    assert [(r, v) for (r, _, _, v, _, _) in got] == [
        ("交城县", 5.9), ("文水县", 6.4), ("方山县", -1.2), ("汾阳市", 7.1)]


def test_ranked_list_then_its_figures():
    got = facts("从增速看，晋城、晋中、太原分列前三位，增速分别为7.9%、7.6%和7.4%。",
                published=date(2018, 11, 2))
    assert sorted((r, k, v) for (r, _, k, v, _, _) in got) == [
        ("jincheng", "growth", 7.9), ("jincheng", "rank", 1), ("jinzhong", "growth", 7.6),
        ("jinzhong", "rank", 2), ("taiyuan", "growth", 7.4), ("taiyuan", "rank", 3)]


def test_a_period_named_in_passing_does_not_carry():
    got = extract_text("全县36个项目集中开工，这是继上半年12个项目开工后的又一批。\n9月，全县签约项目27个。",
                       REF, date(2018, 10, 30), "沁县项目集中开工").facts
    # 上半年 does not run on into the next paragraph; 9月 there is September alone
    assert [(f.value, f.period) for f in got] == [(36, "FY"), (12, "YTD-06"), (27, "M-09")]
