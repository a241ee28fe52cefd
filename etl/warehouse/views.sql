-- What the dashboard reads, created after schema.sql. Each rule is written once, as a table
-- macro whose filters (NULL = no filter) apply to the facts before any ranking, so a page asking
-- for one region ranks only that region's facts instead of the whole table. The views are the
-- same macros unfiltered, for ad-hoc SQL and exports.
-- Figures in different units are different figures: a target is set against the actual in its
-- own unit, and a GDP target of 6% does not "conflict" with one of 3000亿元.

-- A figure's nature: a running total (累计, or a time rule / period saying so) is 'cumulative',
-- an average over several years (年均, the time rule says so) is 'average'; neither is ever
-- compared with, or matched to, a year's own figure ('period').
CREATE MACRO figure_nature(period, time_rule, quote) AS
    CASE WHEN period LIKE 'CUM%' OR coalesce(time_rule, '') ILIKE '%cumul%'
              OR coalesce(quote, '') LIKE '%累计%'
         THEN 'cumulative'
         WHEN coalesce(time_rule, '') LIKE '%annual_average%' THEN 'average' ELSE 'period' END;

-- The best figure per region/indicator/year/period/kind/unit/nature: the most recent document
-- wins; all evidence stays in `facts`.
CREATE MACRO fact_best_where(key, ind, yr) AS TABLE
SELECT * EXCLUDE (rn) FROM (
    SELECT f.*, row_number() OVER (
        PARTITION BY coalesce(f.region_id, f.region_name), f.indicator_id, f.year, f.period, f.kind,
                     f.unit, figure_nature(f.period, f.time_rule, f.quote)
        ORDER BY d.published DESC NULLS LAST, f.confidence DESC, f.doc, f.fact_id) AS rn
    FROM facts f LEFT JOIN documents d USING (doc)
    WHERE f.indicator_id IS NOT NULL
      AND (key IS NULL OR coalesce(f.region_id, f.region_name) = key)
      AND (ind IS NULL OR f.indicator_id = ind)
      AND (yr IS NULL OR f.year = yr)
) WHERE rn = 1;

-- One region key (region id, or Chinese name outside the gazetteer).
CREATE MACRO fact_best_for(key) AS TABLE SELECT * FROM fact_best_where(key, NULL, NULL);
-- One indicator in one year, regions side by side.
CREATE MACRO fact_best_in(ind, yr) AS TABLE SELECT * FROM fact_best_where(NULL, ind, yr);
CREATE VIEW fact_best AS SELECT * FROM fact_best_where(NULL, NULL, NULL);

-- Same region/indicator/year/period/kind/unit/nature reported with different values by different
-- documents.
CREATE MACRO fact_conflicts_for(key) AS TABLE
SELECT coalesce(region_id, region_name) AS region_key, region_id, region_name, indicator_id,
       year, period, kind, unit, figure_nature(period, time_rule, quote) AS nature,
       count(DISTINCT doc)   AS n_docs,
       min(value)            AS min_value,
       max(value)            AS max_value,
       list(DISTINCT doc ORDER BY doc) AS docs,
       list(fact_id ORDER BY fact_id)  AS fact_ids
FROM facts
WHERE indicator_id IS NOT NULL AND (key IS NULL OR coalesce(region_id, region_name) = key)
GROUP BY ALL
HAVING count(DISTINCT doc) > 1 AND max(value) - min(value) > 1e-9 * greatest(abs(max(value)), 1);
CREATE VIEW fact_conflicts AS SELECT * FROM fact_conflicts_for(NULL);


