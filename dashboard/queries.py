"""All SQL the dashboard runs, and the only module that touches DuckDB.

Every query is a plain function `f(con, *args) -> DataFrame` (unit-testable, usable by the
export CLI without Streamlit). The app calls them through `run(f, *args)`, which caches the
result per warehouse *file version*: the cache key carries the file's (mtime_ns, size), so after
`make build` swaps in a new file the next rerun reconnects and re-queries without a restart.
Parameters are always bound (`?`), never formatted into SQL.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "warehouse.duckdb"
REGION_KEY = "coalesce(region_id, region_name)"  # regions outside the gazetteer: Chinese name
NEEDED_SCHEMA = 3  # etl/warehouse/migrations/0003_targets_by_unit.sql (targets matched by unit)


class WarehouseMissing(RuntimeError):
    """The warehouse file does not exist (the user has not run `make build`)."""


def warehouse_path() -> Path:
    return Path(os.environ.get("WAREHOUSE_DB") or DEFAULT_DB)


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(mtime_ns, size) of the warehouse file: changes whenever a build replaces it."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size)


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse file as it is now.

    `duckdb.connect(path)` would hand back the process's cached database instance for that
    path while any old connection is alive — i.e. the file as it was *before* a rebuild
    replaced it. Attaching the file to a fresh in-memory instance always reads the new file.
    """
    if not Path(path).exists():
        raise WarehouseMissing(str(path))
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{str(path).replace(chr(39), chr(39) * 2)}' AS wh (READ_ONLY)")
    con.execute("USE wh")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A per-thread cursor on `con` (cursors start in the default catalog: switch to wh)."""
    cur = con.cursor()
    cur.execute("USE wh")
    return cur


def _df(con, sql: str, params: list | None = None) -> pd.DataFrame:
    return con.execute(sql, params or []).df()


# ---------------------------------------------------------------- reference and filters
def regions(con) -> pd.DataFrame:
    """Gazetteer regions plus non-gazetteer region names, with their count of actual figures."""
    return _df(con, f"""
        WITH counts AS (
            SELECT {REGION_KEY} AS key, any_value(region_id) AS region_id,
                   any_value(region_name) AS region_name, count(*) AS n_facts
            FROM facts WHERE kind <> 'target' GROUP BY 1)
        SELECT coalesce(r.id, c.key) AS key, r.id, coalesce(r.name_zh, c.region_name) AS name_zh,
               r.name_en, r.kind, r.parent_id, r.aliases, coalesce(c.n_facts, 0) AS n_facts
        FROM regions r FULL OUTER JOIN counts c ON c.key = r.id
        ORDER BY key""")


def region_years(con, region_key: str) -> pd.DataFrame:
    """Years with actual (non-target) figures for a region, oldest first."""
    return _df(con, f"""
        SELECT year, count(*) AS n_facts FROM facts
        WHERE {REGION_KEY} = ? AND kind <> 'target' AND year IS NOT NULL
        GROUP BY year ORDER BY year""", [region_key])


def indicators(con) -> pd.DataFrame:
    return _df(con, "SELECT id, name_zh, name_en, category, unit FROM indicators ORDER BY id")


# ---------------------------------------------------------------- overview
def key_figures(con, region_key: str, year: int) -> pd.DataFrame:
    """Every best figure of the selection, with the previous known year's figure for deltas."""
    return _df(con, f"""
        WITH r AS (
            SELECT *, lag(value) OVER w AS prev_value, lag(year) OVER w AS prev_year
            FROM fact_best_for(?) WHERE kind IN ('value', 'growth', 'share', 'rank')
            WINDOW w AS (PARTITION BY indicator_id, kind, period ORDER BY year))
        SELECT r.indicator_id, coalesce(i.name_zh, r.indicator_name) AS name_zh, i.name_en,
               i.category, r.kind, r.period, r.year, r.value, r.value_high, r.unit, r.qualifier,
               r.prev_year, r.prev_value, r.doc, r.quote, r.sentence, r.fact_id
        FROM r LEFT JOIN indicators i ON i.id = r.indicator_id
        WHERE r.year = ? ORDER BY r.indicator_id, r.kind, r.period""", [region_key, year])


def coverage(con) -> pd.DataFrame:
    """Facts per region and year, every region (the coverage grid)."""
    return _df(con, """
        SELECT c.region_key, coalesce(r.name_zh, c.region_name) AS name_zh,
               coalesce(r.name_en, c.region_name) AS name_en, c.year,
               sum(c.n_facts)::BIGINT AS n_facts, sum(c.n_docs)::BIGINT AS n_docs
        FROM coverage c LEFT JOIN regions r ON r.id = c.region_id
        WHERE c.year IS NOT NULL GROUP BY ALL ORDER BY c.region_key, c.year""")


