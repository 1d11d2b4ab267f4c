-- Step 6 of 6: the dense publication table of P and P-1 (SPEC 7, 8, 11): every gemeente of the
-- period's division, every province in it and Nederland; province and Nederland counts are sums
-- of the published gemeenten's exact counts. A count below min_count is secret ('.'); every
-- other count is rounded to a multiple of rounding_base (nearest, halves up); per-1 000 rates
-- come from the rounded count. Only this primary suppression: no audit, no secondary cells.

-- The cells of one region and period (SPEC 7's table of dimensions and measures).
CREATE TABLE layout AS
WITH dimension (dimension, categories, counts, rates) AS (VALUES
    ('totaal', ['totaal'], ['clienten', 'arrangementen', 'huishoudens'], ['clienten_per_1000', 'arrangementen_per_1000']),
    ('type', ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18'],
             ['clienten', 'arrangementen'], ['clienten_per_1000', 'arrangementen_per_1000']),
    ('typegroep', ['Hulp bij het huishouden', 'Hulpmiddelen en diensten', 'Ondersteuning thuis', 'Overig',
                   'Verblijf en opvang', 'Totaal exclusief verblijf en opvang'],
             ['clienten', 'arrangementen'], ['clienten_per_1000', 'arrangementen_per_1000']),
    ('financieringsvorm', ['ZIN', 'PGB', 'ZIN+PGB'], ['clienten'], ['clienten_per_1000']),
    ('aantal_arrangementen', ['1', '2', '3', '4', '5', '6+'], ['clienten'], ['clienten_per_1000']),
    ('leeftijd', ['0-17', '18-64', '65-74', '75-84', '85+', 'onbekend'], ['clienten'], ['clienten_per_1000']),
    ('geslacht', ['M', 'V', 'onbekend'], ['clienten'], ['clienten_per_1000'])
)
SELECT d.dimension, c.category, m.measure, replace(m.measure, '_per_1000', '') AS count_measure
FROM dimension d, unnest(d.categories) c(category), unnest(d.counts || d.rates) m(measure);

-- The regions of each period: gemeenten with their status and inhabitants (0 when not
-- published), provinces and Nederland with the inhabitants of their published gemeenten.
CREATE TABLE region AS
WITH gemeente_region AS (
    SELECT r.code AS period, 'gemeente' AS level, g.code, g.name, g.province_code, g.province_name, s.status,
           CASE WHEN s.status = 'gepubliceerd' THEN i.inhabitants ELSE 0 END AS inhabitants
    FROM result_period r
    JOIN gemeente g ON g.year = period_year(r.number)
    JOIN publication_status s ON s.period = r.code AND s.gemeentecode = g.code
    LEFT JOIN inhabitants i ON i.period = r.code AND i.gemeentecode = g.code
)
SELECT period, level, code, name, province_code, status, inhabitants FROM gemeente_region
UNION ALL
SELECT period, 'provincie', province_code, arg_max(province_name, code), 'NL01', 'gepubliceerd', sum(inhabitants)
FROM gemeente_region GROUP BY period, province_code
UNION ALL
SELECT period, 'nederland', 'NL01', 'Nederland', NULL, 'gepubliceerd', sum(inhabitants)
FROM gemeente_region GROUP BY period;

-- Exact counts of every count cell of every published region (zero where nothing was counted).
CREATE TABLE exact AS
WITH published_count AS (
    SELECT c.*, g.province_code
    FROM count_cell c
    JOIN region g ON g.period = c.period AND g.level = 'gemeente' AND g.code = c.gemeentecode
    WHERE g.status = 'gepubliceerd'
), region_count AS (
    SELECT period, gemeentecode AS code, dimension, category, measure, n FROM published_count
    UNION ALL
    SELECT period, province_code, dimension, category, measure, sum(n) FROM published_count GROUP BY ALL
    UNION ALL
    SELECT period, 'NL01', dimension, category, measure, sum(n) FROM published_count GROUP BY ALL
)
SELECT g.period, g.code, l.dimension, l.category, l.measure, coalesce(c.n, 0) AS n
FROM region g
JOIN layout l ON l.measure = l.count_measure
LEFT JOIN region_count c ON c.period = g.period AND c.code = g.code AND c.dimension = l.dimension
                         AND c.category = l.category AND c.measure = l.measure
WHERE g.status = 'gepubliceerd';

CREATE TABLE sql_table AS
WITH protected AS (
    SELECT *, CASE WHEN n >= getvariable('min_count')
                   THEN (n + getvariable('rounding_base') // 2) // getvariable('rounding_base') * getvariable('rounding_base')
              END AS rounded
    FROM exact
)
SELECT g.period, g.level AS region_level, g.code AS region_code, g.name AS region_name,
       l.dimension, l.category, l.measure,
       CASE WHEN p.rounded IS NULL THEN '.'
            WHEN l.measure = l.count_measure THEN CAST(p.rounded AS VARCHAR)
            ELSE CAST((2000 * p.rounded + g.inhabitants) // (2 * g.inhabitants) AS VARCHAR) END AS value,
       CASE WHEN g.status <> 'gepubliceerd' THEN g.status
            WHEN p.rounded IS NULL THEN 'geheim'
            ELSE 'gepubliceerd' END AS status
FROM region g
CROSS JOIN layout l
LEFT JOIN protected p ON p.period = g.period AND p.code = g.code AND p.dimension = l.dimension
                      AND p.category = l.category AND p.measure = l.count_measure;

-- The outputs, as a statistician would hand them on.
COPY (SELECT * FROM sql_table ORDER BY ALL) TO (getvariable('out') || '/wmo.csv') (DELIMITER ';', HEADER, QUOTE '');
COPY (SELECT file, received_at, gemeentecode, period, verdict, errors, in_force FROM verdict ORDER BY file)
    TO (getvariable('out') || '/verdicts.csv') (DELIMITER ';', HEADER, QUOTE '');

-- The run facts the job also records in run.json's counts.
CREATE TABLE run_fact AS
SELECT 'records_delivered' AS name, sum(records) AS value FROM checked
UNION ALL
SELECT 'records_checked_approved', sum(passed_on) FROM checked
WHERE verdict = 'GOEDGEKEURD' AND period <> '' AND period_number(period) IN (SELECT number FROM period_read)
UNION ALL
SELECT 'records_in_force', count(*) FROM record_in_force
UNION ALL
SELECT 'arrangements_merged', count(*) FROM arrangement
UNION ALL
SELECT 'arrangements_active', count(*) FROM active
UNION ALL
SELECT 'persons_read', count(*) FROM register()
UNION ALL
SELECT 'clients', count(*) FROM client
UNION ALL
SELECT 'cells_counted', count(*) FROM count_cell
UNION ALL
SELECT 'cells_published', count(*) FROM sql_table;
COPY (SELECT * FROM run_fact ORDER BY name) TO (getvariable('out') || '/counts.csv') (DELIMITER ';', HEADER, QUOTE '');
