-- 0003: region- and indicator-scoped forms of fact_best / targets_vs_actual for the dashboard.
-- The 0002 views rank every fact (window over the whole table; targets_vs_actual adds correlated
-- subqueries per target) before any WHERE applies: ~0.5-1.5 s per query on a million facts.
-- These table macros filter facts first and then apply exactly the same ranking, so
-- `FROM fact_best_for('xiaodian')` = `FROM fact_best WHERE coalesce(region_id, region_name) = 'xiaodian'`.

-- Best figure per indicator/year/period/kind for one region key (region id or Chinese name).
CREATE MACRO fact_best_for(key) AS TABLE
SELECT * EXCLUDE (rn) FROM (
    SELECT f.*, row_number() OVER (
        PARTITION BY f.indicator_id, f.year, f.period, f.kind
        ORDER BY d.published DESC NULLS LAST, f.confidence DESC, f.doc, f.fact_id) AS rn
    FROM facts f LEFT JOIN documents d USING (doc)
    WHERE f.indicator_id IS NOT NULL AND coalesce(f.region_id, f.region_name) = key
) WHERE rn = 1;

-- Best figure per region/period/kind for one indicator in one year (regions side by side).
CREATE MACRO fact_best_in(indicator, yr) AS TABLE
SELECT * EXCLUDE (rn) FROM (
    SELECT f.*, row_number() OVER (
        PARTITION BY coalesce(f.region_id, f.region_name), f.period, f.kind
        ORDER BY d.published DESC NULLS LAST, f.confidence DESC, f.doc, f.fact_id) AS rn
    FROM facts f LEFT JOIN documents d USING (doc)
    WHERE f.indicator_id = indicator AND f.year = yr
) WHERE rn = 1;

-- targets_vs_actual for one region key (same columns, same baseline/achieved/status rules).
CREATE MACRO targets_vs_actual_for(key) AS TABLE
WITH actuals AS (
    SELECT * FROM fact_best_for(key) WHERE kind = 'value' AND period = 'FY'
), targets AS (
    SELECT * FROM facts
    WHERE kind = 'target' AND indicator_id IS NOT NULL AND coalesce(region_id, region_name) = key
), joined AS (
    SELECT t.fact_id AS target_fact_id, t.doc, t.region_id, t.region_name, t.indicator_id,
           t.indicator_name, t.year AS target_year, t.value AS target_value,
           t.value_high AS target_high, t.unit, t.qualifier, t.quote AS target_quote,
           b.baseline_value, b.baseline_year, a.value AS achieved_value, a.fact_id AS achieved_fact_id
    FROM targets t
    LEFT JOIN LATERAL (
        SELECT arg_max(value, year) AS baseline_value, max(year) AS baseline_year FROM actuals
        WHERE actuals.indicator_id = t.indicator_id AND actuals.year < t.year) b ON true
    LEFT JOIN actuals a ON a.indicator_id = t.indicator_id AND a.year = t.year
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

-- The 三个一批 pipeline view for one region key (same stages and columns as `pipeline`).
CREATE MACRO pipeline_for(key) AS TABLE
SELECT coalesce(region_id, region_name) AS region_key, region_id, region_name, year, period,
       CASE WHEN indicator_id LIKE 'projects_signed%'       THEN 'signed'
            WHEN indicator_id LIKE 'projects_started%'      THEN 'started'
            WHEN indicator_id LIKE 'projects_commissioned%' THEN 'commissioned'
            WHEN indicator_id LIKE 'projects_negotiating%'  THEN 'negotiating'
            WHEN indicator_id LIKE 'projects_reserve%'      THEN 'reserve'
            WHEN indicator_id LIKE 'projects_in_progress%'  THEN 'in_progress' END AS stage,
       max(value) FILTER (WHERE NOT indicator_id LIKE '%_investment') AS n_projects,
       max(value) FILTER (WHERE indicator_id LIKE '%_investment')     AS investment_yi,
       max(fact_id) FILTER (WHERE NOT indicator_id LIKE '%_investment') AS count_fact_id,
       max(fact_id) FILTER (WHERE indicator_id LIKE '%_investment')     AS investment_fact_id,
       kind
FROM fact_best_for(key)
WHERE indicator_id LIKE 'projects\_%' ESCAPE '\'
GROUP BY ALL;

-- fact_conflicts for one region key (same columns).
CREATE MACRO fact_conflicts_for(key) AS TABLE
SELECT coalesce(region_id, region_name) AS region_key, region_id, region_name, indicator_id,
       year, period, kind,
       count(DISTINCT doc)   AS n_docs,
       min(value)            AS min_value,
       max(value)            AS max_value,
       list(DISTINCT doc ORDER BY doc) AS docs,
       list(fact_id ORDER BY fact_id)  AS fact_ids
FROM facts
WHERE indicator_id IS NOT NULL AND coalesce(region_id, region_name) = key
GROUP BY ALL
HAVING count(DISTINCT doc) > 1 AND max(value) - min(value) > 1e-9 * greatest(abs(max(value)), 1);