def policies(con, region_key: str) -> pd.DataFrame:
    return _df(con, """
        SELECT p.title, p.year, d.published, d.publisher, p.doc, p.quote, p.sentence
        FROM policies p LEFT JOIN documents d USING (doc)
        WHERE coalesce(p.region_id, p.region_name) = ?
        ORDER BY d.published DESC NULLS LAST, p.year DESC, p.title""", [region_key])


# ---------------------------------------------------------------- growth
def growth_rates(con, region_key: str, year: int) -> pd.DataFrame:
    return _df(con, f"""
        SELECT f.indicator_id, coalesce(i.name_zh, f.indicator_name) AS name_zh, i.name_en,
               f.period, f.value, f.unit, f.qualifier, f.doc, f.quote, f.sentence
        FROM fact_best_for(?) f LEFT JOIN indicators i ON i.id = f.indicator_id
        WHERE f.year = ? AND f.kind = 'growth'
        ORDER BY f.value DESC""", [region_key, year])


def growth_by_region(con, indicator_id: str, year: int) -> pd.DataFrame:
    """One indicator's growth rate in every region that reports it for the year (FY first)."""
    return _df(con, """
        SELECT * EXCLUDE (rn) FROM (
            SELECT coalesce(f.region_id, f.region_name) AS region_key,
                   coalesce(r.name_zh, f.region_name) AS name_zh,
                   coalesce(r.name_en, f.region_name) AS name_en,
                   f.period, f.value, f.unit, f.doc, f.quote, f.sentence,
                   row_number() OVER (PARTITION BY coalesce(f.region_id, f.region_name)
                                      ORDER BY f.period = 'FY' DESC, f.period DESC) AS rn
            FROM fact_best_in(?, ?) f LEFT JOIN regions r ON r.id = f.region_id
            WHERE f.kind = 'growth')
        WHERE rn = 1 ORDER BY value DESC""", [indicator_id, year])


def levels_over_time(con, region_key: str) -> pd.DataFrame:
    """Full-year levels of every indicator of a region, all years."""
    return _df(con, f"""
        SELECT f.indicator_id, coalesce(i.name_zh, f.indicator_name) AS name_zh, i.name_en,
               f.year, f.value, f.unit, f.qualifier, f.doc, f.quote, f.sentence
        FROM fact_best_for(?) f LEFT JOIN indicators i ON i.id = f.indicator_id
        WHERE f.kind = 'value' AND f.period = 'FY'
        ORDER BY f.indicator_id, f.year""", [region_key])


# ---------------------------------------------------------------- pipeline
PIPELINE_STAGES = ("signed", "started", "commissioned")
OTHER_STAGES = ("negotiating", "reserve", "in_progress")


def pipeline(con, region_key: str) -> pd.DataFrame:
    """三个一批 stages by year (actuals only; full year preferred over year-to-date)."""
    return _df(con, """
        SELECT * EXCLUDE (rn) FROM (
            SELECT p.year, p.period, p.stage, p.n_projects, p.investment_yi,
                   coalesce(fc.doc, fi.doc) AS doc, coalesce(fc.sentence, fi.sentence) AS sentence,
                   coalesce(fc.quote, fi.quote) AS quote,
                   row_number() OVER (PARTITION BY p.year, p.stage
                                      ORDER BY p.period = 'FY' DESC, p.period DESC) AS rn
            FROM pipeline_for(?) p
            LEFT JOIN facts fc ON fc.fact_id = p.count_fact_id
            LEFT JOIN facts fi ON fi.fact_id = p.investment_fact_id
            WHERE p.kind = 'value' AND p.stage IS NOT NULL)
        WHERE rn = 1 ORDER BY year, stage""", [region_key])


def projects(con, region_key: str) -> pd.DataFrame:
    return _df(con, f"""
        SELECT name, stage, year, doc, quote, sentence FROM projects
        WHERE {REGION_KEY} = ? ORDER BY year DESC, stage, name""", [region_key])


