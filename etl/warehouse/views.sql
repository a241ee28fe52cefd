-- What the dashboard reads, created after schema.sql. Each rule is written once, as a table
-- macro whose filters (NULL = no filter) apply to the facts before any ranking, so a page asking
-- for one region ranks only that region's facts instead of the whole table. The views are the
-- same macros unfiltered, for ad-hoc SQL and exports.
-- Figures in different units are different figures: a target is set against the actual in its
-- own unit, and a GDP target of 6% does not "conflict" with one of 3000亿元.

-- The best figure per region/indicator/year/period/kind/unit: the most recent document wins;
-- all evidence stays in `facts`.
CREATE MACRO fact_best_where(key, ind, yr) AS TABLE
SELECT * EXCLUDE (rn) FROM (
    SELECT f.*, row_number() OVER (
        PARTITION BY coalesce(f.region_id, f.region_name), f.indicator_id, f.year, f.period, f.kind,
                     f.unit
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

-- Same region/indicator/year/period/kind/unit reported with different values by different documents.
CREATE MACRO fact_conflicts_for(key) AS TABLE
SELECT coalesce(region_id, region_name) AS region_key, region_id, region_name, indicator_id,
       year, period, kind, unit,
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

-- Every target with its baseline (latest actual before the target year) and achieved value,
-- both in the target's unit; where a level and a rate share a unit, the level is the actual.
CREATE MACRO targets_vs_actual_for(key) AS TABLE
WITH actuals AS (
    SELECT * EXCLUDE (pick) FROM (
        SELECT *, coalesce(region_id, region_name) AS region_key,
               row_number() OVER (
                   PARTITION BY coalesce(region_id, region_name), indicator_id, year, unit
                   ORDER BY kind = 'growth') AS pick
        FROM fact_best_for(key) WHERE kind IN ('value', 'growth') AND period = 'FY'
    ) WHERE pick = 1
), targets AS (
    SELECT *, coalesce(region_id, region_name) AS region_key FROM facts
    WHERE kind = 'target' AND indicator_id IS NOT NULL
      AND (key IS NULL OR coalesce(region_id, region_name) = key)
), joined AS (
    SELECT t.fact_id AS target_fact_id, t.doc, t.region_id, t.region_name, t.indicator_id,
           t.indicator_name, t.year AS target_year, t.value AS target_value,
           t.value_high AS target_high, t.unit, t.qualifier, t.quote AS target_quote,
           b.baseline_value, b.baseline_year, a.value AS achieved_value, a.fact_id AS achieved_fact_id
    FROM targets t
    LEFT JOIN LATERAL (
        SELECT arg_max(value, year) AS baseline_value, max(year) AS baseline_year FROM actuals
        WHERE actuals.region_key = t.region_key AND actuals.indicator_id = t.indicator_id
          AND actuals.unit = t.unit AND actuals.year < t.year) b ON true
    LEFT JOIN actuals a
      ON a.region_key = t.region_key AND a.indicator_id = t.indicator_id AND a.unit = t.unit
     AND a.year = t.year
)
SELECT *,
       CASE WHEN achieved_value IS NOT NULL AND target_value <> 0
            THEN 100.0 * achieved_value / target_value END AS attainment_pct,
       CASE
         WHEN achieved_value IS NOT NULL AND (
                (qualifier = 'less_than' AND achieved_value < target_value) OR
                (qualifier <> 'less_than' AND achieved_value >= target_value))
           THEN 'achieved'
         WHEN achieved_value IS NOT NULL THEN 'not_achieved'
         WHEN target_year >= year(current_date) THEN 'pending'
         WHEN baseline_value IS NULL THEN 'no_data'
         ELSE 'pending'
       END AS status
FROM joined;
CREATE VIEW targets_vs_actual AS SELECT * FROM targets_vs_actual_for(NULL);

-- The 三个一批 pipeline (signed -> started -> commissioned) by region and year, from the facts.
CREATE MACRO pipeline_for(key) AS TABLE
SELECT coalesce(region_id, region_name) AS region_key, region_id, region_name, year, period,
       CASE WHEN indicator_id LIKE 'projects_signed%'       THEN 'signed'
            WHEN indicator_id LIKE 'projects_started%'      THEN 'started'
            WHEN indicator_id LIKE 'projects_commissioned%' THEN 'commissioned'
            WHEN indicator_id LIKE 'projects_negotiating%'  THEN 'negotiating'
            WHEN indicator_id LIKE 'projects_reserve%'      THEN 'reserve'
            WHEN indicator_id LIKE 'projects_in_progress%'  THEN 'in_progress' END AS stage,
       max(value) FILTER (WHERE NOT indicator_id LIKE '%_investment')   AS n_projects,
       max(value) FILTER (WHERE indicator_id LIKE '%_investment')       AS investment_yi,
       max(fact_id) FILTER (WHERE NOT indicator_id LIKE '%_investment') AS count_fact_id,
       max(fact_id) FILTER (WHERE indicator_id LIKE '%_investment')     AS investment_fact_id,
       kind
FROM fact_best_for(key)
WHERE indicator_id LIKE 'projects\_%' ESCAPE '\'
GROUP BY ALL;
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
