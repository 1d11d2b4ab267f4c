-- Step 2 of 6: the technical check of every uploaded file (SPEC 3, 4, 11): file name, encoding,
-- header, and every field of every record; one verdict per file.
--
-- Not checked here (the job does, the generator never plants them): a line longer than 65 536
-- bytes (R01 in the job), and the records before the first bad byte of a file that is not UTF-8
-- (the job counts their errors too; here such a file gets F05 alone).

-- The files the manifest names that are in the archive (F10 for the others).
CREATE TABLE present AS
SELECT u.file
FROM upload u
JOIN glob(getvariable('archive') || '/**') g ON g.file = getvariable('archive') || '/' || u.file;

SET VARIABLE present_paths = (SELECT list(getvariable('archive') || '/' || file ORDER BY file) FROM present);

-- Each file's text: NULL when it is not valid UTF-8 (F05). A byte order mark is dropped.
CREATE TABLE file_text AS
SELECT p.file,
       CASE WHEN starts_with(t.text, chr(65279)) THEN substr(t.text, 2) ELSE t.text END AS text
FROM (SELECT filename, try(decode(content)) AS text FROM read_blob(getvariable('present_paths'))) t
JOIN present p ON t.filename = getvariable('archive') || '/' || p.file;

-- A physical line without the CR of a CRLF line end.
CREATE MACRO without_cr(l) AS CASE WHEN ends_with(l, chr(13)) THEN substr(l, 1, length(l) - 1) ELSE l END;

-- The header line of each file: empty when the file is empty or starts with a line end (F06).
CREATE TABLE file_header AS
SELECT file, without_cr(split_part(text, chr(10), 1)) AS header
FROM file_text
WHERE text IS NOT NULL;

-- A file's name: F01 extension, F02 structure (its period, when it passes), F04 characters.
CREATE TABLE file_name AS
WITH named AS (
    SELECT file, regexp_extract(file, '[^/]*$') AS name FROM upload
), parts AS (
    SELECT file, name,
           CASE WHEN contains(name, '.') THEN regexp_extract(name, '^(.*)\.[^.]*$', 1) ELSE name END AS stem,
           CASE WHEN contains(name, '.') THEN lower(regexp_extract(name, '[^.]*$')) END AS extension
    FROM named
)
SELECT file,
       extension IS NULL OR extension NOT IN ('csv', 'txt') AS f01,
       NOT regexp_full_match(stem, 'WMO_H[12][0-9]{4}_.+', 's') AS f02,
       regexp_matches(stem, '[^A-Za-z0-9_-]') AS f04,
       CASE WHEN regexp_full_match(stem, 'WMO_H[12][0-9]{4}_.+', 's')
                 AND CAST(substr(stem, 7, 4) AS INTEGER) >= 1000
            THEN period_number(substr(stem, 5, 6)) END AS period_number
FROM parts;

-- A value that is a real date YYYYMMDD, or NULL.
CREATE MACRO real_date(v) AS
    CASE WHEN regexp_full_match(v, '[0-9]{8}') AND substr(v, 1, 4) <> '0000'
         THEN CAST(try_strptime(v, '%Y%m%d') AS DATE) END;

-- R02 (a quote) and R03 (scientific notation) come before a field's own code.
CREATE MACRO quote_or_scientific(v, scientific) AS
    CASE WHEN contains(v, '"') THEN 'R02'
         WHEN scientific AND regexp_full_match(v, '[+-]?[0-9]+([.,][0-9]+)?[Ee][+-]?[0-9]+') THEN 'R03' END;

-- The 11-test: 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11.
CREATE MACRO eleven_test(b) AS
    (9 * CAST(b[1] AS INTEGER) + 8 * CAST(b[2] AS INTEGER) + 7 * CAST(b[3] AS INTEGER)
     + 6 * CAST(b[4] AS INTEGER) + 5 * CAST(b[5] AS INTEGER) + 4 * CAST(b[6] AS INTEGER)
     + 3 * CAST(b[7] AS INTEGER) + 2 * CAST(b[8] AS INTEGER) - CAST(b[9] AS INTEGER)) % 11 = 0;

-- An optional field: empty, or it matches the pattern.
CREATE MACRO optional_ok(v, pattern) AS v = '' OR regexp_full_match(v, pattern);

