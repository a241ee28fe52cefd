"""End-to-end extraction on documents written for these tests in the styles the product meets:
statistics bulletins, 三个一批 round-ups listing several cities, traditional-character pages,
pages with no year in the text, work reports with a plan section. Plus the seeds against gold."""
from datetime import date
from pathlib import Path

import pytest

from etl.core import extract_text
from etl.evaluate import evaluate
from etl.reference import load_reference

ROOT = Path(__file__).resolve().parents[2]
REF = load_reference()


def facts_of(text, doc_date=None, title=None):
    ex = extract_text(text, REF, doc_date, title)
    for f in ex.facts:
        assert text[f.start:f.end] == f.quote  # grounded
    return {(f.region_id or f.region_name, f.year, f.period, f.indicator_id, f.kind, f.value,
             f.unit, f.qualifier) for f in ex.facts}


BULLETIN = """大同市2023年国民经济和社会发展统计公报
2023年,全市地区生产总值完成1925.33亿元,同比增长5.2%。规模以上工业增加值增长4.1%。
全年社会消费品零售总额812.6亿元,比上年增长6.3%。一般公共预算收入下降2.4%。
全市固定资产投资增长3.5%。进出口总额5293万元。城镇新增就业3.21万人。"""


def test_statistics_bulletin():
    got = facts_of(BULLETIN, date(2024, 3, 20))
    assert ("datong", 2023, "FY", "gdp", "value", 1925.33, "亿元", "exact") in got
    assert ("datong", 2023, "FY", "gdp", "growth", 5.2, "%", "exact") in got
    assert ("datong", 2023, "FY", "industrial_value_added", "growth", 4.1, "%", "exact") in got
    assert ("datong", 2023, "FY", "retail_sales", "value", 812.6, "亿元", "exact") in got
    assert ("datong", 2023, "FY", "general_budget_revenue", "growth", -2.4, "%", "exact") in got
    assert ("datong", 2023, "FY", "import_export", "value", 0.5293, "亿元", "exact") in got
    assert ("datong", 2023, "FY", "new_urban_jobs", "value", 32100, "人", "exact") in got


ROUNDUP = """全省开发区第三季度“三个一批”活动举行
9月28日,全省开发区2023年第三季度“三个一批”活动举行。
太原市集中签约项目56个,总投资412.5亿元;集中开工项目48个,总投资233.1亿元。
长治市集中签约项目31个,总投资150亿元;集中投产项目22个,总投资86.4亿元。
临汾经济开发区集中开工项目12个,总投资40.2亿元。"""


def test_three_batches_roundup_lists_each_city():
    got = facts_of(ROUNDUP, date(2023, 9, 28))
    assert ("taiyuan", 2023, "FY", "projects_signed", "value", 56, "个", "exact") in got
    assert ("taiyuan", 2023, "FY", "projects_signed_investment", "value", 412.5, "亿元", "exact") in got
    assert ("taiyuan", 2023, "FY", "projects_started", "value", 48, "个", "exact") in got
    assert ("changzhi", 2023, "FY", "projects_signed", "value", 31, "个", "exact") in got
    assert ("changzhi", 2023, "FY", "projects_commissioned_investment", "value", 86.4, "亿元", "exact") in got
    assert ("临汾经济开发区", 2023, "FY", "projects_started", "value", 12, "个", "exact") in got
    # dates and ordinals are not facts
    assert not any(v in (9, 28, 3) and k == "value" for (_, _, _, _, k, v, _, _) in got)


TRADITIONAL = """晉城市經濟運行穩中向好
2022年,晉城市地區生產總值完成1920.18億元,同比增長5.6%。全市市場主體新增2.1萬戶,達到26.5萬戶。
高新技術企業淨增56戶,達到512戶。"""


def test_traditional_characters_and_offsets():
    got = facts_of(TRADITIONAL, date(2023, 2, 1))
    assert ("jincheng", 2022, "FY", "gdp", "value", 1920.18, "亿元", "exact") in got
    assert ("jincheng", 2022, "FY", "market_entities_new", "value", 21000, "户", "exact") in got
    assert ("jincheng", 2022, "FY", "market_entities", "value", 265000, "户", "exact") in got
    assert ("jincheng", 2022, "FY", "high_tech_enterprises", "value", 512, "家", "exact") in got


NO_YEAR = """清徐县精细化工产业持续壮大
目前,清徐县拥有规模以上工业企业126家,科技型中小企业近300家。上半年,全县规上工业增加值同比增长8.2%。"""


