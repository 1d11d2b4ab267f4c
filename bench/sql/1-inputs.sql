-- The GMSD half-year processing as plain DuckDB SQL, the baseline of `scripts/bench --compare-sql`.
-- Step 1 of 6: the run's periods, the upload register, the withdrawals and the reference data.
--
-- Variables (set by bench/SqlBaseline.java): archive, reference, period (e.g. 'H12025'),
-- province_codes (the shipped gemeenten_detail.csv), max_deliveries, max_gap_days, min_count,
-- rounding_base, pseudonymise, key_file, out. Like the job, this assumes the registers and the
-- reference files are well-formed (the job checks them before it starts and stops otherwise).

SET TimeZone = 'UTC';

-- A half year as one number, so that "the one before" is minus one: H12025 = 4050, H22025 = 4051.
CREATE MACRO period_number(code) AS
    CAST(substr(code, 3, 4) AS INTEGER) * 2 + CAST(substr(code, 2, 1) AS INTEGER) - 1;
CREATE MACRO period_code(number) AS 'H' || (number % 2 + 1) || (number // 2);
CREATE MACRO period_year(number) AS number // 2;
CREATE MACRO period_start(number) AS make_date(number // 2, CASE number % 2 WHEN 0 THEN 1 ELSE 7 END, 1);
CREATE MACRO period_end(number) AS
    CASE number % 2 WHEN 0 THEN make_date(number // 2, 6, 30) ELSE make_date(number // 2, 12, 31) END;

-- The periods with results (SPEC 1): P and P-1.
CREATE TABLE result_period AS
SELECT period_number(getvariable('period')) - back AS number,
       period_code(period_number(getvariable('period')) - back) AS code,
       period_start(period_number(getvariable('period')) - back) AS first_day,
       period_end(period_number(getvariable('period')) - back) AS last_day
FROM range(2) t(back);

-- The half years whose deliveries in force are read: both halves of the calendar years of P and
-- P-1, up to P itself (records are merged per calendar year, SPEC 5).
CREATE TABLE period_read AS
SELECT DISTINCT period_year(r.number) * 2 + half AS number
FROM result_period r, range(2) t(half)
WHERE period_year(r.number) * 2 + half <= period_number(getvariable('period'));

-- The upload register. An upload belongs to the window of the half year before the one that
-- holds its received_at (UTC); uploads of windows after P's are not part of this run (SPEC 11).
CREATE TABLE upload AS
WITH manifest AS (
    SELECT received_at, account, file, CAST(received_at AS TIMESTAMPTZ) AS received
    FROM read_csv(getvariable('archive') || '/manifest.csv', delim = ';', header = true, quote = '',
                  escape = '', all_varchar = true)
)
SELECT file, received_at, account,
       epoch_ms(received) AS received_ms,
       CAST(received AS DATE) AS received_day,
       year(received) * 2 + (CASE WHEN month(received) <= 6 THEN 0 ELSE 1 END) - 1 AS window_number
FROM manifest
WHERE year(received) * 2 + (CASE WHEN month(received) <= 6 THEN 0 ELSE 1 END) - 1
      <= period_number(getvariable('period'));

-- withdrawals.csv is optional: the runner sets has_withdrawals.
CREATE TABLE withdrawal (gemeentecode VARCHAR, period VARCHAR, withdrawn_ms BIGINT);
INSERT INTO withdrawal
SELECT gemeentecode, period, epoch_ms(CAST(withdrawn_at AS TIMESTAMPTZ))
FROM read_csv(CASE WHEN getvariable('has_withdrawals') THEN getvariable('archive') || '/withdrawals.csv'
                   ELSE getvariable('archive') || '/manifest.csv' END,
              delim = ';', header = true, quote = '', escape = '', all_varchar = true,
              columns = {'gemeentecode': 'VARCHAR', 'period': 'VARCHAR', 'withdrawn_at': 'VARCHAR'})
WHERE getvariable('has_withdrawals');

-- The regional division per year, with the CBS province code of each province name.
CREATE TABLE gemeente AS
WITH province AS (
    SELECT DISTINCT provincienaam AS name, pv_code AS code
    FROM read_csv(getvariable('province_codes'), delim = ';', header = true, quote = '', all_varchar = true)
)
SELECT CAST(g.jaar AS INTEGER) AS year, g.gemeentecode AS code, g.gemeentenaam AS name,
       g.provincie AS province_name, p.code AS province_code,
       CAST(nullif(g.inwoners, '') AS BIGINT) AS inhabitants
FROM read_csv(getvariable('reference') || '/gemeenten.csv', delim = ';', header = true, quote = '',
              escape = '', all_varchar = true) g
JOIN province p ON p.name = g.provincie;

CREATE TABLE merger AS
SELECT datum, oude_code AS old_code, nieuwe_code AS new_code
FROM read_csv(getvariable('reference') || '/herindelingen.csv', delim = ';', header = true, quote = '',
              escape = '', all_varchar = true);

-- Inhabitants of a gemeente for a year: that year's, else the nearest year that has a count,
-- earlier years first on a tie (SPEC 6).
CREATE TABLE inhabitants AS
SELECT r.code AS period, g.code AS gemeentecode,
       arg_min(c.inhabitants, (abs(c.year - g.year), c.year)) AS inhabitants
FROM result_period r
JOIN gemeente g ON g.year = period_year(r.number)
JOIN gemeente c ON c.code = g.code AND c.inhabitants IS NOT NULL
GROUP BY r.code, g.code;

-- Pseudonymisation (SPEC 5): the job's pseudonym is HMAC-SHA-256 of the BSN's 9 ASCII digits
-- under the key file's raw bytes, as 64 lowercase hex digits (RFC 2104, written out). With
-- pseudonymise = false (the default of the benchmark) persons are joined on the BSN itself;
-- BSN 999999999 (unknown) is no person at all.
SET VARIABLE hmac_key = (SELECT hex(content) FROM read_blob(getvariable('key_file')));
SET VARIABLE hmac_key = rpad(CASE WHEN length(getvariable('hmac_key')) > 128
                                  THEN upper(sha256(unhex(getvariable('hmac_key'))))
                                  ELSE getvariable('hmac_key') END, 128, '0');
CREATE MACRO hmac_pad(pad) AS (
    SELECT unhex(string_agg(printf('%02x', xor(CAST('0x' || substr(getvariable('hmac_key'), 2 * i + 1, 2) AS INTEGER), pad)), '' ORDER BY i))
    FROM range(64) t(i));
SET VARIABLE hmac_inner = hmac_pad(54);
SET VARIABLE hmac_outer = hmac_pad(92);
SET VARIABLE hmac_key = NULL;
CREATE MACRO person(bsn) AS
    CASE WHEN bsn = '999999999' THEN NULL
         WHEN getvariable('pseudonymise')
             THEN sha256(getvariable('hmac_outer') || unhex(sha256(getvariable('hmac_inner') || encode(bsn))))
         ELSE bsn END;
