"""The SQL of the Map and Compare pages and of the region download: pure `f(con, *args)`.

Kept apart from sql.py (the other pages' queries) so both can change independently; registered
with the cached runner in queries.py through QUERIES below. Values are always bound.
"Best" figures come from the warehouse's fact_best_where macro (latest document wins), and a
region's full-year figure is preferred over a year-to-date one of the same year.
"""
from __future__ import annotations

import pandas as pd

from .sql import REGION_KEY, _df

def indicator_kinds(con) -> pd.DataFrame:
    """Every coded indicator and kind with actual figures: how many regions and years report it."""
    return _df(con, "indicator_kinds", f"""
        SELECT f.indicator_id, i.name_zh, i.name_en, f.kind,
               count(DISTINCT {REGION_KEY}) AS n_regions, count(DISTINCT f.year) AS n_years,
               min(f.year) AS first_year, max(f.year) AS last_year, mode(f.unit) AS unit
        FROM facts f JOIN indicators i ON i.id = f.indicator_id
        WHERE f.kind IN ('value', 'growth', 'share', 'rank') AND f.year IS NOT NULL
        GROUP BY ALL ORDER BY n_regions DESC, n_years DESC, f.indicator_id, f.kind""")


_BEST_PER_REGION_YEAR = f"""
    SELECT * EXCLUDE (rn) FROM (
        SELECT f.fact_id, {REGION_KEY.replace('region_', 'f.region_')} AS region_key,
               coalesce(r.name_zh, f.region_name) AS name_zh, r.name_en, r.kind AS region_kind,
               f.year, f.period, f.value, f.value_high, f.unit, f.qualifier, f.doc,
               d.title, d.published,
               row_number() OVER (PARTITION BY coalesce(f.region_id, f.region_name), f.year
                                  ORDER BY f.period = 'FY' DESC, f.period DESC, f.unit) AS rn
        FROM fact_best_where(NULL, ?, ?) f
        LEFT JOIN regions r ON r.id = f.region_id
        LEFT JOIN documents d ON d.doc = f.doc
        WHERE f.kind = ?)
    WHERE rn = 1"""


def map_values(con, indicator_id: str, kind: str, year: int) -> pd.DataFrame:
    """One figure per region for an indicator, kind and year (full year first)."""
    return _df(con, "map_values", _BEST_PER_REGION_YEAR + " ORDER BY value DESC, region_key",
               [indicator_id, year, kind])


def series(con, indicator_id: str, kind: str, region_keys: tuple) -> pd.DataFrame:
    """One figure per region and year for the given regions, all years."""
    return _df(con, "series", f"SELECT * FROM ({_BEST_PER_REGION_YEAR}) "
               "WHERE list_contains(?::VARCHAR[], region_key) ORDER BY region_key, year",
               [indicator_id, None, kind, list(region_keys)])


def league(con, indicator_id: str, year: int) -> pd.DataFrame:
    """Every region's level, growth and rank figure of one indicator in one year (wide)."""
    rows = [map_values(con, indicator_id, kind, year).assign(measure=kind)
            for kind in ("value", "growth", "rank")]
    return pd.concat(rows, ignore_index=True)


def region_records(con, region_key: str) -> pd.DataFrame:
    """Everything known about a region, one row per record (tidy): figures with their
    evidence, named projects, policies; each with its document and exact quote/offsets."""
    doc = "d.title AS document_title, d.publisher, d.published, d.url"
    return _df(con, "region_records", f"""
        SELECT 'fact' AS record, f.fact_id AS record_id, f.year, f.period, f.indicator_id,
               coalesce(i.name_zh, f.indicator_name) AS indicator_zh, i.name_en AS indicator_en,
               f.kind, f.value, f.value_high, f.unit, f.qualifier, f.raw_number,
               NULL::VARCHAR AS name, NULL::VARCHAR AS stage, f.doc, {doc},
               f.quote, f.sentence, f."start", f."end"
        FROM facts f LEFT JOIN indicators i ON i.id = f.indicator_id
        LEFT JOIN documents d ON d.doc = f.doc
        WHERE {REGION_KEY.replace('region_', 'f.region_')} = ?
        UNION ALL BY NAME
        SELECT 'project' AS record, p.project_id AS record_id, p.year, p.name, p.stage, p.doc, {doc},
               p.quote, p.sentence, p."start", p."end"
        FROM projects p LEFT JOIN documents d ON d.doc = p.doc
        WHERE {REGION_KEY.replace('region_', 'p.region_')} = ?
        UNION ALL BY NAME
        SELECT 'policy' AS record, p.policy_id AS record_id, p.year, p.title AS name, p.doc, {doc},
               p.quote, p.sentence, p."start", p."end"
        FROM policies p LEFT JOIN documents d ON d.doc = p.doc
        WHERE {REGION_KEY.replace('region_', 'p.region_')} = ?
        ORDER BY record, year NULLS LAST, indicator_id NULLS LAST, kind, record_id""",
               [region_key, region_key, region_key])


QUERIES = {f.__name__: f for f in (indicator_kinds, map_values, series, league, region_records)}
