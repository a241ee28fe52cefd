"""Every SQL statement the dashboard runs: pure functions `f(con, *args) -> DataFrame`.

No Streamlit here (the export CLI, the benchmark and the tests call these directly; the app
calls them through the cached wrapper in `queries.py`). Every value is bound as a parameter,
never formatted into SQL; the warehouse is attached read-only; a failing statement raises
`QueryError` naming the query and its parameters.

The rule columns (kind_rule, region_rule, time_rule) and documents.date_precision are read as
they are: NULL or empty until the ETL fills them, and every reader tolerates that.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "warehouse.duckdb"
REGION_KEY = "coalesce(region_id, region_name)"  # regions outside the gazetteer: Chinese name

PIPELINE_STAGES = ("signed", "started", "commissioned")
OTHER_STAGES = ("negotiating", "reserve", "in_progress")

class WarehouseMissing(RuntimeError):
    """The warehouse file does not exist (the user has not run `make build`)."""


class QueryError(RuntimeError):
    """A dashboard query failed; carries the query's name and parameters."""

    def __init__(self, name: str, params: list, cause: Exception):
        super().__init__(f"query {name}({', '.join(map(repr, params))}) failed: {cause}")
        self.name, self.params, self.cause = name, list(params), cause


def warehouse_path() -> Path:
    return Path(os.environ.get("WAREHOUSE_DB") or DEFAULT_DB)