def test_page_without_a_year_uses_the_document_date():
    got = facts_of(NO_YEAR, date(2022, 8, 1))
    assert ("清徐县", 2022, "FY", "industrial_enterprises_above_scale", "value", 126, "家", "exact") in got
    assert ("清徐县", 2022, "FY", "tech_smes", "value", 300, "家", "approx") in got
    assert ("清徐县", 2022, "YTD-06", "industrial_value_added", "growth", 8.2, "%", "exact") in got


REPORT = """迎泽区政府工作报告
一年来,全区地区生产总值完成820亿元,增长5%。新认定高新技术企业60家。
今年政府工作的总体要求是:稳中求进。
2024年,迎泽区将重点抓好以下工作。
培育高新技术企业80家以上;新增“四上”企业50家;完成老旧小区改造30个。"""


def test_work_report_plan_section_gives_targets():
    got = facts_of(REPORT, date(2024, 1, 10))
    assert ("迎泽区", 2023, "FY", "gdp", "value", 820, "亿元", "exact") in got
    assert ("迎泽区", 2023, "FY", "high_tech_enterprises_new", "value", 60, "家", "exact") in got
    assert ("迎泽区", 2024, "FY", "high_tech_enterprises_new", "target", 80, "家", "at_least") in got
    assert ("迎泽区", 2024, "FY", "above_scale_enterprises_new", "target", 50, "家", "exact") in got


@pytest.mark.parametrize("text", [
    "7月16日,全省开发区2021年第三次活动在我区举行。",          # dates, ordinals
    "构建“一群两区三圈”新布局,打造“四个高地”。",             # slogans
    "确立了一年见效、三年成形、五年成势的目标。",
    "《太原市加强招商引资五十条》正式发布,地铁1号线加快建设。",   # names with numerals
    "咨询电话:0351-12345678,京ICP备05004340号-1。",          # phone and licence numbers
    "针对50余位企业家进行了洽谈,200余人参加会议。",              # headcounts at meetings
])
def test_not_facts(text):
    assert facts_of(text, date(2022, 1, 1)) == set()


@pytest.mark.parametrize("text,value,unit,qualifier", [
    ("全区GDP突破5000亿元", 5000, "亿元", "more_than"),
    ("全区注册企业600余家", 600, "家", "approx"),
    ("城镇新增就业2万余人", 20000, "人", "approx"),
    ("全区GDP约1,100.9亿元", 1100.9, "亿元", "approx"),
    ("全区固定资产投资不到40亿元", 40, "亿元", "less_than"),
    ("全区进出口总额8亿元人民币", 8, "亿元", "exact"),
    ("全区招商引资签约额13万2千元", 0.00132, "亿元", "exact"),
])
def test_qualifiers_and_units(text, value, unit, qualifier):
    got = facts_of("小店区2021年" + text, date(2022, 1, 1))
    assert any(v == pytest.approx(value) and u == unit and q == qualifier
               for (_, _, _, _, _, v, u, q) in got), got


def test_development_set_seeds_regression():
    """The five seeds are the development set: this guards against regressions on them; it
    says nothing about unseen documents (tests/core/test_cases.py scores those styles)."""
    scores, grounded, errors = evaluate(ROOT / "seeds", ROOT / "tests" / "fixtures" / "gold")
    facts, projects, policies = scores
    assert not errors
    assert grounded == 1.0
    assert facts.precision >= 0.97 and facts.recall >= 0.97
    assert facts.indicator_right / facts.indicator_total >= 0.95
    assert projects.recall >= 0.8 and policies.recall >= 0.8


def test_respectively_gives_each_place_its_figure():
    got = facts_of("2023年,太原、大同、长治分别集中签约项目12个、8个、5个。", date(2023, 12, 1))
    assert ("taiyuan", 2023, "FY", "projects_signed", "value", 12, "个", "exact") in got
    assert ("datong", 2023, "FY", "projects_signed", "value", 8, "个", "exact") in got
    assert ("changzhi", 2023, "FY", "projects_signed", "value", 5, "个", "exact") in got


def test_growth_clause_after_a_price_note_and_comparisons():
    text = ("2023年,朔州市地区生产总值完成2600.8亿元,按不变价格计算,比上年增长5.1%,"
            "增速高于全省0.1个百分点,居全省第3位。")
    got = facts_of(text, date(2024, 2, 1))
    assert ("shuozhou", 2023, "FY", "gdp", "value", 2600.8, "亿元", "exact") in got
    assert ("shuozhou", 2023, "FY", "gdp", "growth", 5.1, "%", "exact") in got
    assert not any(u == "个百分点" for (*_, u, _) in got)
    assert any(k == "rank" and v == 3 and r == "shuozhou" for (r, _, _, _, k, v, _, _) in got)
