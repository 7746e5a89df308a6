/**
 * `nps-ab sql`: the emitted DuckDB query, run by DuckDB over the fixtures, gives counts whose analysis is the
 * raw files' analysis; on edge-case rows its counts equal ingest's; the other dialects' queries carry their
 * dialect's fragments and quoting. Runs bin/nps-ab.js: `npm run build` first.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import nodeSqlParser from "node-sql-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/analysis/report.js";
import { buildCountsQuery, type CountsQuery } from "../../src/tally/counts-sql.js";
import { onlyGroup, SQL_DIALECTS, WHITESPACE } from "../../src/tally/sql-dialects.js";
import { BREAKDOWN_OPTIONS, comparableNumbers } from "./report-numbers.js";
import { canonical, COLUMNS, EDGE_COLUMNS, EDGE_CSV, EDGE_ROW_COUNT, EDGE_SOURCE_ZONES, EDGE_ZONES, ingestedEdgeCounts, ingestedLocalDateCounts, LOCAL_DATE_CSV, WINDOW } from "./sql-edge-rows.js";
import { fixture, runCli } from "./run-cli.js";

const { Parser: SqlParser } = nodeSqlParser;


let dir: string;
let instance: DuckDBInstance;
let duckdb: DuckDBConnection;

/** A CSV read as text, every column VARCHAR, so DuckDB coerces nothing (`N/A`, `7.5` and blanks stay as they are). */
const readCsv = (path: string, site: string): string =>
  `SELECT '${site}' AS site, * FROM read_csv('${path}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;

/** `csv` written to the test directory and read as the view `name`, every column text (no site column added). */
async function csvView(name: string, csv: string): Promise<void> {
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, csv);
  await duckdb.run(`CREATE OR REPLACE VIEW ${name} AS ${readCsv(path, "unused").replace("'unused' AS site, ", "")}`);
}

/** Runs a counts query and writes its result as a counts CSV, as a user would with COPY. */
async function countsCsv(query: string, name: string): Promise<string> {
  const path = join(dir, name);
  const body = query.trimEnd().replace(/;$/, "");
  await duckdb.run(`COPY (${body}) TO '${path}' (HEADER, DELIMITER ',')`);
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "nps-ab-sql-"));
  instance = await DuckDBInstance.create(":memory:");
  duckdb = await instance.connect();
  await duckdb.run(`CREATE VIEW responses AS ${readCsv(fixture("ebates.csv"), "ebates")} UNION ALL BY NAME ${readCsv(fixture("rakuten-rewards.csv"), "rakuten-rewards")}`);
});

afterAll(() => {
  duckdb.closeSync();
  instance.closeSync();
});

const emitted = (args: readonly string[]): string => {
  const result = runCli(["sql", ...args]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
};

describe("the DuckDB query over the fixtures", () => {
  it("gives counts that analyze --counts turns into the raw files' report", async () => {
    const view = await duckdb.runAndReadAll(`SELECT count(*) AS n, count(*) FILTER (WHERE "Score" IN ('N/A', 'ten', '11', '7.5')) AS bad FROM responses`);
    expect(view.getRowObjectsJS()).toEqual([{ n: 39_616n, bad: 8n }]);
    const counts = await countsCsv(emitted(["--dialect", "duckdb", "--table", "responses", ...COLUMNS, ...WINDOW]), "warehouse.csv");
    const fromWarehouse = runCli(["analyze", "--counts", counts, ...BREAKDOWN_OPTIONS]);
    const fromRaw = runCli(["analyze", fixture("ebates.csv"), fixture("rakuten-rewards.csv"), ...BREAKDOWN_OPTIONS]);
    expect(fromWarehouse.status, fromWarehouse.stderr).toBe(0);
    const warehouse = JSON.parse(fromWarehouse.stdout) as Report;
    const raw = JSON.parse(fromRaw.stdout) as Report;
    expect(warehouse.data).toMatchObject({ rowsRead: 39_616, rowsUsed: 39_600, rowsDropped: { "missing-score": 6, "invalid-score": 8, "outside-window": 2 } });
    expect(warehouse.verdict).toBe("equivalent");
    expect(comparableNumbers(warehouse)).toEqual(comparableNumbers(raw));
  });

  it("counts the same days as aggregate in another time zone", async () => {
    const zone = ["--tz", "America/Los_Angeles"];
    const counts = await countsCsv(emitted(["--dialect", "duckdb", "--table", "responses", ...COLUMNS, ...WINDOW, ...zone]), "los-angeles.csv");
    const aggregated = runCli(["aggregate", `ebates=${fixture("ebates.csv")}`, `rakuten-rewards=${fixture("rakuten-rewards.csv")}`, ...WINDOW, ...zone]);
    expect(aggregated.status, aggregated.stderr).toBe(0);
    expect(await canonical(readFileSync(counts, "utf8"))).toBe(await canonical(aggregated.stdout));
  });
});

describe("the DuckDB query over overlapping exports", () => {
  // The fixtures' first 50 lines again, as a second export of the same weeks would bring them: with
  // --id-column the copies are duplicate-response drops, as aggregate drops them reading the same files.
  it("drops a response exported twice as aggregate does, with --id-column", async () => {
    const overlap = join(dir, "ebates-overlap.csv");
    writeFileSync(overlap, readFileSync(fixture("ebates.csv"), "utf8").split("\n").slice(0, 51).join("\n") + "\n");
    await duckdb.run(`CREATE VIEW overlapping AS SELECT * FROM responses UNION ALL BY NAME ${readCsv(overlap, "ebates")}`);
    const counts = await countsCsv(emitted(["--dialect", "duckdb", "--table", "overlapping", ...COLUMNS, ...WINDOW, "--id-column", "Response ID"]), "overlapping.csv");
    const aggregated = runCli(["aggregate", `ebates=${fixture("ebates.csv")}`, `ebates=${overlap}`, `rakuten-rewards=${fixture("rakuten-rewards.csv")}`, ...WINDOW]);
    expect(aggregated.status, aggregated.stderr).toBe(0);
    expect(aggregated.stdout).toMatch(/^,,,dropped:duplicate-response,[1-9][0-9]*$/m);
    expect(await canonical(readFileSync(counts, "utf8"))).toBe(await canonical(aggregated.stdout));
  });

  // A table has no file order, so of copies that differ (a response edited between two exports) the query
  // keeps the one whose date, score and segment cells sort first as text (ingest: the first in the file).
  it("keeps, of copies that differ, the one whose cells sort first as text", async () => {
    await csvView("copies", ["site,Score,Answered,Response ID", "a,3,2018-03-05T00:00:00Z,r9", "a,9,2018-03-04T00:00:00Z,r9", "a,10,2018-03-04T00:00:00Z,r9", "b,3,2018-03-05T00:00:00Z,r9"].join("\n"));
    const query: CountsQuery = { dialect: "duckdb", table: "copies", variantColumn: "site", scoreColumn: "Score", dateColumn: "Answered", idColumn: "Response ID", timeZone: "UTC" };
    const counts = readFileSync(await countsCsv(buildCountsQuery(query), "copies.counts.csv"), "utf8");
    expect(await canonical(counts)).toBe(["variant,period,segment,score,count", "a,2018-03-04,,10,1", "b,2018-03-05,,3,1", ",,,dropped:duplicate-response,2", ""].join("\n"));
  });
});

describe("the DuckDB query over typed columns", () => {
  // A DOUBLE score (as pandas writes an integer column with blanks: 8.0) and a TIMESTAMPTZ, which DuckDB casts
  // to text in the session's zone with its offset. The oracle is aggregate over the table exported as CSV.
  it("counts what aggregate counts of the table's export, whatever the session's time zone", async () => {
    await duckdb.run(`CREATE TABLE typed AS SELECT site, TRY_CAST("Score" AS DOUBLE) AS "Score", TRY_CAST("Created At" AS TIMESTAMPTZ) AS "Created At", "Lifecycle Stage" FROM responses`);
    const zone = ["--tz", "America/Los_Angeles"];
    try {
      await duckdb.run("SET TimeZone = 'Asia/Kolkata'");
      const path = join(dir, "typed.csv");
      await duckdb.run(`COPY typed TO '${path}' (HEADER, DELIMITER ',')`);
      expect(readFileSync(path, "utf8")).toMatch(/,8\.0,2018-[0-9-]+ [0-9:]+\+05:30,/);
      const aggregated = runCli(["aggregate", path, ...COLUMNS, ...WINDOW, ...zone]);
      expect(aggregated.status, aggregated.stderr).toBe(0);
      for (const session of ["Asia/Kolkata", "America/New_York"]) {
        await duckdb.run(`SET TimeZone = '${session}'`);
        const counts = readFileSync(await countsCsv(emitted(["--dialect", "duckdb", "--table", "typed", ...COLUMNS, ...WINDOW, ...zone]), "typed.counts.csv"), "utf8");
        expect(await canonical(counts), session).toBe(await canonical(aggregated.stdout));
      }
    } finally {
      await duckdb.run("SET TimeZone = 'UTC'");
    }
  });
});

describe("the DuckDB query on edge cases equals ingest", () => {
  for (const timeZone of EDGE_ZONES) {
    it(`in ${timeZone}`, async () => {
      await csvView("edge", EDGE_CSV);
      const query: CountsQuery = { dialect: "duckdb", table: "edge", ...EDGE_COLUMNS, timeZone };
      const counts = readFileSync(await countsCsv(buildCountsQuery(query), "edge.counts.csv"), "utf8");
      const ingested = await ingestedEdgeCounts(timeZone);
      expect(await canonical(counts)).toBe(ingested.counts);
      expect(ingested.rowsRead).toBe(EDGE_ROW_COUNT);
    });
  }
});

describe("the DuckDB query with --source-tz equals ingest", () => {
  for (const [sourceTimeZone, timeZone] of EDGE_SOURCE_ZONES) {
    it(`times without an offset in ${sourceTimeZone}, days in ${timeZone}`, async () => {
      await csvView("edge", EDGE_CSV);
      const query: CountsQuery = { dialect: "duckdb", table: "edge", ...EDGE_COLUMNS, timeZone, sourceTimeZone };
      const counts = readFileSync(await countsCsv(buildCountsQuery(query), "edge.counts.csv"), "utf8");
      const ingested = await ingestedEdgeCounts(timeZone, sourceTimeZone);
      expect(await canonical(counts)).toBe(ingested.counts);
      expect(await canonical(counts)).not.toBe((await ingestedEdgeCounts(timeZone)).counts);
    });
  }
});

describe("the DuckDB query with --date-format equals ingest on local dates", () => {
  for (const dateOrder of ["mdy", "dmy"] as const) {
    for (const timeZone of ["UTC", "America/New_York", "Asia/Kathmandu"]) {
      it(`${dateOrder}, in ${timeZone}`, async () => {
        await csvView("local_dates", LOCAL_DATE_CSV);
        const { idColumn, ...columns } = EDGE_COLUMNS;
        const query: CountsQuery = { dialect: "duckdb", table: "local_dates", ...columns, timeZone, dateOrder };
        const counts = readFileSync(await countsCsv(buildCountsQuery(query), "local.counts.csv"), "utf8");
        expect(await canonical(counts), idColumn).toBe(await ingestedLocalDateCounts(timeZone, dateOrder));
      });
    }
  }
});

describe("queries for the other dialects", () => {
  const base = { table: "analytics.nps responses", variantColumn: "site", scoreColumn: "Score", dateColumn: "Created At", segmentColumn: "Lifecycle Stage", from: "2018-01-01", to: "2018-12-31", timeZone: "Europe/Berlin" } as const;
  const fragments: Record<(typeof SQL_DIALECTS)[number], readonly string[]> = {
    duckdb: [String.raw`]*\pL[^0-9]*$')`, 'FROM "analytics"."nps responses"', String.raw`regexp_replace(CAST("Created At" AS VARCHAR), '^[\x{9}-\x{d}\x{20}\x{a0}\x{1680}\x{2000}-\x{200a}`, "regexp_full_match(nps_score, '^(0?[0-9]|10)([.]0+)?$')", "TRY_CAST(UPPER(nps_date) AS TIMESTAMPTZ)", "timezone('Europe/Berlin', ", "strftime(", "to_timestamp(CAST(nps_date AS DOUBLE) / 1000)", "CAST(CAST(regexp_replace(regexp_replace(nps_score, '[^0-9]+$', ''), '[.]0+$', '') AS INTEGER) AS VARCHAR)"],
    postgres: ["]*[[:alpha:]][^0-9]*$')", 'FROM "analytics"."nps responses"', "btrim(CAST(\"Created At\" AS text), E'\\u0009\\u000a\\u000b\\u000c\\u000d\\u0020\\u00a0\\u1680\\u2000", "(nps_score ~ '^(0?[0-9]|10)([.]0+)?$')", "THEN CAST(UPPER(nps_date) AS timestamptz) END", "substr(UPPER(nps_date), 6, 2) BETWEEN '01' AND '12'", "CAST(CAST(UPPER(nps_date) AS timestamp) AS date)", "AT TIME ZONE 'Europe/Berlin'", "to_char(", "to_timestamp(CAST(nps_date AS double precision) / 1000)", "CAST(CAST(regexp_replace(regexp_replace(nps_score, '[^0-9]+$', ''), '[.]0+$', '') AS integer) AS text)"],
    bigquery: [String.raw`]*\\pL[^0-9]*$')`, "FROM `analytics`.`nps responses`", "TRIM(CAST(`Created At` AS STRING), '\\u0009\\u000a", "REGEXP_CONTAINS(nps_score, '^(0?[0-9]|10)([.]0+)?$')", "SAFE_CAST(UPPER(nps_date) AS TIMESTAMP)", "DATE(SAFE_CAST(UPPER(nps_date) AS DATETIME))", ", 'Europe/Berlin')", "FORMAT_DATE('%Y-%m-%d', ", "TIMESTAMP_MILLIS(CAST(nps_date AS INT64))", "CAST(CAST(REGEXP_REPLACE(REGEXP_REPLACE(nps_score, '[^0-9]+$', ''), '[.]0+$', '') AS INT64) AS STRING)"],
    snowflake: [String.raw`'^(0?[0-9]|10)\\s*[-–—:]\\s*[[:alpha:]][^0-9]*$'`, 'FROM "analytics"."nps responses"', "TRIM(TO_VARCHAR(\"Created At\"), '\\u0009\\u000a", "REGEXP_LIKE(nps_score, '^(0?[0-9]|10)([.]0+)?$')", "TRY_TO_TIMESTAMP_TZ(UPPER(nps_date))", "CONVERT_TIMEZONE('Europe/Berlin', ", "TO_CHAR(", "TO_TIMESTAMP_TZ(CAST(nps_date AS NUMBER(38, 0)), 3)", "TO_VARCHAR(CAST(REGEXP_REPLACE(REGEXP_REPLACE(nps_score, '[^0-9]+$', ''), '[.]0+$', '') AS INTEGER))"],
    spark: [String.raw`]*\\p{L}[^0-9]*$')`, "FROM `analytics`.`nps responses`", "trim(BOTH '\\u0009\\u000a", "\\u3000\\ufeff' FROM CAST(`Created At` AS STRING))", "(nps_score RLIKE '^(0?[0-9]|10)([.]0+)?$')", "TRY_CAST(UPPER(nps_date) AS TIMESTAMP)", "from_utc_timestamp(", "'Europe/Berlin'", "unix_seconds(", "timestamp_millis(CAST(nps_date AS BIGINT))", "CAST(CAST(regexp_replace(regexp_replace(nps_score, '[^0-9]+$', ''), '[.]0+$', '') AS INT) AS STRING)"],
  };
  // The wall-clock branch with --source-tz: the time read in the source zone, its day taken in --tz.
  const SOURCE_ZONE_FRAGMENTS: Record<(typeof SQL_DIALECTS)[number], string> = {
    duckdb: "CAST(timezone('Europe/Berlin', timezone('UTC', TRY_CAST(UPPER(nps_date) AS TIMESTAMP))) AS DATE)",
    postgres: "CAST(UPPER(nps_date) AS timestamp) AT TIME ZONE 'UTC' END) AT TIME ZONE 'Europe/Berlin' AS date)",
    bigquery: "DATE(TIMESTAMP(SAFE_CAST(UPPER(nps_date) AS DATETIME), 'UTC'), 'Europe/Berlin')",
    snowflake: "TO_DATE(CONVERT_TIMEZONE('UTC', 'Europe/Berlin', TRY_TO_TIMESTAMP_NTZ(UPPER(nps_date))))",
    spark: "CAST(substr(UPPER(nps_date), 18, 9) AS DECIMAL(8, 6)) ELSE 0 END, 'UTC') END, 'Europe/Berlin')",
  };
  // The first group of the local-date pattern (local-dates-sql.ts), as each dialect takes one group.
  const LOCAL_DATE_FRAGMENTS: Record<(typeof SQL_DIALECTS)[number], string> = {
    duckdb: "regexp_extract(UPPER(nps_date), '^([0-9]{1,4})(?:[./-])(?:[0-9]{1,2})",
    postgres: "COALESCE((regexp_match(UPPER(nps_date), '^([0-9]{1,4})([./-])([0-9]{1,2})",
    bigquery: "COALESCE(REGEXP_EXTRACT(UPPER(nps_date), '^([0-9]{1,4})(?:[./-])(?:[0-9]{1,2})",
    snowflake: "COALESCE(REGEXP_SUBSTR(UPPER(nps_date), '^([0-9]{1,4})([./-])([0-9]{1,2})",
    spark: "regexp_extract(UPPER(nps_date), '^([0-9]{1,4})([./-])([0-9]{1,2})",
  };
  for (const dialect of SQL_DIALECTS) {
    it(`${dialect}: its fragments, quoted identifiers, and every drop reason the rows can have`, () => {
      const query = buildCountsQuery({ ...base, dialect });
      for (const fragment of fragments[dialect]) expect(query, `${dialect} should contain ${fragment}`).toContain(fragment);
      // Instants in forms some engines' casts refuse are completed to one they all read.
      expect(query).toContain("|| ':00' ||");
      for (const reason of ["missing-variant", "missing-score", "invalid-score", "missing-date", "invalid-date", "outside-window"]) expect(query).toContain(`'dropped:${reason}'`);
      expect(query).not.toContain("duplicate-response");
      const inUtc = buildCountsQuery({ ...base, dialect, sourceTimeZone: "UTC" });
      expect(inUtc).toContain(SOURCE_ZONE_FRAGMENTS[dialect]);
      expect(inUtc).toContain("-- Periods are days in Europe/Berlin; window 2018-01-01 to 2018-12-31. Times without an offset are in UTC.\n");
      expect(query).not.toContain("Times without an offset");
      // Local dates only with --date-format: three more steps, the pattern's groups taken one at a time.
      expect(query).not.toContain("nps_localized");
      const withOrder = buildCountsQuery({ ...base, dialect, dateOrder: "mdy" });
      expect(withOrder).toContain(LOCAL_DATE_FRAGMENTS[dialect]);
      expect(withOrder).toContain("2018-12-31. Local dates (03/04/2018) are read month first.\n");
      expect(withOrder).toContain(`FROM nps_local_parts${dialect === "postgres" ? " OFFSET 0" : ""}\n`);
      const withIds = buildCountsQuery({ ...base, dialect, idColumn: "Response ID" });
      expect(withIds).toContain("ROW_NUMBER() OVER (PARTITION BY nps_variant, nps_id ORDER BY COALESCE(nps_date, ''), COALESCE(nps_score, ''), COALESCE(nps_segment, ''))");
      expect(withIds).toContain("WHEN nps_duplicate = 1 THEN 'dropped:duplicate-response'");
      const q = dialect === "bigquery" || dialect === "spark" ? "`" : '"';
      for (const alias of ["variant", "period", "segment", "score", "count"]) expect(query).toContain(`AS ${q}${alias}${q}`);
    });
  }

  // No BigQuery or Snowflake engine runs here, so their queries are at least parsed by those dialects'
  // grammars (node-sql-parser), with and without dates, a window and segments. Its Hive grammar lacks Spark's
  // trim(BOTH ... FROM ...) and its PostgreSQL one lacks AT TIME ZONE, so Spark is not parsed (PostgreSQL
  // and DuckDB run their queries above).
  for (const [dialect, database] of [["bigquery", "BigQuery"], ["snowflake", "Snowflake"]] as const) {
    it(`${dialect}: parses as ${database} SQL`, () => {
      const parser = new SqlParser();
      const variants: CountsQuery[] = [
        { ...base, dialect },
        { ...base, dialect, idColumn: "Response ID", sourceTimeZone: "America/New_York", dateOrder: "dmy" },
        { ...base, dialect, from: undefined, to: undefined, segmentColumn: undefined },
        { dialect, table: "t", variantColumn: "v", scoreColumn: "s", timeZone: "UTC" },
      ];
      for (const query of variants) expect(() => parser.astify(buildCountsQuery(query), { database })).not.toThrow();
    });
  }

  // Oracle: the JavaScript engine's own trim, over every UTF-16 code unit (ingest trims with it).
  it("trims what String.prototype.trim trims, no more and no less", () => {
    const trimmed = Array.from({ length: 0x10000 }, (_, code) => code).filter((code) => String.fromCharCode(code).trim() === "");
    expect([...WHITESPACE].sort((a, b) => a - b)).toEqual(trimmed);
  });

  it("escapes quote characters inside identifiers, per dialect", () => {
    const odd = { ...base, scoreColumn: 'say "why"', variantColumn: "it`s" };
    expect(buildCountsQuery({ ...odd, dialect: "postgres" })).toContain('CAST("say ""why""" AS text)');
    expect(buildCountsQuery({ ...odd, dialect: "spark" })).toContain("CAST(`it``s` AS STRING)");
    expect(buildCountsQuery({ ...odd, dialect: "bigquery" })).toContain("CAST(`it\\`s` AS STRING)");
  });

  it("says in its header whether copies of a response are dropped, quoting the ID column on one line", () => {
    const plain = buildCountsQuery({ dialect: "duckdb", table: "t", variantColumn: "v", scoreColumn: "s", timeZone: "UTC" });
    expect(plain).toContain("-- Every row is counted: copies of a response (overlapping exports) too, which analyze drops; see --id-column.\n");
    const withIds = buildCountsQuery({ dialect: "duckdb", table: "t", variantColumn: "v", scoreColumn: "s", idColumn: "Response\nID", timeZone: "UTC" });
    expect(withIds).toContain('-- A copy of a response already counted in its variant (same "Response\\nID") is dropped as duplicate-response.\n');
  });

  it("without a date column, counts have no periods and no date drops", () => {
    const query = buildCountsQuery({ dialect: "snowflake", table: "t", variantColumn: "v", scoreColumn: "s", timeZone: "UTC" });
    expect(query).not.toContain("missing-date");
    expect(query).not.toContain("outside-window");
    expect(query).toContain("TO_VARCHAR(NULL) AS nps_day");
  });

  it("prints from the CLI what the builder builds", () => {
    expect(emitted(["--dialect", "bigquery", "--table", base.table, ...COLUMNS, ...WINDOW, "--tz", "Europe/Berlin"])).toBe(buildCountsQuery({ ...base, dialect: "bigquery" }));
    const more = ["--source-tz", "UTC", "--id-column", "Response ID", "--date-format", "dd.mm.yyyy"];
    expect(emitted(["--dialect", "snowflake", "--table", base.table, ...COLUMNS, ...WINDOW, "--tz", "Europe/Berlin", ...more])).toBe(
      buildCountsQuery({ ...base, dialect: "snowflake", sourceTimeZone: "UTC", idColumn: "Response ID", dateOrder: "dmy" }),
    );
    // `none` is the option left out, as analyze reads it.
    const none = ["--date-column", "none", "--segment-column", "None", "--id-column", "NONE"];
    expect(emitted(["--dialect", "duckdb", "--table", "t", "--variant-column", "v", "--score-column", "s", ...none])).toBe(buildCountsQuery({ dialect: "duckdb", table: "t", variantColumn: "v", scoreColumn: "s", timeZone: "UTC" }));
  });

  const errors: Array<[string, string[], RegExp]> = [
    ["no --variant-column", ["--dialect", "duckdb", "--table", "t", "--score-column", "s"], /^nps-ab: --variant-column is required/],
    ["no --score-column", ["--dialect", "duckdb", "--table", "t", "--variant-column", "v"], /^nps-ab: --score-column is required/],
    ["an unknown dialect", ["--dialect", "oracle", "--table", "t", "--variant-column", "v", "--score-column", "s"], /^nps-ab: --dialect "oracle" is not one of duckdb, postgres, bigquery, snowflake, spark$/],
    ["a window without a date column", ["--dialect", "spark", "--table", "t", "--variant-column", "v", "--score-column", "s", "--from", "2018-01-01"], /^nps-ab: --from\/--to need --date-column$/],
    ["an unknown time zone", ["--dialect", "spark", "--table", "t", "--variant-column", "v", "--score-column", "s", "--tz", "Mars/Olympus"], /is not an IANA time zone/],
    ["an unknown source time zone", ["--dialect", "spark", "--table", "t", "--variant-column", "v", "--score-column", "s", "--date-column", "d", "--source-tz", "Mars/Base"], /^nps-ab: --source-tz "Mars\/Base" is not an IANA time zone/],
    ["a blank column name", ["--dialect", "duckdb", "--table", "t", "--variant-column", "v", "--score-column", "s", "--id-column", " "], /^nps-ab: --id-column is blank \(name a column of the table, or leave the option out\)$/],
    ["a date format without a date column", ["--dialect", "duckdb", "--table", "t", "--variant-column", "v", "--score-column", "s", "--date-format", "mm/dd/yyyy"], /^nps-ab: --date-format needs --date-column$/],
    ["an unknown date format", ["--dialect", "duckdb", "--table", "t", "--variant-column", "v", "--score-column", "s", "--date-column", "d", "--date-format", "yy/mm/dd"], /^nps-ab: --date-format "yy\/mm\/dd" is not one of/],
    ["a source time zone without a date column", ["--dialect", "spark", "--table", "t", "--variant-column", "v", "--score-column", "s", "--source-tz", "UTC"], /^nps-ab: --source-tz needs --date-column$/],
  ];
  for (const [name, args, message] of errors) {
    it(`exits 2 on ${name}`, () => {
      const result = runCli(["sql", ...args]);
      expect(result.status).toBe(2);
      expect(result.stderr.trimEnd()).toMatch(message);
    });
  }
});

describe("onlyGroup", () => {
  it("keeps the one group capturing and leaves brackets alone", () => {
    expect(onlyGroup("^([0-9]+)([./-])(a(b)?)$", 3)).toBe("^(?:[0-9]+)(?:[./-])(a(?:b)?)$");
    expect(onlyGroup("^([0-9]+)([./-])(a(b)?)$", 4)).toBe("^(?:[0-9]+)(?:[./-])(?:a(b)?)$");
    expect(onlyGroup("[(]x(y)", 1)).toBe("[(]x(y)");
  });
});
