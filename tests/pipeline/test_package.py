"""The project installs as a package: entry points resolve, SQL ships, no module edits the import path."""
from __future__ import annotations

import importlib
import re
import tomllib

from tests.pipeline.helpers import ROOT


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_entry_points_name_callables():
    scripts = _pyproject()["project"]["scripts"]
    assert set(scripts) == {"etl", "dashboard-export"}
    for target in scripts.values():
        module, _, attr = target.partition(":")
        assert callable(getattr(importlib.import_module(module), attr)), target


def test_the_sql_files_ship_with_the_package():
    data = _pyproject()["tool"]["setuptools"]["package-data"]["etl"]
    shipped = {p.name for pattern in data for p in (ROOT / "etl").glob(pattern)}
    assert {"schema.sql", "views.sql"} <= shipped


def test_no_module_edits_the_import_path():
    offenders = []
    for folder in ("etl", "dashboard", "scripts", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"sys\.path\.(insert|append|extend)|sys\.path\s*(\+?=)", text):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
