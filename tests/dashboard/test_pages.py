"""Every page through streamlit.testing.v1.AppTest, routed by app.py's st.navigation.

AppTest runs app.py; `switch_page` (after a first run, so st.navigation has registered the
pages) moves to a page file. Query parameters set on the AppTest are what the URL would carry.
Target statuses are asked for an explicit `asof` date: nothing here depends on today's date.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
CJK_UNITS = re.compile(r"\d\s*(亿元|万元|个|家|栋|户|人|所|亩|个百分点)")
RAW_CODES = re.compile(r"\b(FY|YTD-\d\d|None|nan|NaT)\b|00:00:00")


@pytest.fixture(autouse=True)
def _warehouse_env(warehouse_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_DB", str(warehouse_path))


def open_page(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if page:
        at.run()  # registers the st.navigation pages; then arrive on the page with the link's params
        at.switch_page(f"views/{page}.py")
    at.query_params.clear()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def plotly_count(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


def visible_text(at: AppTest) -> str:
    """Everything the page writes (titles, metrics, markdown, tables, alerts), for scanning."""
    parts = texts(at.title) + texts(at.subheader) + texts(at.caption) + texts(at.info) + texts(at.warning)
    parts += [m.label + " " + m.value + " " + str(m.proto.delta) for m in at.metric]
    parts += [m.value for m in at.markdown]
    for df in at.dataframe:
        frame = df.value
        parts += [" ".join(map(str, frame.columns))] + [" ".join(map(str, row)) for row in frame.values]
    return "\n".join(parts)


def without_sources(text: str, warehouse_path) -> str:
    """The page text without markup and without any source sentence, quote or document title
    (those stay Chinese in English mode)."""
    import html

    import duckdb

    text = html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", "", text, flags=re.S))
    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        sources = [r[0] for r in con.execute(
            "SELECT sentence FROM facts UNION SELECT quote FROM facts UNION SELECT sentence FROM projects "
            "UNION SELECT sentence FROM policies UNION SELECT title FROM documents").fetchall() if r[0]]
    finally:
        con.close()
    for source in sorted(sources, key=len, reverse=True):
        text = text.replace(source, " ")
    return text


def chart_specs(at: AppTest) -> list[dict]:
    import json
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_overview_reads_url_and_shows_key_figures():
    at = open_page(region="xiaodian", year="2023")
    assert texts(at.title) == ["小店区 · 2023"]
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["地区生产总值", "地区生产总值 · 增速"]
    assert at.metric[0].value == "1,602.3 亿元"                  # the unit is with the value
    assert plotly_count(at) == 1                              # the coverage grid
    assert not at.info
    assert at.selectbox(key="flt_region").value == "xiaodian"
    assert at.selectbox(key="flt_year").options == ["2024", "2023", "2021"]  # years with figures


def test_cumulative_figure_is_marked_and_never_compared():
    at = open_page(region="xiaodian", year="2024")
    cards = {m.label: m for m in at.metric}
    signed = cards["招商引资签约额"]
    assert signed.value == "220.9 亿元" and not signed.proto.delta          # no "-48.8% vs 2023"
    retail = cards["社会消费品零售总额"]
    assert retail.value == "预计 510 亿元" and not retail.proto.delta       # estimate vs exact: no delta
    assert cards["市场主体"].value == "> 120,000 户"
    assert cards["地区生产总值"].proto.delta.startswith("+98.5 亿元")      # like with like
    earlier = {m.label: m for m in open_page(region="xiaodian", year="2023").metric}
    assert earlier["招商引资签约额（累计）"].value == "431.6 亿元"
    assert "一般公共预算收入（1–9月）" in earlier                            # a YTD figure says its months


def test_headline_figures_have_show_all(tmp_path, monkeypatch):
    from etl.warehouse.load import build_warehouse
    from tests.dashboard.factory import fact, make_content

    codebook = __import__("pandas").read_csv(Path(APP).parents[1] / "data/reference/indicators.csv")
    extra = [fact("ty_2025_stats.txt", "taiyuan", 2022, row.id, "value", 10 + n, "亿元", str(10 + n),
                  f"2022年，太原市{row.name_zh}{10 + n}亿元。")
             for n, row in enumerate(codebook[codebook["unit"] == "亿元"].head(15).itertuples())]
    db = build_warehouse(make_content(extra), tmp_path / "wh.duckdb")
    monkeypatch.setenv("WAREHOUSE_DB", str(db))
    at = open_page(region="taiyuan", year="2022")
    assert len(at.metric) == 12
    toggle = at.toggle(key="overview_all_figures")
    total = int(re.search(r"\d+", toggle.label).group())
    assert total > 12
    toggle.set_value(True).run()
    assert len(at.metric) == total


def test_changing_the_region_updates_page_and_url():
    at = open_page(region="xiaodian", year="2023")
    at.selectbox(key="flt_region").set_value("taiyuan").run()
    assert not at.exception
    assert texts(at.title) == ["太原市 · 2023"]
    assert dict(at.query_params) == {"region": "taiyuan", "year": "2023"}
    at.selectbox(key="flt_year").set_value(2021).run()
    assert texts(at.title) == ["太原市 · 2021"]
    assert at.query_params["year"] == "2021"


def test_year_without_data_says_so_and_shows_nearest():
    at = open_page(region="xiaodian", year="2022")
    assert texts(at.info) == ["小店区 没有 2022 年的数据；有数据的年份：2021, 2023, 2024。当前显示 2023 年。"]
    assert texts(at.title) == ["小店区 · 2023"]
    assert at.query_params["year"] == "2023"


def test_bad_url_values_warn_instead_of_failing():
    at = open_page("targets", region="atlantis", year="20x3", asof="soon")
    warnings = texts(at.warning)
    assert any("atlantis" in w for w in warnings) and any("20x3" in w for w in warnings)
    assert any("soon" in w for w in warnings)
    assert at.query_params["region"] != "atlantis"


def test_region_by_chinese_name_and_english_toggle():
    at = open_page(region="小店区", year="2024", lang="en")
    assert texts(at.title) == ["Xiaodian District · 2024"]
    assert at.query_params["region"] == "xiaodian"
    at.toggle(key="lang_en").set_value(False).run()
    assert texts(at.title) == ["小店区 · 2024"]
    assert "lang" not in at.query_params


def test_unlisted_region_keyed_by_chinese_name():
    at = open_page("growth", region="平遥古城文旅园区", year="2022")
    assert texts(at.title) == ["增长 · 平遥古城文旅园区 · 2022"]
    assert plotly_count(at) == 2                               # its rate, and regions side by side
    assert any("两年以上" in i for i in texts(at.info))        # one year only: no levels chart


def test_growth_page_keeps_ytd_apart_and_compares_only_with_others():
    at = open_page("growth", region="taiyuan", year="2024", lang="en")
    subheads = texts(at.subheader)
    titles = [spec["layout"]["title"]["text"] for spec in chart_specs(at)]
    assert any("Year-to-date growth (Jan–May)" in title for title in titles)
    assert not any("YTD" in title for title in titles)
    assert "Growth rates" in subheads
    at = open_page("growth", region="jinzhong_dev_zone", year="2021")
    assert plotly_count(at) == 2                              # rates, regions side by side
    at.selectbox(key="growth_indicator").set_value("industrial_value_added").run()
    assert not at.exception
    assert any("没有可对比的地区" in i for i in texts(at.info))   # one region: no comparison chart
    at = open_page("growth", region="taiyuan", year="2023")
    at.select_slider(key="levels_range_gdp").set_range(2022, 2023).run()
    assert not at.exception


def test_pipeline_page_shows_rounds_not_a_funnel():
    at = open_page("pipeline", region="jinzhong_dev_zone", year="2022")
    specs = chart_specs(at)
    assert not any(trace["type"] == "funnel" for spec in specs for trace in spec["data"])
    rounds = specs[0]["data"][0]["x"]
    assert rounds[0].startswith("1–3月") and rounds[1].startswith("全年合计")
    assert any("不是同一批项目" in c for c in texts(at.caption))
    rounds_table = at.dataframe[0].value
    assert rounds_table["项目数"].tolist()[:2] == ["18 个", "11 个"]
    assert [m.label for m in at.metric][0].startswith("在谈")
    assert any(b.label == "下载 PNG" for b in at.get("download_button"))
    at = open_page("pipeline", region="xiaodian", year="2023")
    assert plotly_count(at) == 0
    assert "小店区 2023 年没有三个一批项目数据。" in texts(at.info)


def test_targets_page_for_a_target_only_year():
    at = open_page("targets", region="xiaodian", year="2025", asof="2025-02-01")
    assert texts(at.title) == ["目标 · 小店区 · 2025 年"]
    assert "状态截至 2025年2月1日" in texts(at.caption)
    assert "2025 年只有目标，还没有实际数据。" in texts(at.info)
    table = at.dataframe[0].value
    assert table["目标"].tolist() == ["≥ 2,000 亿元"] and table["状态"].tolist() == ["未到期"]
    assert table["基期（参考）"].tolist() == ["1,700.8 亿元 (2024)"]
    assert at.selectbox(key="flt_year").options[0] == "2025"
    assert at.query_params["asof"] == "2025-02-01"


def test_targets_page_rate_target_in_percentage_points():
    at = open_page("targets", region="xiaodian", year="2024", asof="2026-01-01", lang="en")
    assert texts(at.title) == ["Targets · Xiaodian District · 2024"]
    table = at.dataframe[0].value
    gdp = table[table["Indicator"].str.startswith("Gross regional product")].iloc[0]
    assert gdp["Kind"] == "rate target" and gdp["Progress"] == "-1.2 pp" and gdp["Status"] == "missed"
    assert gdp["Target"] == "≈ 6%" and gdp["Achieved"] == "4.8%"
    assert "Rate targets: achieved minus target (percentage points)" in texts(at.subheader)


def test_targets_status_follows_the_as_of_date_not_the_clock():
    early = open_page("targets", region="xiaodian", year="2023", asof="2024-03-01").dataframe[0].value
    late = open_page("targets", region="xiaodian", year="2023", asof="2026-01-01").dataframe[0].value
    assert early["状态"].tolist() == ["已完成", "未完成", "待公布结果"]
    assert late["状态"].tolist() == ["已完成", "未完成", "无数据"]
    ytd = open_page("targets", region="taiyuan", year="2024", asof="2024-07-01").dataframe[0].value
    assert "进度正常" in ytd["状态"].tolist()
    assert any("1–5月" in v for v in ytd["实际"])                 # the YTD actual says its months


def test_sources_page_documents_evidence_and_conflicts():
    at = open_page("sources", region="xiaodian", year="2021")
    docs = at.dataframe[0].value
    assert len(docs) == 4 and "提取数字" in docs.columns and "文件" not in docs.columns
    assert "取自文件头信息" in docs["日期依据"].tolist()
    assert any("<mark><b>" in m.value for m in at.markdown)   # the number is highlighted
    conflict_values = [m.value for m in at.metric]
    assert "1,425.15 亿元" in conflict_values and "1,425.5 亿元" in conflict_values
    at.toggle(key="sources_all_docs").set_value(True).run()
    assert len(at.dataframe[0].value) == 9
    at = open_page("sources", region="taiyuan", year="2021")
    assert texts(at.success) == ["没有发现文件之间的矛盾。"]


@pytest.mark.parametrize("page, region, year", [
    (None, "xiaodian", "2024"), ("growth", "taiyuan", "2024"), ("pipeline", "jinzhong_dev_zone", "2022"),
    ("targets", "xiaodian", "2024"), ("targets", "taiyuan", "2024"), ("sources", "xiaodian", "2021"),
])
def test_english_pages_have_no_chinese_units_or_raw_codes(page, region, year, warehouse_path):
    at = open_page(page, region=region, year=year, lang="en", asof="2024-07-01")
    text = without_sources(visible_text(at), warehouse_path)
    assert not CJK_UNITS.search(text), CJK_UNITS.search(text)
    assert not RAW_CODES.search(text), RAW_CODES.search(text)
    assert "documents)" not in text.replace("(1 document)", "") or "(1 documents)" not in text
    for doc in ("xd_2022_report", "ty_2025_stats", "jz_2023_review", ".txt"):
        assert doc not in text


def test_missing_warehouse_tells_the_user_to_build(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_DB", str(tmp_path / "missing.duckdb"))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "make build" in at.error[0].value
