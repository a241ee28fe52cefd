"""SQL of the Documents and Review pages: pure functions `f(con, ...) -> DataFrame` on a
connection from dashboard.sql.connect (read-only, bound parameters, QueryError on failure).

A warehouse built before reviews existed has no fact_key/review_status/fact_reviews: every
function then answers as if nothing had been reviewed, so the pages still open.
"""
from __future__ import annotations

import pandas as pd

from etl.core.frame import GUESSED_DATE_RULES

from .sql import _df

# (GUESSED_DATE_RULES: document dates decided from the text rather than stated, see
# etl.ingest.dates: a fact's year may then be off, so the queue puts it before facts of
# reliably dated documents.)
# Region rules that mean the sentence itself names the region.
STATED_REGION_RULES = ("named_subject",)
LOW_CONFIDENCE = 0.6


def _has(con, table: str, column: str) -> bool:
    return bool(con.execute(
        "SELECT 1 FROM duckdb_columns() WHERE database_name = current_database() "
        "AND table_name = ? AND column_name = ?", [table, column]).fetchall())


def _reviewed(con) -> bool:
    return _has(con, "facts", "review_status")


def _doc_opt(con, column: str) -> str:
    return f'd."{column}"' if _has(con, "documents", column) else "NULL::VARCHAR"


def document_list(con) -> pd.DataFrame:
    """Every loaded document with its date and how it was decided, main region, type, counts
    of figures/projects/policies (rejected figures not counted) and its build problems."""
    region = (f"coalesce({_doc_opt(con, 'subject_region_name')}, top.region_name)")
    return _df(con, "document_list", f"""
        WITH nf AS (SELECT doc, count(*) AS n FROM facts GROUP BY doc),
             np AS (SELECT doc, count(*) AS n FROM projects GROUP BY doc),
             npo AS (SELECT doc, count(*) AS n FROM policies GROUP BY doc),
             top AS (SELECT doc, mode(region_name) AS region_name FROM facts GROUP BY doc),
             problems AS (
                SELECT regexp_extract(path, '[^/\\\\]+$') AS doc,
                       string_agg(message, '; ' ORDER BY message) AS problems
                FROM build_errors GROUP BY ALL)
        SELECT x.*, reg.name_en AS region_en FROM (
        SELECT d.doc, d.title, d.published, d.date_rule, {region} AS region_name,
               {_doc_opt(con, 'doc_type')} AS doc_type,
               coalesce(nf.n, 0) AS n_facts, coalesce(np.n, 0) AS n_projects,
               coalesce(npo.n, 0) AS n_policies,
               coalesce(problems.problems, d.warnings) AS problems
        FROM documents d
        LEFT JOIN nf USING (doc) LEFT JOIN np USING (doc) LEFT JOIN npo USING (doc)
        LEFT JOIN top USING (doc) LEFT JOIN problems USING (doc)) x
        LEFT JOIN regions reg ON reg.name_zh = x.region_name
        ORDER BY x.published DESC NULLS LAST, x.doc""")


def failed_files(con) -> pd.DataFrame:
    """Files the last build could not load, with the reason."""
    return _df(con, "failed_files", """
        SELECT path, message FROM build_errors WHERE severity = 'error' ORDER BY path""")


