"""A small, realistic warehouse for the dashboard tests (unit, AppTest, browser, export).

The rows imitate what the ETL extracts from the seed articles: 小店区 (years 2021, 2023, 2024 —
deliberately no 2022 so the "no figures for 2022" message can be tested — and 2025, which holds
only a target), 太原市 2021–2024, 晋中开发区 2021–2022 with the 三个一批 rounds (a first-quarter
round beside the full-year totals), a region outside the gazetteer, targets of every kind
(level, rate, control, label-only) and status, a year-to-date growth rate, a cumulative total
beside an annual figure, estimated and "more than" figures, named projects, policies, and two
documents that disagree on 小店区's 2021 GDP. Some facts carry the extraction's rule names.
"""
from __future__ import annotations

import zlib
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]

from etl.warehouse.load import WarehouseContent, build_warehouse

REFERENCE = ROOT / "data" / "reference"

DOCS = [
    # doc, title, publisher, published, date_rule, date_precision, url
    ("xd_2022_report.txt", "小店区2022年政府工作报告", "小店区人民政府", "2022-01-20", "front_matter", "day",
     "http://www.xiaodian.gov.cn/zfgzbg/2022.html"),
    ("xd_2022_invest.txt", "小店区发布招商引资五十条", "中国新闻网", "2022-06-25", "dateline", "day", None),
    ("xd_2024_report.txt", "小店区2024年政府工作报告", "小店区人民政府", "2024-01-18", "front_matter", "day", None),
    ("xd_2025_report.txt", "小店区2025年政府工作报告", "小店区人民政府", "2025-01-01", "content", "year", None),
    ("ty_2025_stats.txt", "太原市2024年国民经济和社会发展统计公报", "太原市统计局", "2025-03-20", "sources_csv", "day",
     "https://tjj.taiyuan.gov.cn/tjgb/2024.html"),
    ("ty_2024_may.txt", "太原市前5个月经济运行情况", "太原市统计局", "2024-06-20", "dateline", "day", None),
    ("jz_2022_three_batches.txt", "晋中开发区“三个一批”活动综述", "晋中日报", "2022-02-10", "url", "day", None),
    ("jz_2022_q1_round.txt", "晋中开发区一季度“三个一批”集中签约", "晋中日报", "2022-03-30", "dateline", "day", None),
    ("jz_2023_review.txt", "晋中开发区2022年工作回顾", "晋中开发区管委会", "2023-01-12", "front_matter", "day", None),
]

NAMES = {"xiaodian": "小店区", "taiyuan": "太原市", "jinzhong_dev_zone": "晋中开发区"}
INDICATOR_NAMES = {
    "gdp": "地区生产总值", "high_tech_enterprises": "高新技术企业", "tech_smes": "科技型中小企业",
    "retail_sales": "社会消费品零售总额", "projects_signed": "签约项目数",
    "projects_signed_investment": "签约项目总投资", "projects_started": "开工项目数",
    "projects_started_investment": "开工项目总投资", "projects_commissioned": "投产项目数",
    "projects_commissioned_investment": "投产项目总投资", "projects_negotiating": "在谈项目数",
    "projects_negotiating_investment": "在谈项目总投资", "industrial_value_added": "规模以上工业增加值",
    "urbanization_rate": "常住人口城镇化率", "market_entities": "市场主体",
}


def fact(doc, region, year, indicator, kind, value, unit, raw, sentence, *, qualifier="exact",
         period="FY", value_high=None, region_name=None, indicator_name=None, confidence=0.9,
         rules=None):
    """One facts row whose quote is the part of `sentence` ending with the raw number + unit."""
    end_in_sentence = sentence.index(raw) + len(raw) + (len(unit) if unit != "%" else 1)
    start_in_sentence = max(0, sentence.index(raw) - 8)
    quote = sentence[start_in_sentence:end_in_sentence]
    offset = 100 + zlib.crc32(f"{doc}{sentence}".encode()) % 5000  # any stable offset in the doc
    return {
        "doc": doc, "region_id": region, "region_name": region_name or NAMES[region],
        "year": year, "period": period, "indicator_id": indicator,
        "indicator_name": indicator_name or INDICATOR_NAMES.get(indicator),
        "kind": kind, "value": float(value), "value_high": value_high, "unit": unit,
        "raw_number": raw, "raw_unit": unit, "qualifier": qualifier, "quote": quote,
        "start": offset + start_in_sentence, "end": offset + end_in_sentence,
        "sentence": sentence, "confidence": confidence,
        **dict(zip(("kind_rule", "region_rule", "time_rule"), rules or (None, None, None))),
    }


