-- Step 5 of 6: the person register, the clients, and the exact counts per gemeente, period and
-- table cell (SPEC 6, 7, 11).

-- personen.csv: rows with a 9-digit BSN other than 999999999 take part; an unreadable birth
-- date or sex, or an empty household, counts as unknown. Only the clients' rows are kept.
CREATE MACRO register() AS TABLE
SELECT * FROM read_csv(getvariable('reference') || '/personen.csv', delim = ';', header = true, quote = '',
                       escape = '', auto_detect = false,
                       columns = {'bsn': 'VARCHAR', 'geboortedatum': 'VARCHAR', 'geslacht': 'VARCHAR',
                                  'huishouden': 'VARCHAR'})
WHERE regexp_full_match(bsn, '[0-9]{9}') AND bsn <> '999999999';

CREATE TABLE person AS
SELECT person(bsn) AS person,
       real_date(geboortedatum) AS birth_date,
       CASE WHEN geslacht IN ('M', 'V') THEN geslacht END AS sex,
       nullif(huishouden, '') AS household
FROM register()
WHERE person(bsn) IN (SELECT person FROM active);

-- The iWmo types and their CBS groups (SPEC 3).
CREATE TABLE arrangement_type (type VARCHAR, type_group VARCHAR);
INSERT INTO arrangement_type VALUES
    ('01', 'Hulp bij het huishouden'), ('02', 'Ondersteuning thuis'), ('03', 'Ondersteuning thuis'),
    ('04', 'Ondersteuning thuis'), ('05', 'Hulpmiddelen en diensten'), ('06', 'Ondersteuning thuis'),
    ('07', 'Ondersteuning thuis'), ('08', 'Hulpmiddelen en diensten'), ('09', 'Ondersteuning thuis'),
    ('10', 'Overig'), ('11', 'Hulpmiddelen en diensten'), ('12', 'Hulpmiddelen en diensten'),
    ('13', 'Hulpmiddelen en diensten'), ('14', 'Hulpmiddelen en diensten'), ('15', 'Verblijf en opvang'),
    ('16', 'Verblijf en opvang'), ('17', 'Verblijf en opvang'), ('18', 'Verblijf en opvang');

-- A client: a known person with at least one active arrangement, per gemeente and period; age on
-- the last day of the period.
CREATE TABLE client AS
WITH per_client AS (
    SELECT period, gemeentecode, person,
           count(*) AS arrangements,
           bool_or(leveringsvorm = 'ZIN') AS zin,
           bool_or(leveringsvorm = 'PGB') AS pgb
    FROM active
    WHERE person IS NOT NULL
    GROUP BY period, gemeentecode, person
)
SELECT c.*, p.person IS NOT NULL AS in_register, p.sex, p.household,
       year(r.last_day) - year(p.birth_date)
           - CASE WHEN month(r.last_day) * 100 + day(r.last_day) < month(p.birth_date) * 100 + day(p.birth_date)
                  THEN 1 ELSE 0 END AS age
FROM per_client c
JOIN result_period r ON r.code = c.period
LEFT JOIN person p ON p.person = c.person;

CREATE TABLE count_cell AS
WITH client_type AS (
    SELECT DISTINCT a.period, a.gemeentecode, a.person, a.type, t.type_group
    FROM active a JOIN arrangement_type t USING (type)
    WHERE a.person IS NOT NULL
), arrangement AS (
    SELECT a.period, a.gemeentecode, a.type, t.type_group FROM active a JOIN arrangement_type t USING (type)
)
SELECT period, gemeentecode, 'totaal' AS dimension, 'totaal' AS category, 'clienten' AS measure, count(*) AS n
FROM client GROUP BY ALL
UNION ALL
SELECT period, gemeentecode, 'type', type, 'clienten', count(*) FROM client_type GROUP BY ALL
UNION ALL
SELECT period, gemeentecode, 'typegroep', type_group, 'clienten', count(DISTINCT person) FROM client_type GROUP BY ALL
UNION ALL
SELECT period, gemeentecode, 'typegroep', 'Totaal exclusief verblijf en opvang', 'clienten', count(DISTINCT person)
FROM client_type WHERE type_group <> 'Verblijf en opvang' GROUP BY ALL
UNION ALL
SELECT period, gemeentecode, 'financieringsvorm',
       CASE WHEN zin AND pgb THEN 'ZIN+PGB' WHEN zin THEN 'ZIN' ELSE 'PGB' END, 'clienten', count(*)
FROM client GROUP BY ALL
UNION ALL
SELECT period, gemeentecode, 'aantal_arrangementen',
       CASE WHEN arrangements >= 6 THEN '6+' ELSE CAST(arrangements AS VARCHAR) END, 'clienten', count(*)
FROM client GROUP BY ALL
UNION ALL
SELECT period, gemeentecode, 'leeftijd',
       CASE WHEN age IS NULL OR age < 0 THEN 'onbekend'
            WHEN age <= 17 THEN '0-17' WHEN age <= 64 THEN '18-64' WHEN age <= 74 THEN '65-74'
            WHEN age <= 84 THEN '75-84' ELSE '85+' END, 'clienten', count(*)
FROM client GROUP BY ALL
UNION ALL
SELECT period, gemeentecode, 'geslacht', coalesce(sex, 'onbekend'), 'clienten', count(*)
FROM client GROUP BY ALL
UNION ALL
SELECT period, gemeentecode, 'totaal', 'totaal', 'huishoudens', count(DISTINCT household)
FROM client WHERE household IS NOT NULL GROUP BY ALL
UNION ALL
-- arrangements: those of unknown persons count too
SELECT period, gemeentecode, 'totaal', 'totaal', 'arrangementen', count(*) FROM arrangement GROUP BY ALL
UNION ALL
SELECT period, gemeentecode, 'type', type, 'arrangementen', count(*) FROM arrangement GROUP BY ALL
UNION ALL
SELECT period, gemeentecode, 'typegroep', type_group, 'arrangementen', count(*) FROM arrangement GROUP BY ALL
UNION ALL
SELECT period, gemeentecode, 'typegroep', 'Totaal exclusief verblijf en opvang', 'arrangementen', count(*)
FROM arrangement WHERE type_group <> 'Verblijf en opvang' GROUP BY ALL;
