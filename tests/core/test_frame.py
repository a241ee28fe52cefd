"""The document frame, rule by rule: type, reference year, subject and mode, each decided once
per document with the rule's name (invented titles and leads, not quotations)."""
from datetime import date

import pytest

from etl.core import extract_text
from etl.core.frame import doc_type_of, mode_of, reference_year_of
from etl.reference import load_reference

REF = load_reference()


@pytest.mark.parametrize("title, text, expected", [
    ("朔州市2021年国民经济和社会发展统计公报", "", ("statistics_bulletin", "bulletin_title")),
    ("2024年临汾市人民政府工作报告", "各位代表：", ("work_report", "report_title")),
    ("临汾市政府工作报告（节选）", "", ("work_report_page", "report_title_page_words")),
    ("晋城市政府工作报告第2页", "", ("work_report_page", "report_title_page_words")),
    ("一图读懂吕梁市政府工作报告", "", ("work_report_news", "report_title_news_words")),
    ("吕梁市政府工作报告：去年经济稳中有进", "本报讯 记者从市政府获悉", ("work_report_news", "report_title_news_words")),
    ("关于某县2020年国民经济和社会发展计划执行情况的报告", "", ("work_report", "report_title")),
    ("某县“十四五”规划纲要", "", ("plan_document", "plan_title")),
    ("阳泉市一季度经济运行情况", "", ("economic_news", "economic_title")),
    ("太原市举行第三次“三个一批”活动", "", ("project_roundup", "roundup_title")),
    ("晋中经开区赴深圳招商", "", ("investment_news", "investment_title")),
    ("走进平顺县的新材料企业", "", ("feature", "feature_title")),
    (None, "政府工作报告\n各位代表：现在我代表县人民政府作报告。过去一年……", ("work_report", "report_title")),
    (None, "某市召开人代会\n各位代表：现在我代表市人民政府作报告。一年来……", ("work_report", "report_address_in_body")),
    ("某县文化节开幕", "", ("news", "default")),
])
def test_doc_type(title, text, expected):
    assert doc_type_of(text, title) == expected


@pytest.mark.parametrize("doc_type, title, text, published, expected", [
    # a report given early in Y reviews Y-1, whenever its page was reposted
    ("work_report", "2024年某市政府工作报告", "", date(2024, 2, 1), (2023, "report_reviews_previous_year")),
    ("work_report", "2024年某市政府工作报告", "", date(2024, 8, 1), (2023, "report_title_year_minus_one")),
    ("work_report", "某市政府工作报告", "——2022年2月9日在某市人民代表大会第一次会议上", date(2022, 9, 1),
     (2021, "report_reviews_previous_year")),
    ("work_report", "某县政府工作报告", "一、2019年工作回顾", None, (2019, "report_review_header")),
    ("work_report", "某市政府工作报告(2023年12月28日)", "", date(2024, 1, 5), (2023, "report_given_late_in_year")),
    ("statistics_bulletin", "某市2020年国民经济和社会发展统计公报", "", date(2021, 3, 20), (2020, "bulletin_title_year")),
    ("news", "某高新区2023年发展回眸", "", date(2024, 1, 8), (2023, "title_names_earlier_year")),
    ("economic_news", "某市上半年经济运行情况", "", date(2023, 7, 20), (2023, "document_year")),
])
def test_reference_year(doc_type, title, text, published, expected):
    assert reference_year_of(doc_type, text, title, published) == expected


@pytest.mark.parametrize("doc_type, title, text, expected", [
    ("plan_document", "某县三年行动方案", "", ("plan", "plan_document")),
    ("work_report_page", "某市政府工作报告（节选）：工作安排", "", ("plan", "report_plan_part_title")),
    ("work_report", "某市政府工作报告", "一年来……", ("mixed", "report_review_then_plan")),
    ("work_report_news", "某市政府工作报告发布", "报告对今年的目标作出部署。", ("plan", "report_news_without_review")),
    ("economic_news", "某市一季度经济运行", "", ("review", "default")),
])
def test_mode(doc_type, title, text, expected):
    assert mode_of(doc_type, title, text) == expected


@pytest.mark.parametrize("title, text, subject, rule", [
    ("（山西省）2022年和顺县人民政府工作报告", "", "和顺县", "title"),
    ("全省各市一季度GDP出炉 晋中增速居首", "", "shanxi", "title_province_scope"),
    ("晋城市上半年多项指标跑赢全省", "", "jincheng", "title"),
    ("长治：沁县12个项目集中开工", "", "沁县", "title"),
    (None, "【山西·忻州】上半年全市新增市场主体1.2万户。", "xinzhou", "lead"),
    (None, "（山西省）运城市2021年国民经济和社会发展统计公报\n全年地区生产总值2000亿元。", "yuncheng", "lead"),
    (None, "记者从省发展改革委获悉，全省项目观摩会在太原武宿综合保税区召开。", "shanxi", "lead_province_word"),
    ("前三季度我市县域经济稳中有进", "晋中市前三季度……平遥县……晋中市……", "jinzhong", "title_city_word"),
])
def test_subject(title, text, subject, rule):
    frame = extract_text(text, REF, date(2023, 6, 30), title).frame
    assert subject in (frame.subject_region_id, frame.subject_region_name)
    assert frame.subject_rule == rule


def test_fallback_date_lowers_confidence():
    text = "截至2022年底，某市累计建成5G基站3000个。"
    sure = extract_text(text, REF, date(2023, 3, 1), "大同市通信建设", "sources_csv").frame
    guessed = extract_text(text, REF, date(2023, 3, 31), "大同市通信建设", "body_completed_year").frame
    assert guessed.confidence < sure.confidence == 1.0


@pytest.mark.parametrize("args, expected", [
    ((True, "growth_word", "named_subject", "explicit_year"), 0.95),
    ((False, "growth_word", "named_subject", "explicit_year"), 0.7),
    ((True, "bare_percent", "named_subject", "explicit_year"), 0.85),
    ((True, "growth_word", "document_subject", "carried"), 0.85),
])
def test_confidence_follows_the_rules(args, expected):
    from etl.core.facts import rule_confidence
    assert rule_confidence(*args) == expected


def test_every_fact_says_why():
    found = extract_text("2023年，忻州市地区生产总值增长5.1%。力争2024年新增规上企业50家。", REF,
                         date(2024, 3, 1), "忻州市经济运行").facts
    assert found and all(f.kind_rule and f.region_rule and f.time_rule for f in found)
    assert {f.kind_rule for f in found} >= {"growth_word", "target_cue_in_clause"}