def _gdp_rows():
    rows = []
    s = "2021年，小店区地区生产总值完成1425.15亿元，同比增长8.5%。"
    rows += [fact("xd_2022_report.txt", "xiaodian", 2021, "gdp", "value", 1425.15, "亿元", "1425.15", s),
             fact("xd_2022_report.txt", "xiaodian", 2021, "gdp", "growth", 8.5, "%", "8.5", s)]
    # A later document revises the 2021 figure: the conflict the Sources page must show.
    s = "2021年该区GDP为1425.5亿元，2023年全区地区生产总值达到1602.3亿元，增长5.1%。"
    rows += [fact("xd_2024_report.txt", "xiaodian", 2021, "gdp", "value", 1425.5, "亿元", "1425.5", s),
             fact("xd_2024_report.txt", "xiaodian", 2023, "gdp", "value", 1602.3, "亿元", "1602.3", s),
             fact("xd_2024_report.txt", "xiaodian", 2023, "gdp", "growth", 5.1, "%", "5.1", s)]
    s = "2024年，小店区地区生产总值1700.8亿元，增长4.8%，高新技术企业达到2105家。"
    rows += [fact("xd_2025_report.txt", "xiaodian", 2024, "gdp", "value", 1700.8, "亿元", "1700.8", s,
                  rules=("review_section", "subject_position", "explicit_year")),
             fact("xd_2025_report.txt", "xiaodian", 2024, "gdp", "growth", 4.8, "%", "4.8", s),
             fact("xd_2025_report.txt", "xiaodian", 2024, "high_tech_enterprises", "value", 2105, "家",
                  "2105", s)]
    for year, gdp, growth in [(2021, 5121.61, 9.2), (2022, 5571.17, 3.1), (2023, 5573.74, 5.2),
                              (2024, 5800.12, 4.9)]:
        s = f"{year}年，太原市地区生产总值{gdp}亿元，比上年增长{growth}%。"
        rows += [fact("ty_2025_stats.txt", "taiyuan", year, "gdp", "value", gdp, "亿元", str(gdp), s),
                 fact("ty_2025_stats.txt", "taiyuan", year, "gdp", "growth", growth, "%", str(growth), s)]
    s = "2021年晋中开发区地区生产总值增长12.3%，规模以上工业增加值增长15.6%。"
    rows += [fact("jz_2022_three_batches.txt", "jinzhong_dev_zone", 2021, "gdp", "growth", 12.3, "%", "12.3", s),
             fact("jz_2022_three_batches.txt", "jinzhong_dev_zone", 2021, "industrial_value_added",
                  "growth", 15.6, "%", "15.6", s)]
    s = "2022年，平遥古城文旅园区地区生产总值增长7.0%。"
    rows.append(fact("jz_2023_review.txt", None, 2022, "gdp", "growth", 7.0, "%", "7.0", s,
                     region_name="平遥古城文旅园区"))
    return rows


