"""Chart builders, display helpers, evidence, tidy CSV and the pure parts of the filters."""
from __future__ import annotations

import io
import re

import pandas as pd
import plotly.io as pio
import pytest

from dashboard import charts, filters, report, sql
from dashboard.i18n import fmt_date, fmt_delta, fmt_figure, fmt_number, period_label, unit_label

AS_OF = "2026-01-01"
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture()
def sel(con):
    docs = sql.documents(con)
    return report.Selection("xiaodian", "小店区", 2023, "zh", dict(zip(docs["doc"], docs["title"])))


def assert_house_style(fig, title_part: str):
    layout_ = fig.layout
    assert layout_.template.layout.paper_bgcolor == pio.templates["plotly_white"].layout.paper_bgcolor
    assert "Noto Sans CJK SC" in layout_.font.family
    assert title_part in layout_.title.text
    assert any(a.text.startswith(("来源", "Source")) for a in layout_.annotations)
    assert fig.data, "figure without traces"


def test_every_chart_of_a_selection(con, sel):
    figures, tables = report.build_all(lambda f, *a: f(con, *a), sel, AS_OF)
    assert {"coverage", "growth", "growth_by_region", "levels_gdp", "targets_level"} <= set(figures)
    for name, fig in figures.items():
        assert_house_style(fig, "" if name == "coverage" else "小店区" if name != "growth_by_region" else "2023")
    assert "2023" in figures["growth"].layout.title.text
    assert list(figures["levels_gdp"].data[0].y) == [1425.5, 1602.3, 1700.8]
    source = figures["growth"].layout.annotations[0].text
    assert "xd_2024_report" not in source and "小店区2024年政府工作报告" in source  # titles, not files
    assert set(tables) >= {"key_figures", "targets", "documents", "conflicts"}


def test_tables_are_tidy_with_numeric_values(con, sel):
    _, tables = report.build_all(lambda f, *a: f(con, *a), sel, AS_OF)
    for name in ("key_figures", "targets", "growth", "conflicts"):
        table = tables[name]
        assert list(table.columns) == report.TIDY_COLUMNS, name
        assert pd.api.types.is_numeric_dtype(table["value"]), name
        assert table["region_id"].notna().all() and table["document_title"].notna().all()
        # the CSV round-trips: its value column parses as numbers
        back = pd.read_csv(io.StringIO(table.to_csv(index=False)))
        assert pd.api.types.is_float_dtype(back["value"]) or pd.api.types.is_integer_dtype(back["value"])
    roles = set(tables["targets"]["role"])
    assert {"目标", "实际", "基期"} <= roles


def test_english_tidy_csv_has_no_chinese_units_or_codes(con):
    ev = sql.evidence(con, tuple(sql.key_figures(con, "xiaodian", 2024)["fact_id"]))
    table = report.tidy(ev, "en")
    for column in ("unit", "period", "kind", "qualifier"):
        assert not any(CJK.search(str(v)) for v in table[column]), column
    assert "full year" in set(table["period"]) and "FY" in set(table["period_code"])
    assert "100 million yuan" in set(table["unit"])


def test_rounds_chart_keeps_each_round_apart(con):
    rounds = sql.pipeline_rounds(con, "jinzhong_dev_zone")
    sel = report.Selection("jinzhong_dev_zone", "晋中开发区", 2022)
    fig = report.rounds_figure(rounds[rounds["year"] == 2022], sel)
    signed = [tr for tr in fig.data if tr.name == "签约"]
    counts = signed[0]
    assert list(counts.y) == [18, 35]                              # Q1 round, then the year total
    assert counts.x[0].startswith("1–3月") and counts.x[1].startswith("全年合计")
    assert "2022年3月30日" in counts.x[0]                              # which document: its date
    assert not any(isinstance(tr, type(None)) or tr.type == "funnel" for tr in fig.data)
    assert_house_style(fig, "2022")
    en = report.rounds_figure(rounds[rounds["year"] == 2022],
                              report.Selection("jinzhong_dev_zone", "Jinzhong", 2022, "en"))
    assert en.data[0].x[0].startswith("Jan–Mar") and en.data[0].name == "Signed"
    assert en.data[0].text[0] == "18" and "Projects" in en.layout.annotations[0].text
    years = report.pipeline_years_figure(rounds, sel)
    assert {tr.name for tr in years.data} == {"签约", "开工", "投产"}
    assert list(years.data[0].y) == [29, 35]                        # full-year totals only


