"""The cached wrapper (dashboard/queries.py): file-version cache, missing warehouse."""
from __future__ import annotations

import os

import pytest

from dashboard import queries as q
from dashboard import sql


def test_missing_warehouse_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_DB", str(tmp_path / "none.duckdb"))
    with pytest.raises(q.WarehouseMissing):
        q.run(sql.regions)


def test_only_sql_functions_run(warehouse_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_DB", str(warehouse_path))
    with pytest.raises(ValueError):
        q.run(lambda con: None)


def test_cached_run_sees_a_rebuilt_file(tmp_path, monkeypatch):
    from etl.warehouse.load import build_warehouse
    from tests.dashboard.factory import fact, make_content

    db = tmp_path / "wh.duckdb"
    build_warehouse(make_content(), db)
    monkeypatch.setenv("WAREHOUSE_DB", str(db))
    assert q.run(sql.region_years, "xiaodian")["year"].tolist() == [2021, 2023, 2024, 2025]
    extra = fact("xd_2024_report.txt", "xiaodian", 2022, "gdp", "value", 1500.0, "亿元", "1500",
                 "2022年小店区地区生产总值1500亿元。")
    build_warehouse(make_content([extra]), db)
    os.utime(db, ns=(db.stat().st_atime_ns, db.stat().st_mtime_ns + 1_000_000))  # coarse clocks
    assert q.run(sql.region_years, "xiaodian")["year"].tolist() == [2021, 2022, 2023, 2024, 2025]
