"""dashboard/sql.py against the synthetic warehouse: no Streamlit, bound values, read-only."""
from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import numpy as np
import pytest

from dashboard import report, sql
from tests.dashboard.factory import ROOT

AS_OF_2026 = "2026-01-01"


def test_sql_module_does_not_import_streamlit():
    code = "import sys, dashboard.sql, dashboard.report, dashboard.charts; print('streamlit' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout, installed or not
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env=env).stdout.strip()
    assert out == "False"


def test_connection_is_read_only(con):
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM facts")


def test_odd_paths_are_bound_not_formatted(tmp_path, warehouse_path):
    odd = tmp_path / "it's a dir"
    odd.mkdir()
    copy = odd / "wh.duckdb"
    copy.write_bytes(warehouse_path.read_bytes())
    con = sql.connect(copy)
    try:
        assert not sql.regions(con).empty
    finally:
        con.close()


def test_errors_name_the_query_and_its_parameters(con):
    with pytest.raises(sql.QueryError) as err:
        sql.targets(con, "xiaodian", 2024, "not a date")
    assert err.value.name == "targets" and err.value.params == ["xiaodian", "not a date", 2024]
    assert "targets(" in str(err.value) and "'not a date'" in str(err.value)


def test_regions_offer_gazetteer_and_unlisted_names(con):
    regions = sql.regions(con).set_index("key")
    assert regions.loc["xiaodian", "parent_id"] == "taiyuan"
    assert regions.loc["xiaodian", "n_facts"] > 0
    assert regions.loc["datong", "n_facts"] == 0          # in the gazetteer, no figures
    assert regions.loc["平遥古城文旅园区", "id"] is None or regions.loc["平遥古城文旅园区", "id"] != regions.loc["平遥古城文旅园区", "id"]


def test_region_years_count_actuals_and_targets_apart(con):
    years = sql.region_years(con, "xiaodian").set_index("year")
    assert years.index.tolist() == [2021, 2023, 2024, 2025]            # no 2022
    assert years.loc[2025, "n_facts"] == 0 and years.loc[2025, "n_targets"] == 1  # a plan year
    assert sql.region_years(con, "nowhere").empty


def test_key_figures_compare_like_with_like(con):
    figs = sql.key_figures(con, "xiaodian", 2023).set_index(["indicator_id", "kind"])
    gdp = figs.loc[("gdp", "value")]
    assert gdp["value"] == pytest.approx(1602.3)
    # 2022 is missing: the previous *known* year is 2021, and the revised (later) document wins.
    assert gdp["prev_year"] == 2021 and gdp["prev_value"] == pytest.approx(1425.5)
    assert ("tech_smes", "target") not in figs.index  # targets are not key figures
    assert figs.loc[("inbound_investment_signed", "value"), "nature"] == "cumulative"
    later = sql.key_figures(con, "xiaodian", 2024).set_index(["indicator_id", "kind"])
    # 220.9 (2024, annual) is never set against the cumulative 431.6 of 2023
    assert later.loc[("inbound_investment_signed", "value"), "nature"] == "period"
    assert later.loc[("inbound_investment_signed", "value"), ["prev_value", "prev_year"]].isna().all()
    # an estimate is not compared with an exact figure
    assert later.loc[("retail_sales", "value"), "qualifier"] == "estimate"
    assert later.loc[("retail_sales", "value"), ["prev_value"]].isna().all()
    assert later.loc[("gdp", "value"), "prev_value"] == pytest.approx(1602.3)


def test_growth_queries_keep_periods_apart(con):
    rates = sql.growth_rates(con, "jinzhong_dev_zone", 2021)
    assert rates["indicator_id"].tolist() == ["industrial_value_added", "gdp"]  # sorted by value
    side = sql.growth_by_region(con, "gdp", 2021)
    assert side["region_key"].tolist() == ["jinzhong_dev_zone", "taiyuan", "xiaodian"]
    ytd = sql.growth_rates(con, "taiyuan", 2024)
    assert ytd.set_index("indicator_id").loc["industrial_value_added", "period"] == "YTD-05"
    assert ytd["period"].tolist()[0] == "FY"                     # full-year rates first
    assert sql.growth_by_region(con, "industrial_value_added", 2024, "FY").empty  # YTD never stands in
    assert sql.levels_over_time(con, "taiyuan")["year"].tolist()[:4] == [2021, 2022, 2023, 2024]


