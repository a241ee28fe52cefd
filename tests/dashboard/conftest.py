"""Fixtures: the synthetic warehouse of factory.py, built once per session in tmp_path."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl.warehouse.load import build_warehouse  # noqa: E402
from tests.dashboard.factory import make_content  # noqa: E402


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