-- The records of every file, line 2 on: physical lines, where a CR before the LF is not part of
-- the line and a final line end does not make another line. Files that are not UTF-8 (F05) or
-- whose first line is empty (F06) have no records to check. (A table of its own: DuckDB splits
-- the work on a table among its threads, not the lines of one row's text.)
CREATE TABLE line AS
WITH split AS (
    SELECT t.file, string_split(t.text, chr(10)) AS lines
    FROM file_text t JOIN file_header h USING (file)
    WHERE h.header <> ''
)
SELECT file, n AS line_no, without_cr(l) AS text
FROM split, unnest(lines) WITH ORDINALITY AS t(l, n)
WHERE n >= 2 AND NOT (n = len(lines) AND l = '');

-- Every record checked field by field: one code per field (SPEC 10); a record without exactly 13
-- fields is R01 and its fields are not checked.
CREATE TABLE record_check AS
WITH numbered AS (
    -- W31: the same line text as an earlier record of the file (left out)
    SELECT file, line_no, text, row_number() OVER (PARTITION BY file, text ORDER BY line_no) > 1 AS w31
    FROM line
), fields AS (
    SELECT l.file, l.line_no, l.w31, f, len(f) = 13 AS has_13,
           u.received_day, n.period_number,
           real_date(f[5]) AS start_date, real_date(f[6]) AS end_date,
           d.code IS NOT NULL AS in_division, m.old_code IS NOT NULL AS merged_away
    FROM (SELECT *, string_split(text, ';') AS f FROM numbered) l
    JOIN upload u USING (file)
    JOIN file_name n USING (file)
    LEFT JOIN gemeente d
           ON d.year = period_year(coalesce(n.period_number, period_number(getvariable('period')))) AND d.code = f[2]
    LEFT JOIN (SELECT DISTINCT old_code FROM merger) m ON m.old_code = f[2]
), coded AS (
    SELECT file, line_no, w31, f, has_13, period_number, start_date, end_date,
        CASE WHEN has_13 THEN
        [        -- 1 AANMAAKDATUM: a real date, not after the upload's (UTC) day
        coalesce(quote_or_scientific(f[1], true),
                 CASE WHEN real_date(f[1]) IS NULL OR real_date(f[1]) > received_day THEN 'R10' END),
        -- 2 GEMEENTECODE: 4 digits, in the division of the file's year; R12 when merged away
        coalesce(quote_or_scientific(f[2], true),
                 CASE WHEN NOT regexp_full_match(f[2], '[0-9]{4}') THEN 'R11'
                      WHEN in_division THEN NULL
                      WHEN merged_away THEN 'R12'
                      ELSE 'R11' END),
        -- 3 BSN: 9 digits, not 000000000, passing the 11-test unless 999999999 (unknown)
        coalesce(quote_or_scientific(f[3], true),
                 CASE WHEN NOT regexp_full_match(f[3], '[0-9]{9}') OR f[3] = '000000000' THEN 'R13'
                      WHEN f[3] <> '999999999' AND NOT eleven_test(f[3]) THEN 'R13' END),
        -- 4 TYPE_ARRANGEMENT: 01-18
        coalesce(quote_or_scientific(f[4], true),
                 CASE WHEN NOT regexp_full_match(f[4], '0[1-9]|1[0-8]') THEN 'R14' END),
        -- 5 STARTDATUM, 6 EINDDATUM (may be empty)
        coalesce(quote_or_scientific(f[5], true), CASE WHEN start_date IS NULL THEN 'R15' END),
        coalesce(quote_or_scientific(f[6], true), CASE WHEN f[6] <> '' AND end_date IS NULL THEN 'R16' END),
        -- 7 LEVERINGSVORM: ZIN or PGB, case-sensitive
        coalesce(quote_or_scientific(f[7], true), CASE WHEN f[7] NOT IN ('ZIN', 'PGB') THEN 'R18' END),
        -- 8-13 the optional fields (TOEWIJZINGSNUMMER is not tested for scientific notation)
        coalesce(quote_or_scientific(f[8], false),
                 CASE WHEN NOT optional_ok(f[8], '[A-Za-z0-9-]{1,20}') THEN 'O20' END),
        coalesce(quote_or_scientific(f[9], true),
                 CASE WHEN NOT optional_ok(f[9], '[0-9]{1,6}') THEN 'O21' END),
        coalesce(quote_or_scientific(f[10], true),
                 CASE WHEN NOT optional_ok(f[10], '01|04|14|16|82|83|84') THEN 'O22' END),
        coalesce(quote_or_scientific(f[11], true),
                 CASE WHEN NOT optional_ok(f[11], '1|2|4|6') THEN 'O23' END),
        coalesce(quote_or_scientific(f[12], true),
                 CASE WHEN NOT optional_ok(f[12], '02|19|20|21|22|23|31|36|37|38|39') THEN 'O24' END),
        coalesce(quote_or_scientific(f[13], true),
                 CASE WHEN NOT optional_ok(f[13], '0[1-9]|1[0-4]') THEN 'O25' END)
        ] END AS field_codes
    FROM fields
), with_warnings AS (
    SELECT file, line_no, w31, has_13, f, start_date, end_date,
           CASE WHEN NOT has_13 THEN ['R01'] ELSE list_filter(field_codes, lambda c: c IS NOT NULL) END
           -- R17: both dates fine and the end before the start
           || CASE WHEN has_13 AND field_codes[5] IS NULL AND field_codes[6] IS NULL
                        AND end_date < start_date THEN ['R17'] ELSE [] END AS codes,
           -- W30: both dates fine, and the record does not overlap the file's period (left out)
           coalesce(has_13 AND period_number IS NOT NULL AND field_codes[5] IS NULL AND field_codes[6] IS NULL
               AND coalesce(end_date >= start_date, true)
               AND (start_date > period_end(period_number)
                    OR coalesce(end_date < period_start(period_number), false)), false) AS w30
    FROM coded
)
-- What the verdict and the merge need; f[2] is also the candidate for the file's gemeente.
SELECT file, line_no, has_13,
       CASE WHEN has_13 THEN f[2] END AS gemeentecode,
       CASE WHEN has_13 THEN f[3] END AS bsn,
       CASE WHEN has_13 THEN f[4] END AS type,
       start_date, end_date,
       CASE WHEN has_13 THEN f[7] END AS leveringsvorm,
       CASE WHEN has_13 THEN f[8] END AS toewijzingsnummer,
       len(codes) AS errors,
       list_has_any(codes, ['R01', 'R02', 'R03', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'R16', 'R17', 'R18'])
           AS basis_error,
       list_has_any(codes, ['O20', 'O21', 'O22', 'O23', 'O24', 'O25']) AS optional_error,
       w30, w31
FROM with_warnings;

-- One verdict per considered upload. A file's gemeente is the raw GEMEENTECODE of its first
-- 13-field record (the account's code when there is none, or when it is too long to show).
CREATE TABLE checked AS
WITH first_gemeente AS (
    SELECT file, arg_min(gemeentecode, line_no) AS code FROM record_check WHERE has_13 GROUP BY file
), per_file AS (
    SELECT c.file,
           count(*) AS records,
           sum(c.errors) AS record_errors,
           bool_or(c.basis_error) AS basis_error,
           bool_or(c.optional_error) AS optional_error,
           bool_or(c.has_13 AND c.gemeentecode <> g.code) AS f08,
           count(*) FILTER (WHERE NOT w30 AND NOT w31) AS passed_on
    FROM record_check c LEFT JOIN first_gemeente g USING (file)
    GROUP BY c.file
), file_codes AS (
    SELECT u.file, u.received_at, u.received_ms, u.account, u.window_number,
           CASE WHEN length(g.code) <= 6 THEN g.code ELSE u.account END AS gemeentecode,
           coalesce(period_code(n.period_number), '') AS period,
           p.file IS NULL AS f10,
           p.file IS NOT NULL AND t.text IS NULL AS f05,
           t.text IS NOT NULL AND coalesce(h.header, '') = '' AS f06,
           coalesce(h.header <> '' AND lower(h.header) <> lower(
               'AANMAAKDATUM;GEMEENTECODE;BSN;TYPE_ARRANGEMENT;STARTDATUM;EINDDATUM;LEVERINGSVORM;'
               || 'TOEWIJZINGSNUMMER;VOLUME;EENHEID;FREQUENTIE;REDEN_BEEINDIGING;REDEN_WIJZIGING'), false) AS f07,
           n.f01, n.f02, n.f04,
           n.period_number IS NOT NULL AND n.period_number NOT IN (u.window_number, u.window_number - 1) AS f03,
           coalesce(s.f08, false) AS f08,
           coalesce(s.records, 0) AS records,
           coalesce(s.record_errors, 0) AS record_errors,
           coalesce(s.basis_error, false) AS basis_error,
           coalesce(s.optional_error, false) AS optional_error,
           coalesce(s.passed_on, 0) AS passed_on
    FROM upload u
    JOIN file_name n USING (file)
    LEFT JOIN present p USING (file)
    LEFT JOIN file_text t USING (file)
    LEFT JOIN file_header h USING (file)
    LEFT JOIN per_file s USING (file)
    LEFT JOIN first_gemeente g USING (file)
)
SELECT file, received_at, received_ms, account, window_number, gemeentecode, period,
       CASE WHEN f10 THEN 1
            ELSE f01::INTEGER + f02::INTEGER + f03::INTEGER + f04::INTEGER + f05::INTEGER
                 + f06::INTEGER + f07::INTEGER + f08::INTEGER + record_errors END AS errors,
       CASE WHEN f01 OR f02 OR f03 OR f04 OR f05 OR f06 OR f07 OR f08 OR f10 OR basis_error
            THEN 'AFGEKEURD' ELSE 'GOEDGEKEURD' END AS verdict,
       NOT (f01 OR f02 OR f03 OR f04 OR f05 OR f06 OR f07 OR f08 OR f10 OR basis_error)
           AND optional_error AS blanked,
       records, passed_on
FROM file_codes;
