/**
 * `nps-ab sql --dialect postgres`, run by PostgreSQL itself: PGlite (PostgreSQL compiled to WebAssembly, a dev
 * dependency) loads the fixtures and the edge-case rows as text columns, as a warehouse table would hold an
 * export, and as typed columns (integer, timestamptz), and the emitted query's counts must equal the counts
 * nps-ab makes of the same rows. The DuckDB query
 * is run the same way in sql.test.ts; BigQuery, Snowflake and Spark have no engine that runs here. Runs
 * bin/nps-ab.js: `npm run build` first.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvField } from "../../src/tally/counts-csv.js";
import { buildCountsQuery } from "../../src/tally/counts-sql.js";
import { canonical, COLUMNS, EDGE_COLUMNS, EDGE_CSV, EDGE_ROW_COUNT, EDGE_SOURCE_ZONES, EDGE_ZONES, ingestedEdgeCounts, ingestedLocalDateCounts, LOCAL_DATE_CSV, WINDOW } from "./sql-edge-rows.js";
import { fixture, runCli } from "./run-cli.js";


let postgres: PGlite;

const identifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A table of text columns named by the CSV's header, filled by COPY (an unquoted blank field is NULL, as a
 * warehouse load usually makes it). */
async function loadCsv(table: string, csv: string): Promise<void> {
  const header = csv.slice(0, csv.indexOf("\n")).split(",");
  await postgres.exec(`CREATE TABLE ${identifier(table)} (${header.map((name) => `${identifier(name)} text`).join(", ")})`);
  await postgres.query(`COPY ${identifier(table)} FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob: new Blob([csv]) });
}


/** Runs a counts query and turns its rows into a counts CSV, as a user would save the result. */
async function countsCsv(query: string): Promise<string> {
  const result = await postgres.query<Record<string, unknown>>(query);
  const columns = ["variant", "period", "segment", "score", "count"];
  expect(result.fields.map((field) => field.name)).toEqual(columns);
  return [columns.join(","), ...result.rows.map((row) => columns.map((column) => csvField(row[column] === null ? "" : String(row[column]))).join(","))].join("\n") + "\n";
}

const emitted = (args: readonly string[]): string => {
  const result = runCli(["sql", "--dialect", "postgres", ...args]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
};

beforeAll(async () => {
  postgres = await PGlite.create();
  await loadCsv("ebates", readFileSync(fixture("ebates.csv"), "utf8"));
  await loadCsv("rakuten", readFileSync(fixture("rakuten-rewards.csv"), "utf8"));
  await postgres.exec(`CREATE VIEW responses AS SELECT 'ebates' AS site, * FROM ebates UNION ALL SELECT 'rakuten-rewards' AS site, * FROM rakuten`);
  await loadCsv("edge", EDGE_CSV);
  await loadCsv("local_dates", LOCAL_DATE_CSV);
}, 60_000);

afterAll(async () => {
  await postgres.close();
});

describe("the PostgreSQL query over the fixtures", () => {
  // In a zone other than UTC (the edge rows cover UTC): the day of every response moves for some.
  it("counts what aggregate counts", async () => {
    const loaded = await postgres.query<{ n: number }>("SELECT count(*)::int AS n FROM responses");
    expect(loaded.rows).toEqual([{ n: 39_616 }]);
    const zone = ["--tz", "America/Los_Angeles"];
    const counts = await countsCsv(emitted(["--table", "responses", ...COLUMNS, ...WINDOW, ...zone]));
    const aggregated = runCli(["aggregate", `ebates=${fixture("ebates.csv")}`, `rakuten-rewards=${fixture("rakuten-rewards.csv")}`, ...WINDOW, ...zone]);
    expect(aggregated.status, aggregated.stderr).toBe(0);
    expect(await canonical(counts)).toBe(await canonical(aggregated.stdout));
  });
});

describe("the PostgreSQL query over typed columns", () => {
  // A warehouse table usually holds typed columns: an integer score, a timestamptz time. Cast to text, a
  // timestamptz is written in the session's zone with its offset (`2018-01-02 05:36:49+05:30`), so the day
  // must not depend on the session: the oracle is aggregate over the same table exported as CSV.
  it("counts what aggregate counts of the table's export, whatever the session's time zone", async () => {
    await postgres.exec(`CREATE TABLE typed AS SELECT site, CASE WHEN "Score" ~ '^[0-9]+$' THEN CAST("Score" AS integer) END AS "Score",
      CASE WHEN pg_input_is_valid("Created At", 'timestamptz') THEN CAST("Created At" AS timestamptz) END AS "Created At", "Lifecycle Stage" FROM responses`);
    const zone = ["--tz", "America/Los_Angeles"];
    try {
      await postgres.exec("SET TimeZone = 'Asia/Kolkata'");
      const exported = await postgres.query("COPY typed TO '/dev/blob' WITH (FORMAT csv, HEADER true)");
      const text = await exported.blob!.text();
      expect(text).toContain("+05:30,");
      const path = join(mkdtempSync(join(tmpdir(), "nps-ab-pg-")), "typed.csv");
      writeFileSync(path, text);
      const aggregated = runCli(["aggregate", path, ...COLUMNS, ...WINDOW, ...zone]);
      expect(aggregated.status, aggregated.stderr).toBe(0);
      // Offsets with minutes (+05:30) and without (-05).
      for (const session of ["Asia/Kolkata", "America/New_York"]) {
        await postgres.exec(`SET TimeZone = '${session}'`);
        const counts = await countsCsv(emitted(["--table", "typed", ...COLUMNS, ...WINDOW, ...zone]));
        expect(await canonical(counts), session).toBe(await canonical(aggregated.stdout));
      }
    } finally {
      await postgres.exec("SET TimeZone = 'UTC'");
    }
  });
});

describe("the PostgreSQL query on edge cases equals ingest", () => {
  for (const timeZone of EDGE_ZONES) {
    it(`in ${timeZone}`, async () => {
      const counts = await countsCsv(buildCountsQuery({ dialect: "postgres", table: "edge", ...EDGE_COLUMNS, timeZone }));
      const ingested = await ingestedEdgeCounts(timeZone);
      expect(await canonical(counts)).toBe(ingested.counts);
      expect(ingested.rowsRead).toBe(EDGE_ROW_COUNT);
    });
  }
  for (const [sourceTimeZone, timeZone] of EDGE_SOURCE_ZONES) {
    it(`with times without an offset in ${sourceTimeZone}, days in ${timeZone}`, async () => {
      const counts = await countsCsv(buildCountsQuery({ dialect: "postgres", table: "edge", ...EDGE_COLUMNS, timeZone, sourceTimeZone }));
      expect(await canonical(counts)).toBe((await ingestedEdgeCounts(timeZone, sourceTimeZone)).counts);
    });
  }
});

describe("the PostgreSQL query with --date-format equals ingest on local dates", () => {
  for (const dateOrder of ["mdy", "dmy"] as const) {
    for (const timeZone of ["UTC", "America/New_York"]) {
      it(`${dateOrder}, in ${timeZone}`, async () => {
        const { idColumn, ...columns } = EDGE_COLUMNS;
        const counts = await countsCsv(buildCountsQuery({ dialect: "postgres", table: "local_dates", ...columns, timeZone, dateOrder }));
        expect(await canonical(counts), idColumn).toBe(await ingestedLocalDateCounts(timeZone, dateOrder));
      });
    }
  }
});
