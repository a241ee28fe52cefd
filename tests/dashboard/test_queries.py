"""Query functions against the small synthetic warehouse (no Streamlit runtime needed)."""
from __future__ import annotations

import os

import pandas as pd
import pytest

from dashboard import queries as q


def test_regions_offer_gazetteer_and_unlisted_names(con):
    regions = q.regions(con).set_index("key")
    assert regions.loc["xiaodian", "parent_id"] == "taiyuan"
    assert regions.loc["xiaodian", "n_facts"] > 0
    assert regions.loc["datong", "n_facts"] == 0          # in the gazetteer, no figures
    assert pd.isna(regions.loc["平遥古城文旅园区", "id"])  # keyed by its Chinese name


def test_region_years_skip_target_only_years(con):
    assert q.region_years(con, "xiaodian")["year"].tolist() == [2021, 2023, 2024]  # no 2022, no 2025
    assert q.region_years(con, "平遥古城文旅园区")["year"].tolist() == [2022]
    assert q.region_years(con, "nowhere").empty


def test_key_figures_carry_previous_known_year(con):
    figs = q.key_figures(con, "xiaodian", 2023).set_index(["indicator_id", "kind"])
    gdp = figs.loc[("gdp", "value")]
    assert gdp["value"] == pytest.approx(1602.3)
    # 2022 is missing: the previous *known* year is 2021, and the revised (later) document wins.
    assert gdp["prev_year"] == 2021 and gdp["prev_value"] == pytest.approx(1425.5)
    assert figs.loc[("gdp", "growth"), "value"] == pytest.approx(5.1)
    assert "1602.3" in gdp["sentence"] and gdp["doc"] == "xd_2024_report.txt"
    assert ("tech_smes", "target") not in figs.index  # targets are not key figures


def test_growth_queries(con):
    rates = q.growth_rates(con, "jinzhong_dev_zone", 2021)
    assert rates["indicator_id"].tolist() == ["industrial_value_added", "gdp"]  # sorted by value
    side = q.growth_by_region(con, "gdp", 2021)
    assert side["region_key"].tolist() == ["jinzhong_dev_zone", "taiyuan", "xiaodian"]
    assert q.growth_by_region(con, "gdp", 2022)["region_key"].tolist() == ["平遥古城文旅园区", "taiyuan"]
    levels = q.levels_over_time(con, "taiyuan")
    assert levels["year"].tolist() == [2021, 2022, 2023, 2024]


def test_pipeline_stages_and_projects(con):
    pipe = q.pipeline(con, "jinzhong_dev_zone")
    y2021 = pipe[pipe["year"] == 2021].set_index("stage")
    assert y2021.loc["signed", "n_projects"] == 29
    assert y2021.loc["signed", "investment_yi"] == pytest.approx(177.26)
    assert set(pipe[pipe["year"] == 2022]["stage"]) == {"signed", "started", "commissioned", "negotiating"}
    assert 2025 not in set(pipe["year"])  # the 2025 target is not an actual stage figure
    assert pipe["sentence"].notna().all()
    projects = q.projects(con, "jinzhong_dev_zone")
    assert len(projects) == 5 and set(projects["stage"]) == {"signed", "started", "commissioned"}


def test_targets_status_in_every_state(con):
    targets = q.targets(con, "xiaodian", this_year=2026).set_index("indicator_id")
    assert targets.loc["high_tech_enterprises", "status"] == "achieved"
    assert targets.loc["high_tech_enterprises", "attainment_pct"] == pytest.approx(1940 / 18)
    assert targets.loc["retail_sales", "status"] == "not_achieved"
    assert targets.loc["retail_sales", "baseline_year"] == 2021
    assert targets.loc["tech_smes", "status"] == "no_data"  # 2023 passed, no result ever reported
    assert targets.loc["gdp", "status"] == "pending"
    assert targets.loc["gdp", "baseline_value"] == pytest.approx(1700.8)
    # In 2024 the 2023 results may still be unpublished: pending, not no_data.
    assert q.targets(con, "xiaodian", this_year=2024).set_index("indicator_id").loc["tech_smes", "status"] == "pending"


def test_sources_documents_facts_conflicts(con):
    docs = q.documents(con, "xiaodian")
    assert set(docs["doc"]) == {"xd_2022_report.txt", "xd_2022_invest.txt", "xd_2024_report.txt",
                                "xd_2025_report.txt"}
    assert len(q.documents(con, None)) == 7
    facts = q.facts(con, "xiaodian", 2021)
    assert (facts["indicator_id"] == "gdp").sum() == 3  # both documents' values are evidence
    conflicts = q.conflicts(con, "xiaodian")
    assert conflicts["value"].tolist() == [1425.15, 1425.5]
    assert conflicts["doc"].tolist() == ["xd_2022_report.txt", "xd_2024_report.txt"]
    assert q.conflicts(con, "taiyuan").empty