def _xiaodian_rows():
    rows = []
    s = "2021年，全区高新技术企业1500家，科技型中小企业2800家，社会消费品零售总额430亿元。"
    rows += [fact("xd_2022_report.txt", "xiaodian", 2021, "high_tech_enterprises", "value", 1500, "家", "1500", s),
             fact("xd_2022_report.txt", "xiaodian", 2021, "tech_smes", "value", 2800, "家", "2800", s),
             fact("xd_2022_report.txt", "xiaodian", 2021, "retail_sales", "value", 430, "亿元", "430", s)]
    s = "到2023年，高新技术企业达到1800家以上，社会消费品零售总额达到500亿元左右，科技型中小企业3000家。"
    rows += [fact("xd_2022_report.txt", "xiaodian", 2023, "high_tech_enterprises", "target", 1800, "家", "1800", s,
                  qualifier="at_least"),
             fact("xd_2022_report.txt", "xiaodian", 2023, "retail_sales", "target", 500, "亿元", "500", s,
                  qualifier="approx"),
             fact("xd_2022_report.txt", "xiaodian", 2023, "tech_smes", "target", 3000, "家", "3000", s)]
    s = "“十四五”末，小店区地区生产总值力争达到2000亿元以上。"
    rows.append(fact("xd_2022_invest.txt", "xiaodian", 2025, "gdp", "target", 2000, "亿元", "2000", s,
                     qualifier="at_least"))
    s = "2023年，小店区高新技术企业1940家，社会消费品零售总额480亿元，招商引资累计签约431.6亿元。"
    rows += [fact("xd_2024_report.txt", "xiaodian", 2023, "high_tech_enterprises", "value", 1940, "家", "1940", s),
             fact("xd_2024_report.txt", "xiaodian", 2023, "retail_sales", "value", 480, "亿元", "480", s),
             fact("xd_2024_report.txt", "xiaodian", 2023, "inbound_investment_signed", "value", 431.6, "亿元",
                  "431.6", s, indicator_name="招商引资签约额")]
    # 2024: an annual signed amount (never compared with the cumulative 431.6), an estimate,
    # a "more than" figure, and a rate target set in the 2024 report.
    s = "2024年，小店区签约招商项目金额220.9亿元，社会消费品零售总额预计510亿元，市场主体超过12万户。"
    rows += [fact("xd_2025_report.txt", "xiaodian", 2024, "inbound_investment_signed", "value", 220.9, "亿元",
                  "220.9", s, indicator_name="招商引资签约额"),
             fact("xd_2025_report.txt", "xiaodian", 2024, "retail_sales", "value", 510, "亿元", "510", s,
                  qualifier="estimate"),
             fact("xd_2025_report.txt", "xiaodian", 2024, "market_entities", "value", 120000, "户", "12万", s,
                  qualifier="more_than", indicator_name="市场主体")]
    s = "2024年主要预期目标：全区地区生产总值增长6%左右。"
    rows.append(fact("xd_2024_report.txt", "xiaodian", 2024, "gdp", "target", 6, "%", "6", s,
                     qualifier="approx", rules=("plan_section", "subject_document", "document_year")))
    s = "2024年，新建智慧停车泊位500个。"  # a target the codebook does not know: matched by label only
    rows.append(fact("xd_2024_report.txt", "xiaodian", 2024, None, "target", 500, "个", "500", s,
                     indicator_name="智慧停车泊位"))
    s = "2023年前三季度，小店区一般公共预算收入完成52.3亿元。"
    rows.append(fact("xd_2024_report.txt", "xiaodian", 2023, "general_budget_revenue", "value", 52.3, "亿元",
                     "52.3", s, period="YTD-09", indicator_name="一般公共预算收入"))
    s = "小店区建成智慧停车泊位1200个。"  # nothing in the codebook fits
    rows.append(fact("xd_2024_report.txt", "xiaodian", 2023, None, "value", 1200, "个", "1200", s,
                     indicator_name="智慧停车泊位"))
    return rows


def _pipeline_rows():
    rows = []
    for doc, year, period, stages in [
        ("jz_2022_three_batches.txt", 2021, "FY",
         [("signed", 29, 177.26), ("started", 41, 235.4), ("commissioned", 18, 96.1)]),
        ("jz_2022_q1_round.txt", 2022, "YTD-03",
         [("signed", 18, 96.5), ("started", 11, 40.2)]),
        ("jz_2023_review.txt", 2022, "FY",
         [("signed", 35, 210.5), ("started", 40, 250.0), ("commissioned", 22, 120.3),
          ("negotiating", 12, 80.0)]),
    ]:
        for stage, count, invest in stages:
            word = {"signed": "签约", "started": "开工", "commissioned": "投产", "negotiating": "在谈"}[stage]
            s = f"{year}年，晋中开发区总投资{invest}亿元的{count}个项目集中{word}。"
            rows += [fact(doc, "jinzhong_dev_zone", year, f"projects_{stage}", "value", count, "个", str(count), s,
                          period=period),
                     fact(doc, "jinzhong_dev_zone", year, f"projects_{stage}_investment", "value", invest, "亿元",
                          str(invest), s, period=period)]
    s = "2025年，晋中开发区力争签约项目50个。"
    rows.append(fact("jz_2023_review.txt", "jinzhong_dev_zone", 2025, "projects_signed", "target", 50, "个",
                     "50", s))
    return rows


