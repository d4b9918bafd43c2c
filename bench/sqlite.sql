-- What an analyst would write with sqlite3 to get what `ita rank` gives (see
-- duckdb.mjs). sqlite has no median or quantiles: means, minimums and maximums only.
-- run.sh puts the file names in place of DATA and MAP.
.mode csv
.import DATA s
.import MAP m
CREATE TEMP TABLE ind AS
  WITH items AS (
    SELECT agency, CAST(year AS INTEGER) AS year, item, avg(CAST(score AS REAL)) AS score
    FROM s GROUP BY agency, year, item),
  parts AS (
    SELECT i.agency, i.year, CAST(m.indicator AS INTEGER) AS indicator, m.part, avg(i.score) AS score
    FROM items i JOIN m ON CAST(m.year AS INTEGER) = i.year AND m.item = i.item
    GROUP BY i.agency, i.year, m.indicator, m.part)
  SELECT agency, year, indicator, avg(score) AS score FROM parts GROUP BY agency, year, indicator;
CREATE TEMP TABLE w AS SELECT DISTINCT CAST(year AS INTEGER) AS year, CAST(indicator AS INTEGER) AS indicator,
  CAST(weight AS INTEGER) AS weight FROM m;
CREATE TEMP TABLE overall AS
  SELECT agency, ind.year, round(sum(score * w.weight) / 10000, 2) AS score
  FROM ind JOIN w ON w.year = ind.year AND w.indicator = ind.indicator GROUP BY agency, ind.year;
.once /dev/null
WITH cur AS (SELECT * FROM overall WHERE year = (SELECT max(year) FROM overall)),
prev AS (SELECT agency, score AS previous FROM overall
         WHERE year = (SELECT max(year) FROM overall WHERE year < (SELECT max(year) FROM overall)))
SELECT rank() OVER (ORDER BY cur.score DESC), cur.agency, cur.score, prev.previous, cur.score - prev.previous
FROM cur LEFT JOIN prev USING (agency) ORDER BY cur.score DESC, cur.agency;
SELECT count(*), avg(score), 100.0 * sum(score >= 85) / count(*) FROM overall
  WHERE year = (SELECT max(year) FROM overall);
SELECT indicator, avg(score), min(score), max(score) FROM ind
  WHERE year = (SELECT max(year) FROM ind) GROUP BY indicator ORDER BY indicator;
