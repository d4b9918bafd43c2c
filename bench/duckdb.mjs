// What an analyst would write with DuckDB (through its npm package) to get what
// `ita rank` gives: items from sub-questions, indicators from items (OIT from
// sub-indicators), the weighted overall score, ranks, changes and statistics.
// Usage: node duckdb.mjs SCORES.csv MAP.csv (MAP from `ita-gen --map`).
// Floating point, unlike ita: this is for timing, not for figures.
import { DuckDBInstance } from '@duckdb/node-api';

const [data, map] = process.argv.slice(2);
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run(`CREATE TEMP TABLE m AS SELECT * FROM read_csv(${q(map)}, header = true,
  columns = {'year': 'INTEGER', 'item': 'VARCHAR', 'indicator': 'INTEGER', 'part': 'VARCHAR', 'weight': 'INTEGER'})`);
await con.run(`CREATE TEMP TABLE ind AS
  WITH items AS (
    SELECT agency, first(province) AS province, year, item, avg(score) AS score
    FROM read_csv(${q(data)}, header = true, columns = {'agency': 'VARCHAR', 'province': 'VARCHAR',
      'year': 'INTEGER', 'item': 'VARCHAR', 'sub': 'INTEGER', 'score': 'DOUBLE'})
    GROUP BY agency, year, item),
  parts AS (
    SELECT i.agency, i.year, m.indicator, m.part, avg(i.score) AS score
    FROM items i JOIN m ON m.year = i.year AND m.item = i.item
    GROUP BY i.agency, i.year, m.indicator, m.part)
  SELECT agency, year, indicator, avg(score) AS score FROM parts GROUP BY agency, year, indicator`);
await con.run(`CREATE TEMP TABLE overall AS
  SELECT agency, ind.year, round(sum(score * w.weight) / 10000, 2) AS score
  FROM ind JOIN (SELECT DISTINCT year, indicator, weight FROM m) w ON w.year = ind.year AND w.indicator = ind.indicator
  GROUP BY agency, ind.year`);
const latest = `(SELECT max(year) FROM overall)`;
const ranking = await con.runAndReadAll(`
  WITH cur AS (SELECT * FROM overall WHERE year = ${latest}),
  prev AS (SELECT agency, score AS previous FROM overall WHERE year = (SELECT max(year) FROM overall WHERE year < ${latest}))
  SELECT rank() OVER (ORDER BY cur.score DESC) AS rank, cur.agency, cur.score, prev.previous,
         cur.score - prev.previous AS delta
  FROM cur LEFT JOIN prev USING (agency) ORDER BY cur.score DESC, cur.agency`);
const summary = await con.runAndReadAll(`
  SELECT count(*), avg(score), median(score), 100.0 * count(*) FILTER (WHERE score >= 85) / count(*)
  FROM overall WHERE year = ${latest}`);
const indicators = await con.runAndReadAll(`
  SELECT indicator, avg(score), median(score), quantile_cont(score, 0.25), quantile_cont(score, 0.75),
         min(score), max(score)
  FROM ind WHERE year = ${latest} GROUP BY indicator ORDER BY indicator`);
console.log(ranking.getRows().length, summary.getRows()[0].join(' '), indicators.getRows().length);
