-- 0002: views the dashboard reads.

-- Actual (non-target) values, one per region/indicator/year/period/kind, preferring the
-- most recent document; all evidence stays in `facts`.
CREATE VIEW fact_best AS
SELECT * EXCLUDE (rn) FROM (
    SELECT f.*, row_number() OVER (
        PARTITION BY coalesce(f.region_id, f.region_name), f.indicator_id, f.year, f.period, f.kind
        ORDER BY d.published DESC NULLS LAST, f.confidence DESC, f.doc, f.fact_id) AS rn
    FROM facts f LEFT JOIN documents d USING (doc)
    WHERE f.indicator_id IS NOT NULL
) WHERE rn = 1;

-- Same region/indicator/year/period/kind reported with different values by different documents.
CREATE VIEW fact_conflicts AS
SELECT coalesce(region_id, region_name) AS region_key, region_id, region_name, indicator_id,
       year, period, kind,
       count(DISTINCT doc)   AS n_docs,
       min(value)            AS min_value,
       max(value)            AS max_value,
       list(DISTINCT doc ORDER BY doc) AS docs,
       list(fact_id ORDER BY fact_id)  AS fact_ids
FROM facts
WHERE indicator_id IS NOT NULL
GROUP BY ALL
HAVING count(DISTINCT doc) > 1 AND max(value) - min(value) > 1e-9 * greatest(abs(max(value)), 1);

-- Every target with its baseline (latest actual before the target year) and the achieved value.
CREATE VIEW targets_vs_actual AS
WITH targets AS (
    SELECT * FROM facts WHERE kind = 'target' AND indicator_id IS NOT NULL
), actuals AS (
    SELECT * FROM fact_best WHERE kind = 'value' AND period = 'FY'
), joined AS (
    SELECT t.fact_id AS target_fact_id, t.doc, t.region_id, t.region_name, t.indicator_id,
           t.indicator_name, t.year AS target_year, t.value AS target_value,
           t.value_high AS target_high, t.unit, t.qualifier, t.quote AS target_quote,
           (SELECT arg_max(a.value, a.year) FROM actuals a
             WHERE a.indicator_id = t.indicator_id
               AND coalesce(a.region_id, a.region_name) = coalesce(t.region_id, t.region_name)
               AND a.year < t.year)                         AS baseline_value,
           (SELECT max(a.year) FROM actuals a
             WHERE a.indicator_id = t.indicator_id
               AND coalesce(a.region_id, a.region_name) = coalesce(t.region_id, t.region_name)
               AND a.year < t.year)                         AS baseline_year,
           (SELECT any_value(a.value) FROM actuals a
             WHERE a.indicator_id = t.indicator_id
               AND coalesce(a.region_id, a.region_name) = coalesce(t.region_id, t.region_name)
               AND a.year = t.year)                         AS achieved_value,
           (SELECT any_value(a.fact_id) FROM actuals a
             WHERE a.indicator_id = t.indicator_id
               AND coalesce(a.region_id, a.region_name) = coalesce(t.region_id, t.region_name)
               AND a.year = t.year)                         AS achieved_fact_id
    FROM targets t
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

-- The 三个一批 pipeline (signed -> started -> commissioned) by region and year, from the facts.
CREATE VIEW pipeline AS
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
FROM fact_best
WHERE indicator_id LIKE 'projects\_%' ESCAPE '\'
GROUP BY ALL;

-- Facts per region and year (the coverage grid).
CREATE VIEW coverage AS
SELECT coalesce(region_id, region_name) AS region_key, region_id, region_name, year,
       count(*) AS n_facts, count(DISTINCT doc) AS n_docs
FROM facts GROUP BY ALL;
