-- Step 4 of 6: merging records into arrangements, per gemeente and calendar year (SPEC 5, 11),
-- and the arrangements active in P and P-1.

-- Records of unknown persons (person NULL, BSN 999999999) are never merged: each is one
-- arrangement (at the end of this step).
--
-- Stage 1: the records of a person with the same toewijzingsnummer and type become one piece:
-- earliest start, latest end (an open end wins), the leveringsvorm of the deciding record
-- (latest start, then latest end, an open end latest, then the later half year, then the higher
-- line number).
CREATE TABLE stage1 AS
SELECT gemeentecode, year, person, type,
       min(start_date) AS start_date,
       CASE WHEN bool_or(end_date IS NULL) THEN NULL ELSE max(end_date) END AS end_date,
       arg_max(leveringsvorm, (start_date, end_date IS NULL, end_date, half, line_no)) AS leveringsvorm,
       count(*) AS records
FROM record_in_force
WHERE person IS NOT NULL AND toewijzingsnummer IS NOT NULL
GROUP BY gemeentecode, year, person, type, toewijzingsnummer;

-- Stage 2, gaps and islands: the stage-1 pieces and the records without a toewijzingsnummer, per
-- (gemeente, year, person, type, leveringsvorm), sorted by start. A piece starts a new
-- arrangement when every piece before it has ended more than max_gap_days before it starts;
-- otherwise it joins (equal dates, inside, overlapping or a gap of at most max_gap_days). Among
-- pieces with the same start only the first in the sort can start one (the others start no later
-- than the first ends), so however the sort orders them, the running sum over the start dates
-- numbers the arrangements.
CREATE TABLE arrangement AS
WITH piece AS (
    SELECT gemeentecode, year, person, type, leveringsvorm, start_date, end_date, records FROM stage1
    UNION ALL
    SELECT gemeentecode, year, person, type, leveringsvorm, start_date, end_date, 1
    FROM record_in_force
    WHERE person IS NOT NULL AND toewijzingsnummer IS NULL
), before AS (
    SELECT *,
           bool_or(end_date IS NULL) OVER before AS open_before,
           max(end_date) OVER before AS end_before
    FROM piece
    WINDOW before AS (
        PARTITION BY gemeentecode, year, person, type, leveringsvorm ORDER BY start_date
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
), flagged AS (
    SELECT *,
           CASE WHEN open_before THEN 0
                WHEN end_before IS NULL THEN 1
                WHEN start_date > end_before + CAST(getvariable('max_gap_days') AS INTEGER) THEN 1
                ELSE 0 END AS starts_new
    FROM before
), island AS (
    SELECT *,
           sum(starts_new) OVER (PARTITION BY gemeentecode, year, person, type, leveringsvorm
                                 ORDER BY start_date RANGE UNBOUNDED PRECEDING) AS island
    FROM flagged
)
SELECT gemeentecode, year, person, type, leveringsvorm,
       min(start_date) AS start_date,
       CASE WHEN bool_or(end_date IS NULL) THEN NULL ELSE max(end_date) END AS end_date,
       sum(records) AS records
FROM island
GROUP BY gemeentecode, year, person, type, leveringsvorm, island
UNION ALL
SELECT gemeentecode, year, NULL, type, leveringsvorm, start_date, end_date, 1
FROM record_in_force
WHERE person IS NULL;

-- An arrangement is active in a result period of its own calendar year when it overlaps it.
CREATE TABLE active AS
SELECT r.code AS period, a.gemeentecode, a.person, a.type, a.leveringsvorm
FROM arrangement a
JOIN result_period r ON period_year(r.number) = a.year
                    AND a.start_date <= r.last_day
                    AND (a.end_date IS NULL OR a.end_date >= r.first_day);
