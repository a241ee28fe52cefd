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
    # a year-to-date period holds for the rest of its paragraph
    ("1-2月，忻州经济开发区完成固定资产投资45.6亿元；规上工业企业实现营业收入187亿元，同比下降2.1%。",
     [("fixed_asset_investment", "固定资产投资", 2024, "YTD-02", "value", 45.6, "亿元"),
      (None, "规上工业企业营业收入", 2024, "YTD-02", "value", 187.0, "亿元"),
      (None, "规上工业企业营业收入", 2024, "YTD-02", "growth", -2.1, "%")]),
    # a rank in Chinese numerals, in a sentence with no other figure; the scope is not the label
    ("2023年，忻州经济开发区综合实力在全省开发区考核中位列第三。",
     [(None, "综合实力", 2023, "FY", "rank", 3.0, "位")]),
    ("忻州经济开发区力争到2025年园区营业收入突破500亿元。",
     [(None, "园区营业收入", 2025, "FY", "target", 500.0, "亿元")]),
    # 新增/净增 before a stock's name count additions: the codebook's flow indicator
    ("2023年，平遥县新增高新技术企业15家，高新技术企业总数达到60家，净增高新技术企业8家。",
     [("high_tech_enterprises_new", "新认定高新技术企业", 2023, "FY", "value", 15.0, "家"),
      ("high_tech_enterprises", "高新技术企业", 2023, "FY", "value", 60.0, "家"),
      ("high_tech_enterprises_net_new", "高新技术企业净增", 2023, "FY", "value", 8.0, "家")]),
    # a sum that classes projects is not a figure; the count of the class is
    ("2024年，晋中开发区新签约项目32个，其中10亿元以上项目6个。",
     [("inbound_projects_signed", "招商引资签约项目", 2024, "FY", "value", 32.0, "个"),
      ("fixed_asset_investment_projects", "固定资产投资项目", 2024, "FY", "value", 6.0, "个")]),
    # a capacity in a project's name is not a figure; a weak or action label gives way to
    # what is counted
    ("2023年，沁源县年产60万吨焦化项目开工建设，全县共有16个项目入选省级重点工程。",
     [(None, "项目入选省级重点工程", 2023, "FY", "value", 16.0, "个")]),
    ("2024年，长治市从要素保障等方面提出25条具体措施。",
     [(None, "具体措施", 2024, "FY", "value", 25.0, "条")]),
    # 签约项目 in a 三个一批 round-up is the pipeline's signed stage ...
    ("2024年，忻州市新签约项目56个，总投资280亿元；新开工项目40个，总投资150亿元。",
     [("projects_signed", "签约项目数", 2024, "FY", "value", 56.0, "个"),
      ("projects_signed_investment", "签约项目总投资", 2024, "FY", "value", 280.0, "亿元"),
      ("projects_started", "开工项目数", 2024, "FY", "value", 40.0, "个"),
      ("projects_started_investment", "开工项目总投资", 2024, "FY", "value", 150.0, "亿元")]),
    # the stage verb before the count: 开工N个项目 / 投产N个项目
    ("2024年，吕梁市共签约项目31个、开工27个项目、投产19个重点项目。",
     [("projects_signed", "签约项目数", 2024, "FY", "value", 31.0, "个"),
      ("projects_started", "开工项目数", 2024, "FY", "value", 27.0, "个"),
      ("projects_commissioned", "投产项目数", 2024, "FY", "value", 19.0, "个")]),
    # ... and inbound investment elsewhere, or where the clause says so
    ("2024年，忻州市新签约项目56个，总投资280亿元。",
     [("inbound_projects_signed", "招商引资签约项目", 2024, "FY", "value", 56.0, "个"),
      ("inbound_investment_signed", "招商引资签约额", 2024, "FY", "value", 280.0, "亿元")]),
    ("2024年，忻州市签约省外项目12个；新开工项目40个。",
     [("inbound_projects_signed", "招商引资签约项目", 2024, "FY", "value", 12.0, "个"),
      ("projects_started", "开工项目数", 2024, "FY", "value", 40.0, "个")]),
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


@pytest.mark.parametrize("title, period", [
    ("阳泉市一季度经济运行稳中向好", "YTD-03"),     # a news headline's period frames the article
    ("阳泉市前三季度经济运行情况", "YTD-09"),
    ("阳泉市经济运行稳中向好", "FY"),
])
def test_a_headline_period_frames_figures_without_their_own(title, period):
    text = "阳泉市地区生产总值完成201.3亿元。\n全市规模以上工业增加值同比增长5.1%。\n2023年，全市地区生产总值完成1000亿元。"
    got = [(f.indicator_id, f.year, f.period)
           for f in extract_text(text, REF, date(2024, 10, 22), title=title).facts]
    assert got == [("gdp", 2024, period), ("industrial_value_added", 2024, period),
                   ("gdp", 2023, "FY")]