def test_pipeline_rounds_are_never_merged(con):
    rounds = sql.pipeline_rounds(con, "jinzhong_dev_zone")
    y2022 = rounds[rounds["year"] == 2022]
    signed = y2022[y2022["stage"] == "signed"].set_index("period")
    assert signed.loc["YTD-03", "n_projects"] == 18 and signed.loc["FY", "n_projects"] == 35
    assert y2022["period"].tolist()[0] == "YTD-03"              # rounds first, year total last
    assert rounds[rounds["year"] == 2021].set_index("stage").loc["signed", "investment_yi"] == pytest.approx(177.26)
    assert 2025 not in set(rounds["year"])                       # the 2025 target is not a round
    assert rounds["sentence"].notna().all()
    projects = sql.projects(con, "jinzhong_dev_zone")
    assert len(projects) == 5 and projects["title"].notna().all()


def test_target_status_is_one_rule_with_an_explicit_date(con):
    t = sql.targets(con, "xiaodian", 2023, AS_OF_2026).set_index("indicator_id")
    assert t.loc["high_tech_enterprises", "status"] == "achieved"
    assert t.loc["high_tech_enterprises", "progress_pct"] == pytest.approx(100 * 1940 / 1800)
    assert t.loc["retail_sales", "status"] == "missed"
    assert t.loc["retail_sales", "baseline_year"] == 2021            # context only
    assert t.loc["tech_smes", "status"] == "no_data"                 # 2023 over, nothing reported
    early = sql.targets(con, "xiaodian", 2023, "2024-03-01").set_index("indicator_id")
    assert early.loc["tech_smes", "status"] == "awaiting"             # results not yet due
    # the page's query and the warehouse view apply the same rule
    view = con.execute("SELECT target_fact_id, status FROM target_status_for('xiaodian', DATE '2026-01-01') "
                       "WHERE target_year = 2023 ORDER BY 1").fetchall()
    assert sorted(zip(t["target_fact_id"], t["status"])) == view


def test_a_rate_target_is_measured_in_percentage_points(con):
    t = sql.targets(con, "xiaodian", 2024, AS_OF_2026)
    gdp = t[t["indicator_id"] == "gdp"].iloc[0]
    assert gdp["target_kind"] == "rate" and gdp["actual_kind"] == "growth"
    assert gdp["actual_value"] == pytest.approx(4.8)
    assert gdp["gap_pp"] == pytest.approx(-1.2) and pd_isna(gdp["progress_pct"])
    assert gdp["status"] == "missed"


def test_an_actual_published_after_the_as_of_date_is_not_used(con):
    gdp = sql.targets(con, "xiaodian", 2024, "2024-12-01").set_index("indicator_id").loc["gdp"]
    assert pd_isna(gdp["actual_value"]) and gdp["status"] == "not_due"


def test_label_control_and_year_to_date_targets(con):
    label = sql.targets(con, "xiaodian", 2024, AS_OF_2026)
    label = label[label["indicator_id"].isna()].iloc[0]
    assert label["target_kind"] == "label" and label["baseline_value"] == 1200  # same label only
    ty = sql.targets(con, "taiyuan", 2024, "2024-07-01").set_index("indicator_id")
    assert ty.loc["industrial_value_added", "status"] == "on_track"      # 6.1% in Jan–May vs 6%
    assert ty.loc["industrial_value_added", "ytd_period"] == "YTD-05"
    assert ty.loc["urbanization_rate", "target_kind"] == "control"
    later = sql.targets(con, "taiyuan", 2024, "2025-06-01").set_index("indicator_id")
    assert later.loc["urbanization_rate", "status"] == "achieved"        # 89.2% inside 90%


def test_target_only_year(con):
    t = sql.targets(con, "xiaodian", 2025, "2025-02-01")
    assert t["indicator_id"].tolist() == ["gdp"] and t["status"].tolist() == ["not_due"]
    assert sql.target_years(con, "xiaodian")["year"].tolist() == [2023, 2024, 2025]