-- Targets and what became of them: the one status rule, as of an explicit date.
--
-- A target (region, indicator, year, unit, nature) meets only an actual of the same indicator
-- id (a label-only target: the same label), unit, region, year and nature, full-year, of the
-- matching kind, from a document published by `as_of` (undated documents count). Kinds:
--   level   (a quantity)                 progress_pct = actual of the target year / target
--   rate    (unit %)                     gap_pp = achieved rate - target rate (percentage points)
--   control (控制在…以内: less_than)      inside (achieved) or outside (missed) the limit
--   label   (no codebook indicator)      as level, matched by label
-- The baseline (latest such actual before the target year) is context, never progress.
-- Before the year is over, a year-to-date actual gives on_track / behind against the linear
-- pace (flows: target x months/12; rates: the rate itself); without one: not_due.
-- After the year: awaiting (results are published by mid next year), then no_data.
CREATE MACRO target_status_for(key, as_of) AS TABLE
WITH tg AS (
    SELECT f.*, coalesce(f.region_id, f.region_name) AS region_key,
           figure_nature(f.period, f.time_rule, f.quote) AS nature,
           CASE WHEN f.qualifier = 'less_than' THEN 'control'
                WHEN f.indicator_id IS NULL THEN 'label'
                WHEN f.unit = '%' THEN 'rate' ELSE 'level' END AS target_kind,
           CASE WHEN f.unit = '%' AND coalesce(i.unit, '') <> '%' THEN 'growth' ELSE 'value' END
               AS actual_kind,
           (f.unit IN ('亿元', '亿美元', '万元') OR f.indicator_id LIKE '%\_new' ESCAPE '\'
            OR f.indicator_id LIKE 'projects\_%' ESCAPE '\') AS is_flow
    FROM facts f LEFT JOIN indicators i ON i.id = f.indicator_id
    WHERE f.kind = 'target' AND f.year IS NOT NULL
      AND (key IS NULL OR coalesce(f.region_id, f.region_name) = key)
), act AS (
    SELECT f.*, coalesce(f.region_id, f.region_name) AS region_key,
           figure_nature(f.period, f.time_rule, f.quote) AS nature, d.published,
           CASE WHEN f.period LIKE 'YTD-%' THEN TRY_CAST(substr(f.period, 5) AS INTEGER) END AS months
    FROM facts f LEFT JOIN documents d ON d.doc = f.doc
    WHERE f.kind IN ('value', 'growth', 'share') AND f.year IS NOT NULL
      AND (d.published IS NULL OR d.published <= as_of)
      AND (key IS NULL OR coalesce(f.region_id, f.region_name) = key)
), matched AS (
    SELECT tg.fact_id AS target_fact_id, tg.doc, tg.region_key, tg.region_id, tg.region_name,
           tg.indicator_id, tg.indicator_name, tg.year AS target_year, tg.value AS target_value,
           tg.value_high AS target_high, tg.unit, tg.qualifier, tg.raw_number AS target_raw,
           tg.quote AS target_quote, tg.nature, tg.target_kind, tg.actual_kind, tg.is_flow,
           a.fact_id AS actual_fact_id, a.value AS actual_value, a.qualifier AS actual_qualifier,
           y.fact_id AS ytd_fact_id, y.value AS ytd_value, y.qualifier AS ytd_qualifier,
           y.period AS ytd_period, y.months AS ytd_months,
           b.fact_id AS baseline_fact_id, b.value AS baseline_value, b.year AS baseline_year,
           b.qualifier AS baseline_qualifier
    FROM tg
    LEFT JOIN LATERAL (
        SELECT fact_id, value, qualifier FROM act
        WHERE act.region_key = tg.region_key AND act.unit = tg.unit AND act.nature = tg.nature
          AND act.year = tg.year AND act.period = 'FY'
          AND CASE WHEN tg.actual_kind = 'growth' THEN act.kind = 'growth' ELSE act.kind <> 'growth' END
          AND (act.indicator_id = tg.indicator_id OR (tg.indicator_id IS NULL
               AND act.indicator_id IS NULL AND act.indicator_name = tg.indicator_name))
        ORDER BY act.published DESC NULLS LAST, act.confidence DESC, act.fact_id
        LIMIT 1) a ON true
    LEFT JOIN LATERAL (
        SELECT fact_id, value, qualifier, period, months FROM act
        WHERE act.region_key = tg.region_key AND act.unit = tg.unit AND act.nature = tg.nature
          AND act.year = tg.year AND act.months IS NOT NULL
          AND CASE WHEN tg.actual_kind = 'growth' THEN act.kind = 'growth' ELSE act.kind <> 'growth' END
          AND (act.indicator_id = tg.indicator_id OR (tg.indicator_id IS NULL
               AND act.indicator_id IS NULL AND act.indicator_name = tg.indicator_name))
        ORDER BY act.months DESC, act.published DESC NULLS LAST, act.fact_id
        LIMIT 1) y ON true
    LEFT JOIN LATERAL (
        SELECT fact_id, value, qualifier, year FROM act
        WHERE act.region_key = tg.region_key AND act.unit = tg.unit AND act.nature = tg.nature
          AND act.year < tg.year AND act.period = 'FY'
          AND CASE WHEN tg.actual_kind = 'growth' THEN act.kind = 'growth' ELSE act.kind <> 'growth' END
          AND (act.indicator_id = tg.indicator_id OR (tg.indicator_id IS NULL
               AND act.indicator_id IS NULL AND act.indicator_name = tg.indicator_name))
        ORDER BY act.year DESC, act.published DESC NULLS LAST, act.fact_id
        LIMIT 1) b ON true
), measured AS (
    SELECT *,
           CASE WHEN target_kind IN ('level', 'label') AND actual_value IS NOT NULL AND target_value <> 0
                THEN 100.0 * actual_value / target_value END AS progress_pct,
           CASE WHEN target_kind = 'rate' AND actual_value IS NOT NULL
                THEN actual_value - target_value END AS gap_pp,
           CASE WHEN target_kind IN ('level', 'label') AND is_flow AND ytd_value IS NOT NULL
                     AND target_value <> 0
                THEN 100.0 * ytd_value / (target_value * ytd_months / 12.0) END AS pace_pct,
           CASE WHEN target_kind = 'rate' AND ytd_value IS NOT NULL
                THEN ytd_value - target_value END AS ytd_gap_pp,
           (CASE WHEN target_kind = 'control' THEN actual_value <= target_value
                 ELSE actual_value >= target_value END) AS met,
           (CASE WHEN target_kind = 'control' THEN ytd_value <= target_value
                 WHEN target_kind = 'rate' THEN ytd_value >= target_value
                 WHEN is_flow THEN ytd_value >= target_value * ytd_months / 12.0 END) AS on_pace
    FROM matched
)
SELECT * EXCLUDE (met, on_pace),
       CASE
         WHEN actual_value IS NOT NULL THEN CASE WHEN met THEN 'achieved' ELSE 'missed' END
         WHEN as_of < make_date(target_year::BIGINT, 1, 1) THEN 'not_due'
         WHEN as_of <= make_date(target_year::BIGINT, 12, 31) THEN
              CASE WHEN on_pace THEN 'on_track' WHEN NOT on_pace THEN 'behind' ELSE 'not_due' END
         WHEN as_of <= make_date(target_year::BIGINT + 1, 6, 30) THEN 'awaiting'
         ELSE 'no_data'
       END AS status,
       CAST(as_of AS DATE) AS as_of
FROM measured;
-- Ad-hoc SQL: every target as of today (the app always passes its as-of date to the macro).
CREATE VIEW targets_vs_actual AS SELECT * FROM target_status_for(NULL, current_date);

-- The 三个一批 figures as reported, one row per (region, year, period, document, stage): a
-- quarterly round, a year-to-date round-up and the full-year total are never merged.
CREATE MACRO pipeline_for(key) AS TABLE
WITH p AS (
    SELECT f.*, coalesce(f.region_id, f.region_name) AS region_key,
           regexp_replace(f.indicator_id, '^projects_|_investment$', '', 'g') AS stage,
           f.indicator_id LIKE '%\_investment' ESCAPE '\' AS is_investment
    FROM facts f
    WHERE f.kind = 'value' AND f.indicator_id LIKE 'projects\_%' ESCAPE '\'
      AND (key IS NULL OR coalesce(f.region_id, f.region_name) = key)
)
SELECT region_key, any_value(region_id) AS region_id, any_value(region_name) AS region_name,
       year, period, doc, stage,
       max(value) FILTER (WHERE NOT is_investment)   AS n_projects,
       max(value) FILTER (WHERE is_investment)       AS investment_yi,
       max(fact_id) FILTER (WHERE NOT is_investment) AS count_fact_id,
       max(fact_id) FILTER (WHERE is_investment)     AS investment_fact_id
FROM p
WHERE stage IN ('signed', 'started', 'commissioned', 'negotiating', 'reserve', 'in_progress')
GROUP BY region_key, year, period, doc, stage;
CREATE VIEW pipeline AS SELECT * FROM pipeline_for(NULL);

-- Facts per region and year (the coverage grid).
CREATE VIEW coverage AS
SELECT coalesce(region_id, region_name) AS region_key, region_id, region_name, year,
       count(*) AS n_facts, count(DISTINCT doc) AS n_docs
FROM facts GROUP BY ALL;

-- The schema version as the one-row table apps built against numbered migrations read
-- (`SELECT max(version) FROM schema_migrations`); build_info.schema_version is the source.
CREATE VIEW schema_migrations AS
SELECT CAST(value AS INTEGER) AS version, 'schema' AS name
FROM build_info WHERE key = 'schema_version';
