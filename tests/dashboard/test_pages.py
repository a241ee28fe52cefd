"""Every page through streamlit.testing.v1.AppTest, routed by app.py's st.navigation.

AppTest runs app.py; `switch_page` (after a first run, so st.navigation has registered the
pages) moves to a page file. Query parameters set on the AppTest are what the URL would carry.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


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


def test_overview_reads_url_and_shows_key_figures():
    at = open_page(region="xiaodian", year="2023")
    assert texts(at.title) == ["小店区 · 2023"]
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["地区生产总值（亿元）", "地区生产总值 · 增速"]
    assert at.metric[0].value == "1,602.30"
    assert plotly_count(at) == 1                              # the coverage grid
    assert not at.warning and not at.info
    assert at.selectbox(key="flt_region").value == "xiaodian"
    assert at.selectbox(key="flt_year").options == ["2024", "2023", "2021"]  # only years with data


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
    at = open_page("targets", region="atlantis", year="20x3")
    warnings = texts(at.warning)
    assert any("atlantis" in w for w in warnings) and any("20x3" in w for w in warnings)
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


def test_growth_page_charts_and_indicator_choice():
    at = open_page("growth", region="jinzhong_dev_zone", year="2021")
    assert plotly_count(at) == 3              # rates, regions side by side, pipeline levels 2021–22
    at.selectbox(key="growth_indicator").set_value("industrial_value_added").run()
    assert not at.exception
    at = open_page("growth", region="taiyuan", year="2023")
    assert plotly_count(at) == 3                               # rates, regions, levels over time
    at.select_slider(key="levels_range_gdp").set_range(2022, 2023).run()
    assert not at.exception


def test_pipeline_page_funnel_and_empty_selection():
    at = open_page("pipeline", region="jinzhong_dev_zone", year="2021")
    assert plotly_count(at) == 2                               # funnel + by year
    assert len(at.dataframe) >= 1                              # named projects
    assert any(b.label == "下载 PNG" for b in at.get("download_button"))
    at = open_page("pipeline", region="jinzhong_dev_zone", year="2022")
    assert [m.label for m in at.metric] == ["在谈"]
    at = open_page("pipeline", region="xiaodian", year="2023")
    assert plotly_count(at) == 0
    assert "小店区 2023 年没有三个一批项目数据。" in texts(at.info)


def test_targets_page_statuses():
    at = open_page("targets", region="xiaodian", year="2023")
    table = at.dataframe[0].value
    assert table["状态"].tolist() == ["已完成", "未完成", "无数据", "待公布"] or \
        table["状态"].tolist() == ["已完成", "未完成", "待公布", "待公布"]    # depends on today's year
    assert plotly_count(at) == 1
    at = open_page("targets", region="taiyuan", year="2023")
    assert texts(at.info) == ["太原市 暂无目标记录。"]


def test_sources_page_documents_evidence_and_conflicts():
    at = open_page("sources", region="xiaodian", year="2021")
    docs = at.dataframe[0].value
    assert len(docs) == 4 and "提取数字" in docs.columns
    assert any("<mark><b>" in m.value for m in at.markdown)   # the number is highlighted
    conflict_values = [m.value for m in at.metric]
    assert "1,425.15 亿元" in conflict_values and "1,425.50 亿元" in conflict_values
    at.toggle(key="sources_all_docs").set_value(True).run()
    assert len(at.dataframe[0].value) == 7
    at = open_page("sources", region="taiyuan", year="2021")
    assert texts(at.success) == ["没有发现文件之间的矛盾。"]


def test_missing_warehouse_tells_the_user_to_build(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_DB", str(tmp_path / "missing.duckdb"))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "make build" in at.error[0].value
