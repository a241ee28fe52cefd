"""Kinds, targets and non-figures, rule by rule (sentences written for these tests); each row
also names the rule that must decide, so a right answer for a wrong reason fails."""
from datetime import date

import pytest

from etl.core import extract_text
from etl.reference import load_reference

REF = load_reference()


def read(text, title="运城市经济运行", published=date(2023, 8, 1)):
    return [(f.kind, f.value, f.unit, f.kind_rule)
            for f in extract_text(text, REF, published, title).facts]


@pytest.mark.parametrize("text, expected", [
    ("上半年，运城市农业对经济增长的贡献率为12.4%。", [("share", 12.4, "%", "contribution_rate")]),
    ("上半年，运城市建筑业拉动经济增长0.6个百分点。", [("growth", 0.6, "个百分点", "pull_in_points")]),
    ("上半年，运城市采矿业拖累经济增长0.3个百分点。", [("growth", -0.3, "个百分点", "pull_in_points")]),
    ("上半年，运城市社会消费品零售总额以6.6%的增速领跑。", [("growth", 6.6, "%", "growth_noun_after")]),
    ("上半年，运城市居民消费价格涨幅为0.9%。", [("growth", 0.9, "%", "growth_word")]),
    ("上半年，运城市固定资产投资降幅较一季度收窄1.4个百分点。", [("growth", 1.4, "个百分点", "growth_word")]),
    ("上半年，运城市投资增速比全省高2.2个百分点。", []),
    ("上半年，运城市投资增速低于消费增速1.1个百分点。", []),
    ("上半年，运城市签约金额完成全年目标任务的58.2%。", [("share", 58.2, "%", "progress_toward_plan")]),
    ("上半年，运城市钢铁行业（占比21.5%）增长3.3%。",
     [("share", 21.5, "%", "share_word"), ("growth", 3.3, "%", "growth_word")]),
    ("上半年，运城市外贸进出口增长1.5倍。", [("growth", 150, "%", "times_are_growth")]),
    ("上半年，运城市城镇化率为61.2%。", [("share", 61.2, "%", "share_word")]),
])
def test_kind_rules(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a target cue in the figure's own clause
    ("今年，运城市力争新开工项目200个。", [("target", 200, "个", "target_cue_in_clause")]),
    # a project descriptor is a value, 预计 an estimate, even after a plan word
    ("运城市本次签约项目12个，计划总投资45亿元，预计年产值30亿元。",
     [("value", 12, "个", "level"), ("value", 45, "亿元", "project_descriptor"),
      ("value", 30, "亿元", "project_descriptor")]),
    # a control target
    ("今年，运城市单位地区生产总值能耗控制在3%以内。", [("target", 3, "%", "control_within")]),
])
def test_target_rules(text, expected):
    assert read(text, published=date(2023, 3, 1)) == expected


@pytest.mark.parametrize("text", [
    "运城市全市13个县（市、区）中有9个增速高于全省。",           # scope counts
    "运城市推介会共设1个主会场和3个分会场。",                     # venues
    "运城市企业代表40余人参加签约仪式。",                         # attendees
    "运城市产值超5亿元的企业有12家。",                             # a size class (12家 is kept)
])
def test_numbers_that_are_not_figures(text):
    got = read(text)
    assert all(v == 12 for (_, v, _, _) in got), got


def test_a_milestone_followed_by_the_figure_is_not_a_figure():
    got = read("2022年，运城市地区生产总值突破3000亿元大关，达到3105.3亿元，增长4.3%。",
               published=date(2023, 2, 1))
    assert [(k, v) for (k, v, _, _) in got] == [("value", 3105.3), ("growth", 4.3)]


def test_a_sector_before_an_aggregate_is_a_part_not_the_whole():
    got = extract_text("上半年，全市规模以上工业增加值增长6.2%，其中，化工工业增加值增长9.4%。", REF,
                       date(2023, 8, 1), "长治市上半年工业").facts
    assert [(f.indicator_id, f.indicator_name, f.value) for f in got] == [
        ("industrial_value_added", "规模以上工业增加值", 6.2), (None, "化工工业增加值", 9.4)]


def test_times_in_comparisons_and_durations_date_nothing():
    text = ("上半年，长治市地区生产总值增长5.5%，增速为2019年二季度以来的最高，"
            "分别快于一季度、2022年全年1.2个、2个百分点，已连续6个季度回升。"
            "分行业看，建筑业增长7.7%。")
    got = [(f.year, f.period, f.kind, f.value, f.unit)
           for f in extract_text(text, REF, date(2023, 7, 25), "长治市上半年经济").facts]
    assert got == [(2023, "YTD-06", "growth", 5.5, "%"), (2023, "YTD-06", "growth", 1.2, "个百分点"),
                   (2023, "YTD-06", "growth", 2, "个百分点"), (2023, "YTD-06", "growth", 7.7, "%")]


@pytest.mark.parametrize("text", [
    "过去一年，出台稳投资30条、惠企15条等措施。",
    "落实“两个确保”和支持民营经济4个10条。",
])
def test_measures_named_by_their_article_counts_are_not_figures(text):
    assert read(text, "某县政府工作报告", date(2024, 2, 1)) == []


def test_jin_is_half_a_kilogram():
    assert read("2023年，运城市小麦总产量18亿斤。", published=date(2024, 2, 1)) == [
        ("value", 900000, "吨", "level")]


def test_a_restated_figure_is_one_fact_and_growth_follows_its_level():
    got = extract_text("上半年，该区地区生产总值增长8.2%。该区上半年8.2%的增长来自工业。"
                       "第二产业增加值90亿元，占GDP比重为60%，增长9.1%。", REF, date(2023, 8, 1),
                       "晋城经济技术开发区上半年经济").facts
    assert [(f.kind, f.indicator_id, f.value) for f in got] == [
        ("growth", "gdp", 8.2), ("value", None, 90), ("share", "gdp", 60), ("growth", None, 9.1)]


def test_a_running_total_is_marked_cumulative():
    got = extract_text("截至2022年底，某经开区累计签约项目213个，当年签约项目41个。", REF,
                       date(2023, 1, 20), "晋中开发区招商引资").facts
    assert [(f.value, f.time_rule.endswith("+cumulative")) for f in got] == [(213, True), (41, False)]


@pytest.mark.parametrize("sentence", [
    "五年来，全县地区生产总值年均增长6.4%，2022年增长5.1%。",
    "“十三五”时期，全县地区生产总值年平均增长6.4%，2022年增长5.1%。",
    "过去五年，全县地区生产总值平均每年增长6.4%，2022年增长5.1%。",
])
def test_a_several_year_average_is_marked_as_one(sentence):
    got = extract_text(sentence, REF, date(2023, 1, 20), "左权县政府工作报告").facts
    assert [(f.value, "annual_average" in f.time_rule) for f in got] == [(6.4, True), (5.1, False)]