def _taiyuan_rows():
    rows = []
    s = "1-5月，太原市规模以上工业增加值同比增长6.1%。"
    rows.append(fact("ty_2024_may.txt", "taiyuan", 2024, "industrial_value_added", "growth", 6.1, "%", "6.1", s,
                     period="YTD-05", rules=("review", "subject_headline", "ytd_months")))
    s = "2024年，太原市规模以上工业增加值增长6%以上，常住人口城镇化率控制在90%以内。"
    rows += [fact("ty_2024_may.txt", "taiyuan", 2024, "industrial_value_added", "target", 6, "%", "6", s,
                  qualifier="at_least"),
             fact("ty_2024_may.txt", "taiyuan", 2024, "urbanization_rate", "target", 90, "%", "90", s,
                  qualifier="less_than")]
    # A several-year average beside the year's own rate: never compared with it, never "conflicting"
    s = "“十四五”以来，太原市地区生产总值年均增长5.3%。"
    rows.append(fact("ty_2024_may.txt", "taiyuan", 2024, "gdp", "growth", 5.3, "%", "5.3", s,
                     rules=("growth_word", "named_subject", "explicit_year+annual_average")))
    s = "2024年末，太原市常住人口城镇化率89.2%。"
    rows.append(fact("ty_2025_stats.txt", "taiyuan", 2024, "urbanization_rate", "value", 89.2, "%", "89.2", s))
    return rows


def _projects():
    rows = []
    for doc, year, name, stage in [
        ("jz_2022_three_batches.txt", 2021, "中南高科智造未来城", "signed"),
        ("jz_2022_three_batches.txt", 2021, "晋中万国汽车文化产业园", "signed"),
        ("jz_2022_three_batches.txt", 2021, "中航兰田新能源汽车", "started"),
        ("jz_2022_three_batches.txt", 2021, "华为（晋中）数字经济产业园", "commissioned"),
        ("jz_2023_review.txt", 2022, "山西智创城No.3", "started"),
    ]:
        s = f"{name}项目于{year}年{ {'signed': '签约', 'started': '开工', 'commissioned': '投产'}[stage]}。"
        rows.append({"doc": doc, "region_id": "jinzhong_dev_zone", "region_name": "晋中开发区", "year": year,
                     "name": name, "stage": stage, "quote": name, "start": 10, "end": 10 + len(name),
                     "sentence": s, "confidence": 0.8})
    return pd.DataFrame(rows)


def _policies():
    rows = [
        ("xd_2022_invest.txt", "xiaodian", "小店区", 2022, "太原市小店区加强招商引资促进高质量发展五十条（试行）"),
        ("jz_2022_three_batches.txt", "jinzhong_dev_zone", "晋中开发区", 2021, "工业企业电价补贴实施办法"),
        ("jz_2022_three_batches.txt", "jinzhong_dev_zone", "晋中开发区", 2021, "促进企业外贸进出口奖励办法"),
    ]
    return pd.DataFrame([
        {"doc": d, "region_id": r, "region_name": n, "year": y, "title": t, "quote": f"《{t}》",
         "start": 50, "end": 52 + len(t), "sentence": f"《{t}》正式发布。", "confidence": 0.9}
        for d, r, n, y, t in rows])


def make_content(extra_facts: list[dict] | None = None) -> WarehouseContent:
    """The synthetic warehouse content (regions and codebook are the real reference CSVs)."""
    facts = pd.DataFrame(_gdp_rows() + _xiaodian_rows() + _pipeline_rows() + _taiyuan_rows()
                         + (extra_facts or []))
    documents = pd.DataFrame([
        {"doc": d, "path": f"seeds/{d}", "title": t, "publisher": p, "published": pd.Timestamp(day).date(),
         "date_rule": rule, "date_precision": precision, "url": url, "encoding": "utf-8",
         "traditional": False, "n_chars": 3000}
        for d, t, p, day, rule, precision, url in DOCS])
    regions = pd.read_csv(REFERENCE / "regions.csv", dtype=str, keep_default_na=False)
    regions = regions.replace({"": None})
    indicators = pd.read_csv(REFERENCE / "indicators.csv", dtype=str, keep_default_na=False)
    return WarehouseContent(documents=documents, facts=facts, projects=_projects(), policies=_policies(),
                            regions=regions, indicators=indicators,
                            info={"built_at": "2025-04-01T00:00:00", "n_docs": str(len(DOCS))})
