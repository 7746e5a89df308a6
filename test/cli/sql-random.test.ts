/**
 * The DuckDB query against ingest on random tables (property-based): rows drawn from the forms every rule of
 * the query meets (scores, labels and padding; ISO, unix, local and broken dates; blank variants; response IDs
 * exported twice), counted under random options (time zone, --source-tz, --date-format, window). The fixed
 * edge rows of sql-edge-rows.ts check each rule; this checks them together, in combinations no one listed.
 */
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DateOrder } from "../../src/ingest/date-formats.js";
import { ingest } from "../../src/ingest/ingest.js";
import { csvField, writeCountsCsv } from "../../src/tally/counts-csv.js";
import { buildCountsQuery } from "../../src/tally/counts-sql.js";
import { canonical } from "./sql-edge-rows.js";

let dir: string;
let instance: DuckDBInstance;
let duckdb: DuckDBConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "nps-ab-sql-random-"));
  instance = await DuckDBInstance.create(":memory:");
  duckdb = await instance.connect();
});

afterAll(() => {
  duckdb.closeSync();
  instance.closeSync();
});

const SCORES = ["0", "7", "10", " 9 ", "07", "8.0", "7.5", "11", "N/A", "", "10 - Extremely likely", "0 \u2013 Not at all likely", "9 -", "\t6"];
const ISO_DATES = ["2018-01-01T23:30:00Z", "2018-01-02 00:30", "2018-01-01", "2018-06-30T23:59:59.9996-03:00", "2018-03-11 02:30", "2018-11-04 01:30", "2018-12-31t23:00:00z", "1514851200", "1514764799999", "2018-02-30", "soon", "", "2018-01-02T24:00:00Z"];
const LOCAL_DATES = ["06/01/2018 01:40:56 PM", "12/31/2018 11:30 PM", "1/2/2018, 7:00 p.m.", "14.03.2018 09:21", "31.12.2018 23:59", "2018/06/22 11:07:29 PM GMT+2", "2018-1-2", "13/13/2018", "03/04/2018 12:15 AM"];
const VARIANTS = ["a", "b", "b", " a", "", "a\u00a0"];
const SEGMENTS = ["Engaged", "", "VIP", " VIP "];

const row = (local: boolean) =>
  fc.record({
    variant: fc.constantFrom(...VARIANTS),
    score: fc.constantFrom(...SCORES),
    date: fc.constantFrom(...(local ? [...ISO_DATES, ...LOCAL_DATES] : ISO_DATES)),
    segment: fc.constantFrom(...SEGMENTS),
    // Few IDs, so that some rows are copies (and some copies differ: see the copy rule below).
    id: fc.constantFrom("", "r1", "r2", "r3", " r1"),
  });

const table = fc
  .record({
    dateOrder: fc.constantFrom<DateOrder | undefined>(undefined, "mdy", "dmy"),
    timeZone: fc.constantFrom("UTC", "America/New_York", "Asia/Kathmandu"),
    sourceTimeZone: fc.constantFrom<string | undefined>(undefined, "UTC", "America/Sao_Paulo"),
    window: fc.boolean(),
  })
  .chain((options) => fc.record({ options: fc.constant(options), rows: fc.array(row(options.dateOrder !== undefined), { minLength: 1, maxLength: 40 }) }));

describe("the DuckDB query on random tables equals ingest", () => {
  it("counts every row as ingest does, under random options", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(table, async ({ options, rows }) => {
        // Copies that differ are kept by file order in ingest and by their cells in SQL: give every copy of an
        // ID (within a variant, after trimming) the cells of its first, as the same response exported twice has.
        const firsts = new Map<string, (typeof rows)[number]>();
        const copies = rows.map((row) => {
          const key = `${row.variant.trim()}|${row.id.trim()}`;
          if (row.id.trim() === "" || row.variant.trim() === "") return row;
          const first = firsts.get(key);
          if (first === undefined) firsts.set(key, row);
          return first === undefined ? row : { ...first, id: row.id };
        });
        const csv = ["site,Score,Answered,Stage,Response ID", ...copies.map((row) => [row.variant, row.score, row.date, row.segment, row.id].map(csvField).join(","))].join("\n");
        const path = join(dir, `random-${run}.csv`);
        run += 1;
        writeFileSync(path, csv);
        const columns = { variantColumn: "site", scoreColumn: "Score", dateColumn: "Answered", segmentColumn: "Stage" };
        const window = options.window ? { from: "2018-01-02", to: "2018-12-30" } : {};
        const { tally } = await ingest([{ path: "-" }], { ...columns, ...window, timeZone: options.timeZone, sourceTimeZone: options.sourceTimeZone, dateFormat: options.dateOrder, strict: false }, Readable.from([csv]));
        await duckdb.run(`CREATE OR REPLACE VIEW random AS SELECT * FROM read_csv('${path}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`);
        const query = buildCountsQuery({ dialect: "duckdb", table: "random", ...columns, ...window, idColumn: "Response ID", timeZone: options.timeZone, sourceTimeZone: options.sourceTimeZone, dateOrder: options.dateOrder });
        const out = join(dir, "random.counts.csv");
        await duckdb.run(`COPY (${query.trimEnd().replace(/;$/, "")}) TO '${out}' (HEADER, DELIMITER ',')`);
        // Sorted lines: the query orders its rows by variant, ingest in the order the variants came.
        const lines = async (text: string): Promise<string[]> => (await canonical(text)).trimEnd().split("\n").sort();
        expect(await lines(readFileSync(out, "utf8")), csv).toEqual(await lines(writeCountsCsv(tally)));
      }),
      { seed: 23, numRuns: 150 },
    );
  }, 60_000);
});