def test_evidence_keeps_the_order_asked_and_reads_rule_columns(con):
    figs = sql.key_figures(con, "xiaodian", 2024)
    ids = tuple(int(i) for i in figs["fact_id"][::-1])
    ev = sql.evidence(con, ids)
    assert tuple(ev["fact_id"]) == ids
    gdp = ev[(ev["indicator_id"] == "gdp") & (ev["kind"] == "value")].iloc[0]
    assert gdp["title"] == "小店区2025年政府工作报告" and gdp["date_precision"] == "year"
    assert gdp["kind_rule"] == "review_section" and gdp["region_en"] == "Xiaodian District"
    assert sql.evidence(con, ()).empty


def test_sources_documents_facts_conflicts(con):
    docs = sql.documents(con, "xiaodian")
    assert set(docs["doc"]) == {"xd_2022_report.txt", "xd_2022_invest.txt", "xd_2024_report.txt",
                                "xd_2025_report.txt"}
    assert docs.set_index("doc").loc["xd_2022_report.txt", "url"].startswith("http")
    facts = sql.facts(con, "xiaodian", 2021)
    assert (facts["indicator_id"] == "gdp").sum() == 3  # both documents' values are evidence
    conflicts = sql.conflicts(con, "xiaodian")
    assert conflicts["value"].tolist() == [1425.15, 1425.5]
    assert sql.conflicts(con, "taiyuan").empty


def test_queries_bind_parameters_not_format(con):
    # A region key full of SQL is just a value that matches nothing.
    assert sql.key_figures(con, "x' OR 1=1 --", 2023).empty


def test_schema_version(con):
    assert sql.schema_version(con) >= 4


@pytest.mark.parametrize("macro, view, where", [
    ("fact_best_for('xiaodian')", "fact_best", "coalesce(region_id, region_name) = 'xiaodian'"),
    ("fact_best_in('gdp', 2021)", "fact_best", "indicator_id = 'gdp' AND year = 2021"),
    ("target_status_for('xiaodian', DATE '2026-01-01')",
     "(SELECT * FROM target_status_for(NULL, DATE '2026-01-01'))", "region_key = 'xiaodian'"),
    ("pipeline_for('jinzhong_dev_zone')", "pipeline", "region_key = 'jinzhong_dev_zone'"),
    ("fact_conflicts_for('xiaodian')", "fact_conflicts", "region_key = 'xiaodian'"),
])
def test_scoped_macros_equal_the_filtered_views(con, macro, view, where):
    by_macro = con.execute(f"SELECT * FROM {macro} ORDER BY ALL").fetchall()
    by_view = con.execute(f"SELECT * FROM {view} WHERE {where} ORDER BY ALL").fetchall()
    assert by_macro == by_view and by_macro


def pd_isna(v) -> bool:
    import pandas as pd
    return bool(pd.isna(v))


def test_conflicts_of_one_year(con):
    assert sql.conflicts(con, "xiaodian", 2021)["value"].tolist() == [1425.15, 1425.5]
    assert sql.conflicts(con, "xiaodian", 2023).empty


def test_a_several_year_average_is_never_a_years_growth(con):
    # 太原市 2024: GDP grew 4.9% that year; 5.3% is its 2020-2024 average (年均)
    rates = sql.growth_rates(con, "taiyuan", 2024)
    assert rates[rates["indicator_id"] == "gdp"]["value"].tolist() == [4.9]
    side = sql.growth_by_region(con, "gdp", 2024).set_index("region_key")
    assert side.loc["taiyuan", "value"] == 4.9
    assert sql.conflicts(con, "taiyuan").empty          # two figures of different natures
    facts = sql.facts(con, "taiyuan", 2024)
    average = facts[(facts["indicator_id"] == "gdp") & (facts["value"] == 5.3)]
    assert average["nature"].tolist() == ["average"]
    ev = sql.evidence(con, average["fact_id"].tolist())
    assert ev.loc[0, "nature"] == "average"
    assert not isinstance(ev.loc[0, "others"], (list, np.ndarray)) or len(ev.loc[0, "others"]) == 0
    assert report.kind_text(ev.loc[0], "zh") == "增速（年均）"
    assert report.kind_text(ev.loc[0], "en").endswith("(annual average)")
    assert report.tidy(ev, "en").loc[0, "kind"].endswith("(annual average)")