def test_ytd_growth_gets_its_own_chart_with_its_months(con):
    rates = sql.growth_rates(con, "taiyuan", 2024)
    sel = report.Selection("taiyuan", "Taiyuan", 2024, "en")
    ytd = report.growth_figure(rates, sel, "YTD-05")
    assert "Jan–May" in ytd.layout.title.text and "YTD" not in ytd.layout.title.text
    full = report.growth_figure(rates, sel, "FY")
    assert list(full.data[0].y) == ["Gross regional product"]


def test_targets_charts_by_kind(con):
    sel = report.Selection("xiaodian", "小店区", 2024, "zh")
    targets = sql.targets(con, "xiaodian", 2024, AS_OF)
    rate = targets[targets["gap_pp"].notna()]
    fig = report.targets_rate_figure(rate, sel)
    assert list(fig.data[0].x) == [pytest.approx(-1.2)]
    assert fig.data[0].text[0].startswith("-1.2 个百分点")
    assert fig.layout.shapes[0].x0 == 0                               # the target line at 0 pp
    level = sql.targets(con, "xiaodian", 2023, AS_OF)
    level = level[level["progress_pct"].notna()]
    fig = report.targets_level_figure(level, sel)
    assert [round(v, 1) for v in fig.data[0].x] == [107.8, 96.0]
    assert list(fig.data[0].marker.color) == [charts.STATUS_COLOURS[s] for s in level["status"]]


def test_targets_table_formats_every_kind(con):
    table = report.targets_table(sql.targets(con, "xiaodian", 2023, AS_OF), "zh")
    assert table["目标"].tolist() == ["≥ 1,800 家", "≈ 500 亿元", "3,000 家"]
    assert table["状态"].tolist() == ["已完成", "未完成", "无数据"]
    assert table["进度"].tolist() == ["107.8%", "96%", "–"]
    assert table["基期（参考）"].tolist()[0] == "1,500 家 (2021)"
    en = report.targets_table(sql.targets(con, "xiaodian", 2024, AS_OF), "en")
    assert "-1.2 pp" in en["Progress"].tolist()
    assert any("(label from the text)" in v for v in en["Indicator"])
    ty = report.targets_table(sql.targets(con, "taiyuan", 2024, "2025-06-01"), "en")
    assert "inside the limit" in ty["Progress"].tolist()


def test_number_and_qualifier_formatting():
    assert fmt_number(1425.154, "亿元") == "1,425.15 亿元"
    assert fmt_number(5000, "亿元") == "5,000 亿元"                   # no false precision
    assert fmt_number(1425.15, "亿元", "en") == "1,425.15 × 100 million yuan"
    assert fmt_number(3494, "家") == "3,494 家" and fmt_number(3494, "家", "en") == "3,494"
    assert fmt_number(2, "栋", "en") == "2 buildings" and fmt_number(1, "栋", "en") == "1 building"
    assert fmt_number(8.46, "%") == "8.5%"
    assert fmt_number(None, "%") == "–"
    assert fmt_figure(2, "栋", "range", high=3) == "2–3 栋"
    assert fmt_figure(2000, "亿元", "at_least") == "≥ 2,000 亿元"
    assert fmt_figure(40, "%", "at_least") == "≥ 40%"
    assert fmt_figure(100, "个", "more_than", raw_number="100多") == "100+ 个"
    assert fmt_figure(5000, "亿元", "more_than", "en") == "> 5,000 × 100 million yuan"
    assert fmt_figure(1700.8, "亿元", "estimate", "en").startswith("est. 1,700.8")
    assert fmt_figure(1700.8, "亿元", "estimate") == "预计 1,700.8 亿元"
    assert fmt_delta(1602.3, 1425.5, "亿元") == "+176.8 亿元 (+12.4%)"
    assert fmt_delta(5.1, 8.5, "%") == "-3.4 个百分点"
    assert fmt_delta(5.1, 8.5, "%", "en") == "-3.4 pp"
    assert fmt_delta(5.1, None, "%") is None
    # a fall must start with an ASCII '-' so st.metric shows it red with a down arrow
    assert fmt_delta(220.9, 431.6, "亿元") == "-210.7 亿元 (-48.8%)"


def test_periods_dates_and_units_in_both_languages():
    assert period_label("FY") == "全年" and period_label("FY", "en") == "full year"
    assert period_label("YTD-05") == "1–5月" and period_label("YTD-05", "en") == "Jan–May"
    assert period_label("YTD-09", "en") == "Jan–Sep"
    assert period_label("M-08") == "8月（当月）" and period_label("M-08", "en") == "Aug only"
    assert fmt_date("2022-06-25", "en") == "25 Jun 2022" and fmt_date("2022-06-25") == "2022年6月25日"
    assert fmt_date("2024-01-01", "en", "year") == "2024"              # no invented day
    assert fmt_date(None, "en") == "undated"
    assert unit_label("亿元", "en", column=True) == "100 million yuan"
    assert unit_label("个", "en", column=True) == "count"