# ---------------------------------------------------------------- targets
def targets(con, region_key: str, this_year: int | None = None) -> pd.DataFrame:
    """Every target of a region with baseline, achieved value, attainment and status.

    The view's status says 'pending' for any past target whose result never appeared; here a
    target counts as pending only until the year after its target year (results for year Y
    are published in Y+1), and as 'no_data' after that.
    """
    this_year = this_year or dt.date.today().year
    return _df(con, """
        SELECT t.indicator_id, coalesce(i.name_zh, t.indicator_name) AS name_zh, i.name_en,
               t.target_year, t.target_value, t.target_high, t.unit, t.qualifier,
               t.baseline_year, t.baseline_value, t.achieved_value, t.attainment_pct,
               CASE WHEN t.achieved_value IS NOT NULL THEN t.status
                    WHEN t.target_year >= ? - 1 THEN 'pending'
                    ELSE 'no_data' END AS status,
               t.doc, t.target_quote AS quote, f.sentence
        FROM targets_vs_actual_for(?) t
        LEFT JOIN indicators i ON i.id = t.indicator_id
        LEFT JOIN facts f ON f.fact_id = t.target_fact_id
        ORDER BY t.target_year, t.indicator_id""", [this_year, region_key])


# ---------------------------------------------------------------- sources
def documents(con, region_key: str | None = None) -> pd.DataFrame:
    """Documents with their count of extracted facts (only those citing the region, if given)."""
    return _df(con, f"""
        WITH n AS (SELECT doc, count(*) AS n_facts,
                          count(*) FILTER (WHERE {REGION_KEY} = ?) AS n_region FROM facts GROUP BY doc)
        SELECT d.doc, d.title, d.published, d.publisher, d.date_rule, d.url,
               coalesce(n.n_facts, 0) AS n_facts, coalesce(n.n_region, 0) AS n_region
        FROM documents d LEFT JOIN n USING (doc)
        WHERE ? IS NULL OR n.n_region > 0
        ORDER BY d.published DESC NULLS LAST, d.doc""", [region_key, region_key])


def facts(con, region_key: str, year: int) -> pd.DataFrame:
    """Every extracted fact of the selection (all documents, not only the best figure)."""
    return _df(con, f"""
        SELECT f.fact_id, f.indicator_id, f.indicator_name AS name_zh, i.name_en, f.kind,
               f.period, f.value, f.value_high, f.unit, f.qualifier, f.raw_number, f.doc,
               f.quote, f.sentence, f."start", f."end", f.confidence
        FROM facts f LEFT JOIN indicators i ON i.id = f.indicator_id
        WHERE {REGION_KEY} = ? AND f.year = ?
        ORDER BY f.indicator_id NULLS LAST, f.kind, f.doc""", [region_key, year])


def conflicts(con, region_key: str) -> pd.DataFrame:
    """Figures that documents disagree on: one row per (conflict, fact)."""
    return _df(con, """
        WITH c AS (
            SELECT row_number() OVER (ORDER BY year, indicator_id, kind, period) AS conflict_id,
                   indicator_id, year, period, kind, unnest(fact_ids) AS fact_id
            FROM fact_conflicts_for(?))
        SELECT c.conflict_id, c.indicator_id, coalesce(i.name_zh, f.indicator_name) AS name_zh,
               i.name_en, c.year, c.period, c.kind, f.doc, d.title, d.published, f.value, f.unit,
               f.raw_number, f.quote, f.sentence
        FROM c JOIN facts f USING (fact_id)
        LEFT JOIN documents d ON d.doc = f.doc
        LEFT JOIN indicators i ON i.id = c.indicator_id
        ORDER BY c.conflict_id, d.published NULLS LAST, f.doc""", [region_key])


def schema_version(con) -> pd.DataFrame:
    """Highest applied migration: the dashboard needs 0002 (its region-scoped macros)."""
    return _df(con, "SELECT max(version) AS version FROM schema_migrations")


def build_info(con) -> pd.DataFrame:
    return _df(con, "SELECT key, value FROM build_info ORDER BY key")


# ---------------------------------------------------------------- cached access for the app
def run(query: Callable[..., pd.DataFrame], *args) -> pd.DataFrame:
    """Run `query(con, *args)` against the current warehouse file, cached per file version."""
    path = warehouse_path()
    stamp = file_stamp(path)
    if stamp is None:
        raise WarehouseMissing(str(path))
    return _cached_query(query.__name__, str(path), stamp, args)


@st.cache_resource(max_entries=2, show_spinner=False, on_release=lambda con: con.close())
def _connection(path: str, stamp: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    """One read-only connection per file version; a rebuild evicts (and closes) the old one."""
    return connect(path)


@st.cache_data(max_entries=1024, show_spinner=False)
def _cached_query(name: str, path: str, stamp: tuple[int, int], args: tuple) -> pd.DataFrame:
    # A cursor per call: one DuckDB connection must not be used by two threads at once.
    with cursor(_connection(path, stamp)) as cur:
        return QUERIES[name](cur, *args)


QUERIES = {f.__name__: f for f in (
    regions, region_years, indicators, key_figures, coverage, policies, growth_rates,
    growth_by_region, levels_over_time, pipeline, projects, targets, documents, facts,
    conflicts, build_info, schema_version)}
