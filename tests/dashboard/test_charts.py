"""Chart builders, display helpers and the pure parts of the filters."""
from __future__ import annotations

import pandas as pd
import plotly.io as pio
import pytest

from dashboard import charts, filters, layout, report
from dashboard import queries as q
from dashboard.i18n import fmt_delta, fmt_number, fmt_target


@pytest.fixture()
def sel(con):
    docs = q.documents(con)
    return report.Selection("xiaodian", "小店区", 2023, "zh", dict(zip(docs["doc"], docs["title"])))


def assert_house_style(fig, title_part: str):
    layout_ = fig.layout
    assert layout_.template.layout.paper_bgcolor == pio.templates["plotly_white"].layout.paper_bgcolor
    assert "Noto Sans CJK SC" in layout_.font.family
    assert title_part in layout_.title.text
    assert any(a.text.startswith(("来源", "Source")) for a in layout_.annotations)
    assert fig.data, "figure without traces"


def test_every_chart_of_a_selection(con, sel):
    figures, tables = report.build_all(lambda f, *a: f(con, *a), sel)
    assert {"coverage", "growth", "growth_by_region", "levels_gdp", "targets"} <= set(figures)
    for name, fig in figures.items():
        assert_house_style(fig, "" if name == "coverage" else "小店区" if name != "growth_by_region" else "2023")
    assert "2023" in figures["growth"].layout.title.text
    assert list(figures["levels_gdp"].data[0].y) == [1425.5, 1602.3, 1700.8]
    assert "xd_2024_report" not in figures["growth"].layout.annotations[0].text  # titles, not files
    assert "小店区2024年政府工作报告" in figures["growth"].layout.annotations[0].text
    assert set(tables) >= {"key_figures", "targets", "documents", "conflicts"}


def test_pipeline_charts(con):
    pipe = q.pipeline(con, "jinzhong_dev_zone")
    sel = report.Selection("jinzhong_dev_zone", "晋中开发区", 2021)
    funnel = report.funnel_figure(pipe[pipe["year"] == 2021], sel)
    assert list(funnel.data[0].y) == ["签约", "开工", "投产"]
    assert list(funnel.data[0].x) == [29, 41, 18]
    assert "177.26 亿元" in funnel.data[0].text[0]
    by_year = report.pipeline_years_figure(pipe, sel)
    assert {t.name for t in by_year.data} == {"签约", "开工", "投产", "在谈"}
    assert_house_style(by_year, "2021–2022")


def test_english_labels(con):
    sel = report.Selection("taiyuan", "Taiyuan", 2021, "en")
    fig = report.growth_figure(q.growth_rates(con, "taiyuan", 2021), sel)
    assert list(fig.data[0].y) == ["Gross regional product"]
    assert fig.layout.title.text.startswith("Taiyuan · 2021")


def test_targets_progress_colours_by_status(con):
    targets = q.targets(con, "xiaodian", this_year=2026)
    fig = charts.targets_progress(targets, title="t", source="来源")
    achieved = fig.data[1]
    assert list(achieved.marker.color) == [charts.STATUS_COLOURS[s] for s in targets["status"]]
    table = report.targets_table(targets, "zh")
    assert table["目标"].tolist()[:2] == ["≥ 1,800 家", "≈ 500.00 亿元"]
    assert table["状态"].tolist() == ["已完成", "未完成", "无数据", "待公布"]


def test_number_formatting():
    assert fmt_number(1425.154, "亿元") == "1,425.15 亿元"
    assert fmt_number(3494, "家") == "3,494 家"
    assert fmt_number(8.46, "%") == "8.5%"
    assert fmt_number(None, "%") == "–"
    assert fmt_target(2, 3, "个", "range") == "2–3 个"
    assert fmt_target(2000, None, "亿元", "at_least") == "≥ 2,000.00 亿元"
    assert fmt_delta(1602.3, 1425.5, "亿元") == "+176.80 亿元 (+12.4%)"
    assert fmt_delta(5.1, 8.5, "%") == "-3.4 个百分点"
    assert fmt_delta(5.1, None, "%") is None
    # a fall must start with an ASCII '-' so st.metric shows it red with a down arrow
    assert fmt_delta(220.9, 431.6, "亿元") == "-210.70 亿元 (-48.8%)"


def test_region_picker_is_a_searchable_tree(con):
    labels = filters.region_tree_order(q.regions(con))
    assert list(labels) == ["jinzhong_dev_zone", "taiyuan", "xiaodian", "平遥古城文旅园区"]
    assert labels["xiaodian"].startswith("\u3000└ 小店区")       # indented under 太原市
    assert "Xiaodian District" in labels["xiaodian"] and "· 小店" in labels["xiaodian"]
    assert "datong" not in labels                                  # no data, not offered
    assert filters.resolve_region("小店区", q.regions(con)) == "xiaodian"
    assert filters.resolve_region("Xiaodian District", q.regions(con)) == "xiaodian"
    assert filters.resolve_region("atlantis", q.regions(con)) is None
    assert filters.nearest_year(2022, [2021, 2023, 2024]) == 2023
    assert filters.nearest_year(2030, [2021, 2023]) == 2023


def test_highlight_marks_the_number_and_escapes_html():
    html_ = layout.highlight("2021年<b>GDP</b>完成1425.15亿元。", "完成1425.15亿元", "1425.15")
    assert "<mark><b>1425.15</b></mark>" in html_
    assert "&lt;b&gt;GDP&lt;/b&gt;" in html_
    assert layout.highlight(None, "约3个", "3").count("<mark>") == 1


def test_key_figures_order_puts_gdp_first(con):
    ordered = report.order_key_figures(q.key_figures(con, "xiaodian", 2023))
    assert ordered[["indicator_id", "kind"]].head(2).values.tolist() == [["gdp", "value"], ["gdp", "growth"]]
    assert ordered["indicator_id"].notna().all()


def test_empty_figure_is_styled():
    fig = charts.empty_figure("标题", "来源：无", "没有数据")
    assert fig.layout.title.text == "标题" and isinstance(fig.layout.height, int)
    assert isinstance(pd.DataFrame(), pd.DataFrame)


def test_targets_progress_keeps_a_rate_and_a_level_target_apart():
    import pandas as pd
    rows = pd.DataFrame({
        "indicator_id": ["gdp", "gdp"], "name_zh": ["地区生产总值"] * 2, "name_en": ["GDP"] * 2,
        "target_year": [2023, 2023], "target_value": [6.0, 1800.0], "unit": ["%", "亿元"],
        "baseline_value": [None, 1700.0], "baseline_year": [None, 2022],
        "achieved_value": [5.2, 1750.0], "status": ["not_achieved", "not_achieved"]})
    fig = charts.targets_progress(rows, title="t", source="来源")
    assert list(fig.data[1].y) == ["地区生产总值 (2023, %)", "地区生产总值 (2023)"]