def test_every_codebook_unit_has_english():
    codebook = pd.read_csv(sql.ROOT / "data" / "reference" / "indicators.csv", dtype=str)
    for unit in codebook["unit"].dropna().unique():
        label = unit_label(unit, "en", n=2, column=True)
        assert label and not CJK.search(label), unit


def test_evidence_panel_cites_the_document(con):
    ev = sql.evidence(con, tuple(sql.key_figures(con, "xiaodian", 2021)["fact_id"]))
    html_en = report.evidence_html(ev, "en")
    assert "小店区2022年政府工作报告" in html_en and 'href="http://www.xiaodian.gov.cn' in html_en
    assert "<mark><b>1425.5</b></mark>" in html_en or "<mark><b>1425.15</b></mark>" in html_en
    assert "stated in the document&#x27;s front matter" in html_en
    assert "xd_2022_report.txt" not in html_en                         # never a file id
    rows = report.evidence_rows(ev, "en")
    assert {r["period"] for r in rows} >= {"2021 · full year"}
    gdp = sql.evidence(con, tuple(sql.key_figures(con, "xiaodian", 2024)["fact_id"]))
    html_zh = report.evidence_html(gdp, "zh")
    assert "review_section" in html_zh                                 # the why, when present
    assert "2025年" in html_zh and "2025年1月1日" not in html_zh          # year-precision date


def test_highlight_marks_the_number_in_its_sentence():
    out = report.highlight("2023年，全区GDP达到1602.3亿元，增长5.1%。", "GDP达到1602.3亿元", "1602.3")
    assert out == "2023年，全区<u>GDP达到<mark><b>1602.3</b></mark>亿元</u>，增长5.1%。"
    assert report.highlight(None, "约3个", "3").count("<mark>") == 1
    assert "&lt;b&gt;" in report.highlight("<b>10</b>个", "<b>10</b>个", "10")  # escaped


def test_key_figures_order_and_labels(con):
    ordered = report.order_key_figures(sql.key_figures(con, "xiaodian", 2023))
    assert ordered[["indicator_id", "kind"]].head(2).values.tolist() == [["gdp", "value"], ["gdp", "growth"]]
    assert ordered["indicator_id"].notna().all()
    cumulative = ordered[ordered["indicator_id"] == "inbound_investment_signed"].iloc[0]
    assert report.metric_label(cumulative, "zh").endswith("（累计）")
    assert report.metric_label(cumulative, "en").endswith("(cumulative)")
    ytd = ordered[ordered["indicator_id"] == "general_budget_revenue"].iloc[0]
    assert "1–9月" in report.metric_label(ytd, "zh") and "Jan–Sep" in report.metric_label(ytd, "en")
    assert report.metric_value(ordered.iloc[0], "zh") == "1,602.3 亿元"  # the unit with the value


def test_empty_figure_is_styled():
    fig = charts.empty_figure("标题", "来源：无", "没有数据")
    assert fig.layout.title.text == "标题" and fig.layout.height == 300
    assert fig.layout.annotations[0].text == "没有数据"
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False


def test_region_labels_have_no_tree_indentation(con):
    regions = sql.regions(con)
    labels = filters.region_tree_order(regions, "zh")
    keys = list(labels)
    assert keys.index("taiyuan") < keys.index("xiaodian")               # tree order kept
    assert labels["xiaodian"].startswith("小店区 · Xiaodian District")
    assert labels["xiaodian"].endswith("— 太原市")
    assert not any(label.startswith(("\u3000", "└")) for label in labels.values())
    assert labels["平遥古城文旅园区"].startswith("平遥古城文旅园区")
    assert filters.resolve_region("Xiaodian District", regions) == "xiaodian"
    assert filters.nearest_year(2022, [2021, 2023]) == 2023


def test_evidence_shows_what_other_documents_say(con):
    facts = sql.facts(con, "xiaodian", 2021)
    gdp = facts[(facts["indicator_id"] == "gdp") & (facts["kind"] == "value")]
    ev = sql.evidence(con, tuple(gdp["fact_id"]))
    html_zh = report.evidence_html(ev, "zh")
    assert html_zh.count("另有文件给出不同的数字") == 2
    assert "1,425.5 亿元 (小店区2024年政府工作报告)" in html_zh
    lone = sql.evidence(con, tuple(sql.key_figures(con, "taiyuan", 2021)["fact_id"]))
    assert "另有文件" not in report.evidence_html(lone, "zh")