def review_queue(con, status: str | None = "unreviewed", region_key: str | None = None,
                 limit: int = 500, key: str | None = None) -> pd.DataFrame:
    """Facts in `status` (unreviewed/accepted/corrected/rejected), most doubtful first, with
    the reasons for doubt as flags, their evidence and their original values. With `key` (and
    status None): that one fact, whatever its state."""
    if not _reviewed(con):
        return pd.DataFrame()
    rule = {c: (f'f."{c}"' if _has(con, "facts", c) else "NULL::VARCHAR")
            for c in ("kind_rule", "region_rule", "time_rule")}
    source = "(SELECT * FROM facts UNION ALL BY NAME SELECT * FROM rejected_facts)"
    return _df(con, "review_queue", f"""
        WITH conflicted AS (SELECT DISTINCT unnest(fact_ids) AS fact_id FROM fact_conflicts),
        q AS (
            SELECT f.fact_id, f.fact_key, f.review_status, f.doc, f.region_id, f.region_name,
                   f.year, f.period, f.indicator_id, f.indicator_name, f.kind, f.value,
                   f.value_high, f.unit, f.qualifier, f.raw_number, f.quote, f.sentence,
                   f.confidence, {rule['kind_rule']} AS kind_rule,
                   {rule['region_rule']} AS region_rule, {rule['time_rule']} AS time_rule,
                   d.title, d.published, d.date_rule,
                   coalesce(f.confidence, 0) < ? AS low_confidence,
                   f.fact_id IN (SELECT fact_id FROM conflicted) AS conflict,
                   d.date_rule IS NULL OR list_contains(?, d.date_rule) AS fallback_date,
                   NOT list_contains(?, coalesce({rule['region_rule']}, '')) AS inferred_region,
                   f.indicator_id IS NULL AS no_indicator,
                   r.note, r.original_value, r.original_unit, r.original_year,
                   r.original_region_name, r.corrected_fields
            FROM {source} f
            LEFT JOIN documents d USING (doc)
            LEFT JOIN fact_reviews r USING (fact_id)
            WHERE (?::VARCHAR IS NULL OR f.review_status = ?)
              AND (?::VARCHAR IS NULL OR coalesce(f.region_id, f.region_name) = ?)
              AND (?::VARCHAR IS NULL OR f.fact_key = ?))
        SELECT *, (1 - coalesce(confidence, 0)) * 2 + conflict::INT * 1.5 + no_indicator::INT
                  + fallback_date::INT * 0.5 + inferred_region::INT * 0.5 AS doubt
        FROM q ORDER BY doubt DESC, doc, fact_id LIMIT ?""",
        [LOW_CONFIDENCE, list(GUESSED_DATE_RULES), list(STATED_REGION_RULES), status, status,
         region_key, region_key, key, key, limit])


def review_counts(con) -> dict[str, int]:
    """How many facts are in each review state (orphaned: decisions not found)."""
    if not _reviewed(con):
        return {}
    df = _df(con, "review_counts", """
        SELECT review_status, count(*) AS n FROM facts GROUP BY ALL
        UNION ALL SELECT 'rejected', count(*) FROM rejected_facts
        UNION ALL SELECT 'orphaned', count(*) FROM review_orphans""")
    return {s: int(n) for s, n in zip(df["review_status"], df["n"])}


def orphans(con) -> pd.DataFrame:
    if not _reviewed(con):
        return pd.DataFrame()
    return _df(con, "orphans", """
        SELECT fact_key, status, note, doc, quote, original_value, original_unit,
               updated_by, updated_at FROM review_orphans ORDER BY fact_key""")


def vocabulary(con) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Regions and indicators a correction may use."""
    return (_df(con, "vocabulary_regions", "SELECT * FROM regions ORDER BY id"),
            _df(con, "vocabulary_indicators", "SELECT * FROM indicators ORDER BY id"))


def review_marks(con, fact_ids: tuple) -> pd.DataFrame:
    """Review state and original values of some facts (for evidence and chart marks)."""
    ids = [int(i) for i in fact_ids if i is not None and i == i] or [-1]
    if not _reviewed(con):
        return pd.DataFrame(columns=["fact_id", "review_status", "original_value",
                                     "original_unit", "corrected_fields", "note"])
    return _df(con, "review_marks", """
        SELECT f.fact_id, f.review_status, r.original_value, r.original_unit,
               r.corrected_fields, r.note
        FROM facts f LEFT JOIN fact_reviews r USING (fact_id)
        WHERE f.fact_id IN (SELECT unnest(?::INTEGER[]))""", [ids])
