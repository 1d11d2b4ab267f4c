-- The comparison of `scripts/bench --compare-sql`: the job's outputs against the SQL's, where both
-- compute them. Variables: job_output (the job's --output), sql_output (the SQL's out).
--
-- Cells: both tables hold exactly the same rows. A cell the job publishes has the SQL's value;
-- a cell the SQL keeps secret (a count below min_count, or a rate of one) is secret in the job
-- too; withdrawn and not-delivered gemeenten agree. A cell the job keeps secret and the SQL
-- publishes is a secondary suppression of the job's audit: allowed, and counted.
-- Verdicts: every column of verdicts.csv. Counts: run.json's counts that the SQL computes too.

CREATE TABLE job_cell AS
SELECT * FROM read_csv(getvariable('job_output') || '/tabellen/wmo.csv', delim = ';', header = true,
                       quote = '', escape = '', all_varchar = true);
CREATE TABLE sql_cell AS
SELECT * FROM read_csv(getvariable('sql_output') || '/wmo.csv', delim = ';', header = true,
                       quote = '', escape = '', all_varchar = true);

CREATE TABLE cell_comparison AS
SELECT coalesce(j.period, s.period) AS period, coalesce(j.region_level, s.region_level) AS region_level,
       coalesce(j.region_code, s.region_code) AS region_code, coalesce(j.region_name, s.region_name) AS region_name,
       coalesce(j.dimension, s.dimension) AS dimension, coalesce(j.category, s.category) AS category,
       coalesce(j.measure, s.measure) AS measure,
       j.value AS job_value, j.status AS job_status, s.value AS sql_value, s.status AS sql_status,
       CASE WHEN j.period IS NULL THEN 'only in the SQL''s table'
            WHEN s.period IS NULL THEN 'only in the job''s table'
            WHEN j.status = 'gepubliceerd' AND (s.status <> 'gepubliceerd' OR s.value <> j.value)
                THEN 'published by the job with another value'
            WHEN s.status = 'geheim' AND j.status <> 'geheim' THEN 'secret in the SQL, not in the job'
            WHEN (j.status IN ('ingetrokken', 'niet_geleverd') OR s.status IN ('ingetrokken', 'niet_geleverd'))
                 AND j.status <> s.status THEN 'another status'
            WHEN j.status = 'geheim' AND s.status = 'gepubliceerd' THEN 'secondary'
            ELSE 'equal' END AS outcome
FROM job_cell j
FULL OUTER JOIN sql_cell s
  ON j.period = s.period AND j.region_level = s.region_level AND j.region_code = s.region_code
 AND j.region_name = s.region_name AND j.dimension = s.dimension AND j.category = s.category
 AND j.measure = s.measure;

CREATE TABLE verdict_comparison AS
SELECT coalesce(j.file, s.file) AS file,
       j.received_at || ';' || j.gemeentecode || ';' || j.period || ';' || j.verdict || ';' || j.errors || ';' || j.in_force AS job_row,
       s.received_at || ';' || s.gemeentecode || ';' || s.period || ';' || s.verdict || ';' || s.errors || ';' || s.in_force AS sql_row
FROM read_csv(getvariable('job_output') || '/technische-toets/verdicts.csv', delim = ';', header = true,
              quote = '', escape = '', all_varchar = true) j
FULL OUTER JOIN read_csv(getvariable('sql_output') || '/verdicts.csv', delim = ';', header = true,
                         quote = '', escape = '', all_varchar = true) s
  ON j.file = s.file;

CREATE TABLE count_comparison AS
WITH job AS (
    SELECT unnest(map_entries(CAST(json_extract(json, '$.counts') AS MAP(VARCHAR, BIGINT))), recursive := true)
    FROM read_json_objects(getvariable('job_output') || '/run.json') t(json)
)
SELECT s.name, j.value AS job_value, CAST(s.value AS BIGINT) AS sql_value
FROM read_csv(getvariable('sql_output') || '/counts.csv', delim = ';', header = true, all_varchar = true) s
LEFT JOIN job j ON j.key = s.name;
