-- Step 3 of 6: the delivery rules (SPEC 2, 11): at most max_deliveries uploads per (gemeente,
-- period, window), the rest refused (F09); per (gemeente, period) the latest approved delivery is
-- in force; a withdrawal later than the latest delivery that was not refused withdraws the data.
-- Then the records that go on to merging: those of the deliveries in force for the half years
-- read, not withdrawn, without W30 and W31, with the optional fields emptied when the check
-- blanked them, and pseudonymised (person(), step 1).

CREATE TABLE verdict AS
WITH numbered AS (
    SELECT *, row_number() OVER (PARTITION BY gemeentecode, period, window_number
                                 ORDER BY received_ms, file) AS nth_in_window
    FROM checked
), ruled AS (
    SELECT * REPLACE (
               CASE WHEN nth_in_window > getvariable('max_deliveries') THEN 'GEWEIGERD' ELSE verdict END AS verdict,
               CASE WHEN nth_in_window > getvariable('max_deliveries') THEN 1 ELSE errors END AS errors)
    FROM numbered
), in_force AS (
    SELECT gemeentecode, period, arg_max(file, (received_ms, file)) AS file
    FROM ruled
    WHERE verdict = 'GOEDGEKEURD' AND period <> ''
    GROUP BY gemeentecode, period
)
SELECT r.*, f.file IS NOT NULL AS in_force
FROM ruled r
LEFT JOIN in_force f USING (file);

-- The (gemeente, period)s whose data is withdrawn: no delivery that was not refused is later
-- than the withdrawal.
CREATE TABLE withdrawn AS
SELECT DISTINCT w.gemeentecode, w.period
FROM withdrawal w
WHERE w.withdrawn_ms > coalesce((SELECT max(v.received_ms) FROM verdict v
                                 WHERE v.gemeentecode = w.gemeentecode AND v.period = w.period
                                   AND v.verdict <> 'GEWEIGERD'), -1);

-- The publication status of every gemeente of the division, per result period.
CREATE TABLE publication_status AS
SELECT r.code AS period, g.code AS gemeentecode,
       CASE WHEN NOT EXISTS (SELECT 1 FROM verdict v WHERE v.in_force AND v.gemeentecode = g.code AND v.period = r.code)
                THEN 'niet_geleverd'
            WHEN EXISTS (SELECT 1 FROM withdrawn w WHERE w.gemeentecode = g.code AND w.period = r.code)
                THEN 'ingetrokken'
            ELSE 'gepubliceerd' END AS status
FROM result_period r
JOIN gemeente g ON g.year = period_year(r.number);

CREATE TABLE record_in_force AS
SELECT c.file, c.line_no, c.gemeentecode,
       period_year(period_number(v.period)) AS year,
       period_number(v.period) % 2 + 1 AS half,
       person(c.bsn) AS person, c.type, c.start_date, c.end_date, c.leveringsvorm,
       CASE WHEN NOT v.blanked AND c.toewijzingsnummer <> '' THEN c.toewijzingsnummer END AS toewijzingsnummer
FROM verdict v
JOIN record_check c USING (file)
WHERE v.in_force
  AND period_number(v.period) IN (SELECT number FROM period_read)
  AND NOT EXISTS (SELECT 1 FROM withdrawn w WHERE w.gemeentecode = v.gemeentecode AND w.period = v.period)
  AND NOT c.w30 AND NOT c.w31;
