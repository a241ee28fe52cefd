"""The app's cached access to `sql.py`: `run(sql.f, *args)`.

Results are cached per warehouse *file version*: the cache key carries the file's
(mtime_ns, size), so after `make build` swaps in a new file the next rerun reconnects and
re-queries without a restart. One read-only connection per file version; a cursor per call.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import duckdb
import streamlit as st

from . import sql
from .sql import WarehouseMissing, warehouse_path  # noqa: F401  (the pages' names for them)

NEEDED_SCHEMA = 4  # build_info.schema_version of schema.sql + views.sql (target_status_for)


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(mtime_ns, size) of the warehouse file: changes whenever a build replaces it."""
    try:
        st_ = path.stat()
    except FileNotFoundError:
        return None
    return (st_.st_mtime_ns, st_.st_size)


def run(query: Callable, *args):
    """`query(con, *args)` (a function of sql.py) on the current warehouse file, cached."""
    path = warehouse_path()
    stamp = file_stamp(path)
    if stamp is None:
        raise WarehouseMissing(str(path))
    if QUERIES.get(query.__name__) is not query:
        raise ValueError(f"{query.__name__} is not a query of dashboard.sql")
    return _cached_query(query.__name__, str(path), stamp, args)


@st.cache_resource(max_entries=2, show_spinner=False, on_release=lambda con: con.close())
def _connection(path: str, stamp: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    """One read-only connection per file version; a rebuild evicts (and closes) the old one."""
    return sql.connect(path)


@st.cache_data(max_entries=1024, show_spinner=False)
def _cached_query(name: str, path: str, stamp: tuple[int, int], args: tuple):
    # A cursor per call: one DuckDB connection must not be used by two threads at once.
    with sql.cursor(_connection(path, stamp)) as cur:
        return QUERIES[name](cur, *args)


QUERIES = {f.__name__: f for f in (
    sql.regions, sql.region_years, sql.evidence, sql.key_figures, sql.coverage, sql.policies,
    sql.growth_rates, sql.growth_by_region, sql.levels_over_time, sql.pipeline_rounds,
    sql.projects, sql.target_years, sql.targets, sql.documents, sql.facts, sql.conflicts,
    sql.schema_version)}

# The Map/Compare pages' queries live in explore_sql.py; same cache, same file-version key.
from . import explore_sql  # noqa: E402

QUERIES.update(explore_sql.QUERIES)