def connect(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse file as it is now.

    `duckdb.connect(path)` would hand back the process's cached database instance for that
    path while any old connection is alive, i.e. the file as it was before a rebuild replaced
    it. Attaching the file to a fresh in-memory instance always reads the new file.
    """
    if not Path(path).exists():
        raise WarehouseMissing(str(path))
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ? AS wh (READ_ONLY)", [str(path)])
    con.execute("USE wh")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A per-thread cursor on `con` (cursors start in the default catalog: switch to wh)."""
    cur = con.cursor()
    cur.execute("USE wh")
    return cur


def _df(con, name: str, sql: str, params: list | None = None) -> pd.DataFrame:
    params = list(params or [])
    try:
        return con.execute(sql, params).df()
    except duckdb.Error as exc:
        raise QueryError(name, params, exc) from exc


def _nature(alias: str = "f") -> str:
    """The warehouse's rule (figure_nature): 'cumulative' for a running total, 'average' for a
    several-year average (年均), else 'period'."""
    return f"figure_nature({alias}.period, {alias}.time_rule, {alias}.quote)"


def _review(con, alias: str = "f") -> str:
    """A fact's review state and, when a reviewer corrected it, the value as extracted
    (etl/review/apply.py writes both; NULL in a warehouse built before reviews existed)."""
    reviewed = con.execute(
        "SELECT 1 FROM duckdb_columns() WHERE database_name = current_database() "
        "AND table_name = 'facts' AND column_name = 'review_status'").fetchall()
    if not reviewed:
        return ("NULL::VARCHAR AS review_status, NULL::DOUBLE AS original_value, "
                "NULL::VARCHAR AS original_unit")
    original = ("(SELECT rv.original_{c} FROM fact_reviews rv WHERE rv.fact_id = "
                f"{alias}.fact_id AND rv.review_status = 'corrected') AS original_{{c}}")
    return (f"{alias}.review_status, {original.format(c='value')}, "
            f"{original.format(c='unit')}")


# ---------------------------------------------------------------- reference and filters
def regions(con) -> pd.DataFrame:
    """Gazetteer regions plus non-gazetteer region names, with their count of figures."""
    return _df(con, "regions", f"""
        WITH counts AS (
            SELECT {REGION_KEY} AS key, any_value(region_id) AS region_id,
                   any_value(region_name) AS region_name,
                   count(*) FILTER (WHERE kind <> 'target') AS n_facts,
                   count(*) FILTER (WHERE kind = 'target') AS n_targets
            FROM facts GROUP BY 1)
        SELECT coalesce(r.id, c.key) AS key, r.id, coalesce(r.name_zh, c.region_name) AS name_zh,
               r.name_en, r.kind, r.parent_id, r.aliases, coalesce(c.n_facts, 0) AS n_facts,
               coalesce(c.n_targets, 0) AS n_targets
        FROM regions r FULL OUTER JOIN counts c ON c.key = r.id
        ORDER BY key""")


def region_years(con, region_key: str) -> pd.DataFrame:
    """Years with figures for a region, oldest first: actual figures and targets counted apart."""
    return _df(con, "region_years", f"""
        SELECT year, count(*) FILTER (WHERE kind <> 'target') AS n_facts,
               count(*) FILTER (WHERE kind = 'target') AS n_targets
        FROM facts WHERE {REGION_KEY} = ? AND year IS NOT NULL
        GROUP BY year ORDER BY year""", [region_key])


# ---------------------------------------------------------------- evidence (shared)
_DOC_COLUMNS = "d.title, d.publisher, d.published, d.date_rule, d.date_precision, d.url"


def evidence(con, fact_ids: tuple) -> pd.DataFrame:
    """Everything a reader needs to cite each fact, one row per fact id, in the order given.

    Region, indicator, year, period, kind, value, unit, qualifier, the document (title,
    publisher, date, how the date was decided, URL), the quote and its sentence, the
    extraction's "why" (kind/region/time rule) when the warehouse has it, and `others`: what
    other documents say for the same figure when they disagree (the rule of fact_conflicts).
    """
    ids = [int(i) for i in fact_ids if i is not None and i == i]
    if not ids:
        ids = [-1]
    df = _df(con, "evidence", f"""
        WITH f AS (SELECT * FROM facts WHERE fact_id IN (SELECT unnest(?::INTEGER[])))
        SELECT f.fact_id, coalesce(f.region_id, f.region_name) AS region_key,
               coalesce(r.name_zh, f.region_name) AS region_zh, r.name_en AS region_en,
               f.indicator_id, coalesce(i.name_zh, f.indicator_name) AS name_zh, i.name_en,
               f.year, f.period, f.kind, {_nature()} AS nature, f.value, f.value_high, f.unit,
               f.qualifier, f.raw_number, f.quote, f.sentence, f.doc, {_DOC_COLUMNS},
               f.kind_rule, f.region_rule, f.time_rule, {_review(con)},
               (SELECT list({{'value': o.value, 'unit': o.unit, 'qualifier': o.qualifier,
                             'title': od.title}} ORDER BY od.published NULLS LAST, o.fact_id)
                FROM facts o LEFT JOIN documents od ON od.doc = o.doc
                WHERE o.indicator_id = f.indicator_id AND o.year = f.year
                  AND o.period = f.period AND o.kind = f.kind AND o.unit = f.unit
                  AND coalesce(o.region_id, o.region_name) = coalesce(f.region_id, f.region_name)
                  AND {_nature('o')} = {_nature('f')}
                  AND o.doc <> f.doc
                  AND abs(o.value - f.value) > 1e-9 * greatest(abs(o.value), 1)) AS others
        FROM f
        LEFT JOIN documents d ON d.doc = f.doc
        LEFT JOIN indicators i ON i.id = f.indicator_id
        LEFT JOIN regions r ON r.id = f.region_id""", [ids])
    order = {fid: n for n, fid in enumerate(dict.fromkeys(ids))}
    return df.assign(_o=df["fact_id"].map(order)).sort_values("_o").drop(columns="_o") \
        .reset_index(drop=True)




# ---------------------------------------------------------------- overview
def key_figures(con, region_key: str, year: int) -> pd.DataFrame:
    """Every best figure of the selection, with the previous comparable figure for a delta.

    Comparable: same indicator, kind, unit, period and nature (a cumulative total is never set
    against a year's figure), and both exact or both estimated; otherwise prev_* are NULL.
    """
    return _df(con, "key_figures", f"""
        WITH b AS (
            SELECT f.*, {_nature()} AS nature,
                   CASE WHEN f.qualifier IN ('exact', 'derived') THEN 'exact'
                        WHEN f.qualifier = 'estimate' THEN 'estimate' END AS exactness
            FROM fact_best_for(?) f WHERE f.kind IN ('value', 'growth', 'share', 'rank')
        ), r AS (
            SELECT *, lag(value) OVER w AS prev_value, lag(year) OVER w AS prev_year,
                   lag(exactness) OVER w AS prev_exactness, lag(fact_id) OVER w AS prev_fact_id
            FROM b WINDOW w AS (PARTITION BY indicator_id, kind, period, unit, nature ORDER BY year))
        SELECT r.fact_id, r.indicator_id, coalesce(i.name_zh, r.indicator_name) AS name_zh,
               i.name_en, i.category, r.kind, r.period, r.nature, r.year, r.value, r.value_high,
               r.unit, r.qualifier,
               CASE WHEN r.exactness IS NOT NULL AND r.exactness = r.prev_exactness
                    AND r.nature = 'period' THEN r.prev_year END AS prev_year,
               CASE WHEN r.exactness IS NOT NULL AND r.exactness = r.prev_exactness
                    AND r.nature = 'period' THEN r.prev_value END AS prev_value,
               r.doc, r.quote, r.sentence, {_review(con, "r")}
        FROM r LEFT JOIN indicators i ON i.id = r.indicator_id
        WHERE r.year = ? ORDER BY r.indicator_id, r.kind, r.period""", [region_key, year])


def coverage(con) -> pd.DataFrame:
    """Facts per region and year, every region (the coverage grid)."""
    return _df(con, "coverage", """
        SELECT c.region_key, coalesce(r.name_zh, c.region_name) AS name_zh,
               coalesce(r.name_en, c.region_name) AS name_en, c.year,
               sum(c.n_facts)::BIGINT AS n_facts, sum(c.n_docs)::BIGINT AS n_docs
        FROM coverage c LEFT JOIN regions r ON r.id = c.region_id
        WHERE c.year IS NOT NULL GROUP BY ALL ORDER BY c.region_key, c.year""")


def policies(con, region_key: str) -> pd.DataFrame:
    return _df(con, "policies", f"""
        SELECT p.policy_id, p.title AS policy, p.year, p.region_id,
               coalesce(r.name_zh, p.region_name) AS region_zh, r.name_en AS region_en,
               p.doc, {_DOC_COLUMNS}, p.quote, p.sentence
        FROM policies p LEFT JOIN documents d ON d.doc = p.doc
        LEFT JOIN regions r ON r.id = p.region_id
        WHERE coalesce(p.region_id, p.region_name) = ?
        ORDER BY d.published DESC NULLS LAST, p.year DESC, p.title""", [region_key])


# ---------------------------------------------------------------- growth
def growth_rates(con, region_key: str, year: int) -> pd.DataFrame:
    """Year-on-year growth rates of the selection: full-year figures, and year-to-date ones
    labelled so (a several-year average, 年均, is no year's growth: it stays in the evidence)."""
    return _df(con, "growth_rates", f"""
        SELECT f.fact_id, f.indicator_id, coalesce(i.name_zh, f.indicator_name) AS name_zh,
               i.name_en, f.period, f.value, f.unit, f.qualifier, f.doc, f.quote, f.sentence,
               {_review(con)}
        FROM fact_best_for(?) f LEFT JOIN indicators i ON i.id = f.indicator_id
        WHERE f.year = ? AND f.kind = 'growth' AND {_nature()} <> 'average'
        ORDER BY f.period <> 'FY', f.value DESC""", [region_key, year])


def growth_by_region(con, indicator_id: str, year: int, period: str = "FY") -> pd.DataFrame:
    """One indicator's growth rate for one period in every region that reports it."""
    return _df(con, "growth_by_region", f"""
        SELECT f.fact_id, coalesce(f.region_id, f.region_name) AS region_key,
               coalesce(r.name_zh, f.region_name) AS name_zh,
               coalesce(r.name_en, f.region_name) AS name_en,
               f.period, f.value, f.unit, f.qualifier, f.doc, f.quote, f.sentence, {_review(con)}
        FROM fact_best_in(?, ?) f LEFT JOIN regions r ON r.id = f.region_id
        WHERE f.kind = 'growth' AND f.period = ? AND {_nature()} <> 'average'
        ORDER BY f.value DESC""", [indicator_id, year, period])


def levels_over_time(con, region_key: str) -> pd.DataFrame:
    """Full-year levels of every indicator of a region, all years."""
    return _df(con, "levels_over_time", f"""
        SELECT f.fact_id, f.indicator_id, coalesce(i.name_zh, f.indicator_name) AS name_zh,
               i.name_en, f.year, f.period, f.value, f.unit, f.qualifier, {_nature()} AS nature,
               f.doc, f.quote, f.sentence, {_review(con)}
        FROM fact_best_for(?) f LEFT JOIN indicators i ON i.id = f.indicator_id
        WHERE f.kind = 'value' AND f.period = 'FY'
        ORDER BY f.indicator_id, f.year""", [region_key])


# ---------------------------------------------------------------- pipeline
def pipeline_rounds(con, region_key: str) -> pd.DataFrame:
    """三个一批 figures as reported (warehouse macro pipeline_for): one row per (year, round,
    stage), never merged. A round is what one document reports for one period (a quarterly
    集中签约 round, a year-to-date round-up, the full-year total); counts and investment of a
    stage in one round come from the same document. Full-year totals sort after the rounds.
    """
    return _df(con, "pipeline_rounds", """
        SELECT p.year, p.period, p.doc, d.title, d.published, p.stage, p.n_projects,
               p.investment_yi, p.count_fact_id, p.investment_fact_id,
               coalesce(fc.sentence, fi.sentence) AS sentence, coalesce(fc.quote, fi.quote) AS quote
        FROM pipeline_for(?) p
        LEFT JOIN documents d ON d.doc = p.doc
        LEFT JOIN facts fc ON fc.fact_id = p.count_fact_id
        LEFT JOIN facts fi ON fi.fact_id = p.investment_fact_id
        WHERE p.year IS NOT NULL
        ORDER BY p.year, p.period = 'FY', p.period, d.published NULLS LAST, p.doc,
                 list_position(['signed', 'started', 'commissioned', 'negotiating', 'reserve',
                                'in_progress'], p.stage)""", [region_key])


def projects(con, region_key: str) -> pd.DataFrame:
    return _df(con, "projects", f"""
        SELECT p.project_id, p.name, p.stage, p.year, p.region_id,
               coalesce(r.name_zh, p.region_name) AS region_zh, r.name_en AS region_en,
               p.doc, {_DOC_COLUMNS}, p.quote, p.sentence
        FROM projects p LEFT JOIN documents d ON d.doc = p.doc
        LEFT JOIN regions r ON r.id = p.region_id
        WHERE coalesce(p.region_id, p.region_name) = ?
        ORDER BY p.year DESC, p.stage, p.name""", [region_key])


# ---------------------------------------------------------------- targets
def target_years(con, region_key: str) -> pd.DataFrame:
    """Years for which the region has targets."""
    return _df(con, "target_years", f"""
        SELECT DISTINCT year FROM facts
        WHERE {REGION_KEY} = ? AND kind = 'target' AND year IS NOT NULL ORDER BY year""",
               [region_key])


def targets(con, region_key: str, year: int, as_of: str) -> pd.DataFrame:
    """The region's targets for one year, each with its matched actual, progress and status.

    Status and progress come from the warehouse macro `target_status_for(key, as_of)` (one
    rule, explicit as-of date, so the page and ad-hoc SQL agree).
    """
    return _df(con, "targets", """
        SELECT t.*, coalesce(i.name_zh, t.indicator_name) AS name_zh, i.name_en
        FROM target_status_for(?, CAST(? AS DATE)) t
        LEFT JOIN indicators i ON i.id = t.indicator_id
        WHERE t.target_year = ?
        ORDER BY list_position(['level', 'rate', 'control', 'label'], t.target_kind),
                 t.indicator_id NULLS LAST, t.indicator_name, t.unit, t.target_fact_id""",
               [region_key, str(as_of), year])


# ---------------------------------------------------------------- sources
def documents(con, region_key: str | None = None) -> pd.DataFrame:
    """Documents with their count of extracted facts (only those citing the region, if given)."""
    return _df(con, "documents", f"""
        WITH n AS (SELECT doc, count(*) AS n_facts,
                          count(*) FILTER (WHERE {REGION_KEY} = ?) AS n_region FROM facts GROUP BY doc)
        SELECT d.doc, {_DOC_COLUMNS},
               coalesce(n.n_facts, 0) AS n_facts, coalesce(n.n_region, 0) AS n_region
        FROM documents d LEFT JOIN n USING (doc)
        WHERE ? IS NULL OR n.n_region > 0
        ORDER BY d.published DESC NULLS LAST, d.doc""", [region_key, region_key])


def facts(con, region_key: str, year: int) -> pd.DataFrame:
    """Every extracted fact of the selection (all documents, not only the best figure)."""
    return _df(con, "facts", f"""
        SELECT f.fact_id, f.indicator_id, f.indicator_name AS name_zh, i.name_en, f.kind,
               {_nature()} AS nature,
               f.period, f.value, f.value_high, f.unit, f.qualifier, f.raw_number, f.doc,
               d.title, f.quote, f.sentence, f."start", f."end", f.confidence
        FROM facts f LEFT JOIN indicators i ON i.id = f.indicator_id
        LEFT JOIN documents d ON d.doc = f.doc
        WHERE {REGION_KEY.replace('region_', 'f.region_')} = ? AND f.year = ?
        ORDER BY f.indicator_id NULLS LAST, f.kind, f.period, f.doc, f.fact_id""", [region_key, year])


def conflicts(con, region_key: str, year: int | None = None) -> pd.DataFrame:
    """Figures that documents disagree on: one row per (conflict, fact); one year, or all."""
    return _df(con, "conflicts", """
        WITH c AS (
            SELECT row_number() OVER (ORDER BY year, indicator_id, kind, period, unit, nature) AS conflict_id,
                   indicator_id, year, period, kind, nature, unnest(fact_ids) AS fact_id
            FROM fact_conflicts_for(?) WHERE CAST(? AS INTEGER) IS NULL OR year = ?)
        SELECT c.conflict_id, c.indicator_id, coalesce(i.name_zh, f.indicator_name) AS name_zh,
               i.name_en, c.year, c.period, c.kind, c.nature, f.fact_id, f.doc, d.title, d.published,
               f.value, f.unit, f.qualifier, f.raw_number, f.quote, f.sentence
        FROM c JOIN facts f USING (fact_id)
        LEFT JOIN documents d ON d.doc = f.doc
        LEFT JOIN indicators i ON i.id = c.indicator_id
        ORDER BY c.conflict_id, d.published NULLS LAST, f.doc""", [region_key, year, year])


def schema_version(con) -> int:
    """The warehouse's schema version (build_info 'schema_version'); 0 when it predates the
    objects the dashboard reads (a file built before the target status rule)."""
    try:
        rows = con.execute("SELECT value FROM build_info WHERE key = 'schema_version'").fetchall()
        has_rule = con.execute("SELECT count(*) FROM duckdb_functions() WHERE database_name = "
                               "current_database() AND function_name = 'target_status_for'").fetchone()[0]
    except duckdb.Error:
        return 0
    return int(rows[0][0]) if rows and rows[0][0] is not None and has_rule else 0
