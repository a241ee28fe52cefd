"""Fixtures: the synthetic warehouse of factory.py, built once per session in tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest


from etl.warehouse.load import build_warehouse
from tests.dashboard.factory import make_content


@pytest.fixture(scope="session")
def warehouse_path(tmp_path_factory) -> Path:
    """Path of the test warehouse (built once per session; tests only read it)."""
    return build_warehouse(make_content(), tmp_path_factory.mktemp("wh") / "warehouse.duckdb")


@pytest.fixture()
def con(warehouse_path):
    from dashboard.sql import connect

    connection = connect(warehouse_path)
    yield connection
    connection.close()