def test_policies_with_dates(con):
    pol = q.policies(con, "jinzhong_dev_zone")
    assert len(pol) == 2 and str(pol["published"].iloc[0])[:10] == "2022-02-10"


def test_queries_bind_parameters_not_format(con):
    # A region key full of SQL is just a value that matches nothing.
    assert q.key_figures(con, "x' OR 1=1 --", 2023).empty


def test_missing_warehouse_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_DB", str(tmp_path / "none.duckdb"))
    with pytest.raises(q.WarehouseMissing):
        q.run(q.regions)


def test_cached_run_sees_a_rebuilt_file(tmp_path, monkeypatch):
    from etl.warehouse.load import build_warehouse
    from tests.dashboard.factory import fact, make_content

    db = tmp_path / "wh.duckdb"
    build_warehouse(make_content(), db)
    monkeypatch.setenv("WAREHOUSE_DB", str(db))
    assert q.run(q.region_years, "xiaodian")["year"].tolist() == [2021, 2023, 2024]
    extra = fact("xd_2024_report.txt", "xiaodian", 2022, "gdp", "value", 1500.0, "亿元", "1500",
                 "2022年小店区地区生产总值1500亿元。")
    build_warehouse(make_content([extra]), db)
    os.utime(db, ns=(db.stat().st_atime_ns, db.stat().st_mtime_ns + 1_000_000))  # coarse clocks
    assert q.run(q.region_years, "xiaodian")["year"].tolist() == [2021, 2022, 2023, 2024]


@pytest.mark.parametrize("macro, view, where", [
    ("fact_best_for('xiaodian')", "fact_best", "coalesce(region_id, region_name) = 'xiaodian'"),
    ("fact_best_in('gdp', 2021)", "fact_best", "indicator_id = 'gdp' AND year = 2021"),
    ("targets_vs_actual_for('xiaodian')", "targets_vs_actual", "region_id = 'xiaodian'"),
    ("pipeline_for('jinzhong_dev_zone')", "pipeline", "region_key = 'jinzhong_dev_zone'"),
    ("fact_conflicts_for('xiaodian')", "fact_conflicts", "region_key = 'xiaodian'"),
])
def test_scoped_macros_equal_the_filtered_views(con, macro, view, where):
    # The scoped macros filter before ranking (for speed); they must equal the filtered views.
    by_macro = con.execute(f"SELECT * FROM {macro} ORDER BY ALL").fetchall()
    by_view = con.execute(f"SELECT * FROM {view} WHERE {where} ORDER BY ALL").fetchall()
    assert by_macro == by_view and by_macro


def test_a_growth_target_is_set_against_the_growth_achieved(tmp_path):
    # a planned rate (%) meets the rate achieved, a planned level the level: never each other
    import duckdb

    from etl.warehouse.load import build_warehouse
    from tests.dashboard.factory import fact, make_content

    s = "2023年主要预期目标：小店区地区生产总值增长6%左右，达到1800亿元。"
    extra = [fact("xd_2023_plan.txt", "xiaodian", 2023, "gdp", "target", 6, "%", "6", s,
                  qualifier="approx"),
             fact("xd_2023_budget.txt", "xiaodian", 2023, "gdp", "target", 1800, "亿元", "1800", s),
             fact("xd_2024_report.txt", "xiaodian", 2023, "gdp", "growth", 5.2, "%", "5.2",
                  "2023年，小店区地区生产总值增长5.2%。"),
             fact("xd_2024_report.txt", "xiaodian", 2023, "gdp", "value", 1750, "亿元", "1750",
                  "2023年，小店区地区生产总值1750亿元。")]
    db = build_warehouse(make_content(extra), tmp_path / "wh.duckdb")
    con = duckdb.connect(str(db), read_only=True)
    try:
        got = q.targets(con, "xiaodian", this_year=2026)
        gdp = got[(got.indicator_id == "gdp") & (got.target_year == 2023)].set_index("unit")
        assert gdp.loc["%", "achieved_value"] == pytest.approx(5.2)
        assert gdp.loc["%", "status"] == "not_achieved"
        assert gdp.loc["亿元", "achieved_value"] == pytest.approx(1750)
        assert gdp.loc["亿元", "status"] == "not_achieved"
        # two targets for one year in two units are not a disagreement between documents
        conflicts = q.conflicts(con, "xiaodian")
        assert not ((conflicts.indicator_id == "gdp") & (conflicts.kind == "target")).any()
    finally:
        con.close()
