/**
 * Whole-number response IDs decided as the rows come (respondents.ts' IdSet) against the same IDs hashed and
 * decided by the ID pass after reading (`numericIds: "hash"`, the way every ID went before): on random
 * exports with copies of responses within and across files and variants, IDs that are whole numbers and IDs
 * that only look like them (`007`, ` 12 `, `"12"`, `12.0`, 16 digits), respondents, unusable rows, in every
 * `--dedupe` mode, read by the general reader, the byte-level reader and in parallel chunks, with an IdSet
 * budget small enough to be outgrown at any row (its IDs then go to the ID pass), the Tally, its order, the
 * accounting and the respondent counts are the same.
 */
import fc from "fast-check";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { csvFileWriter } from "./csv-files.js";
import { outcome } from "./ingest-outcome.js";
import { ingest as ingestBuilt } from "../../dist/ingest/ingest.js";
import { wholeNumberId, wholeNumberIdOf } from "../../src/ingest/id-set.js";
import { ingest, type IngestOptions } from "../../src/ingest/ingest.js";

const write = csvFileWriter("numeric-ids");
const noStdin = (): Readable => Readable.from([]);

describe("wholeNumberId", () => {
  it("reads plain digits without a leading zero, up to 15 of them, from text and from bytes alike", () => {
    const cases: Array<[string, number]> = [
      ["0", 0],
      ["7", 7],
      ["41000000", 41_000_000],
      ["999999999999999", 999_999_999_999_999],
      ["1000000000000000", -1],
      ["007", -1],
      ["00", -1],
      ["", -1],
      ["-1", -1],
      ["+1", -1],
      ["1.0", -1],
      ["1e3", -1],
      [" 1", -1],
      ["١٢", -1],
      ["R_1abc", -1],
    ];
    for (const [text, value] of cases) {
      expect(wholeNumberId(text), text).toBe(value);
      expect(wholeNumberIdOf(Buffer.from(`x${text}y`), 1, 1 + Buffer.byteLength(text)), text).toBe(value);
    }
  });
});

/** IDs drawn from a few values so that copies are common; most whole numbers, some texts like them. */
const ID_TEXTS = ["41000001", "41000002", "41000003", "7", "0", "9007199254740", "007", " 12 ", '"12"', "12", "12.0", "1234567890123456", "R_abc", '"41000001"', "\u00a041000002\u00a0", "", "", ""];

const row = fc.record({
  id: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 41_000_000, max: 41_000_040 }).map(String) }, { weight: 2, arbitrary: fc.constantFrom(...ID_TEXTS) }),
  person: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 2 }),
  score: fc.constantFrom("9", "10", "0", "6", "", "N/A"),
  site: fc.constantFrom("old", "new", "new", " "),
  day: fc.integer({ min: 1, max: 28 }),
});
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

/**
 * Days move on every 24 rows, so that cells are first met all through a file (in the chunks too, not only in
 * the head): the order of the Tally's cells then shows which row made each.
 */
function exportOf(rows: readonly Row[]): string {
  const lines = ["Response ID,Score,Created At,Email,Site"];
  rows.forEach(({ id, person, score, site, day }, index) => {
    const date = `2023-0${1 + Math.floor(index / 24 / 28)}-${String(1 + ((Math.floor(index / 24) + (day % 2)) % 28)).padStart(2, "0")}`;
    lines.push(`${id},${score},${date}T10:00:00Z,${person === null ? "" : `p${person}@x.com`},${site}`);
  });
  return `${lines.join("\n")}\n`;
}

describe("whole-number response IDs decided while reading (property-based, oracle: the ID pass)", () => {
  it("gives what hashing them gives, every way a file is read, in every dedupe mode, with the IdSet outgrown anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Past the 503 head records in the first file, so that the byte-level and parallel paths read the rest.
        fc.array(row, { minLength: 505, maxLength: 700 }),
        fc.array(row, { minLength: 1, maxLength: 300 }),
        fc.constantFrom("none", "first", "last") as fc.Arbitrary<"none" | "first" | "last">,
        // Bytes the IdSet may hold: outgrown at once, after a few blocks, or never.
        fc.constantFrom(0, 300, 2000, 8 << 20),
        fc.constantFrom(100, 1 << 17),
        async (first, second, dedupe, idSetBytes, budgetRecords) => {
          const inputs = [{ path: write(exportOf(first)) }, { path: write(exportOf(second)) }];
          const options: IngestOptions = { timeZone: "UTC", strict: false, variantColumn: "Site", dedupe };
          const expected = await outcome(() => ingest(inputs, { ...options, ledger: { numericIds: "hash", budgetRecords } }, noStdin()));
          const decided = { numericIds: "decide" as const, idSetBytes, budgetRecords };
          expect(await outcome(() => ingest(inputs, { ...options, fastReader: false, ledger: decided }, noStdin()))).toEqual(expected);
          expect(await outcome(() => ingest(inputs, { ...options, parallel: false, ledger: decided }, noStdin()))).toEqual(expected);
          const parallel = { workers: 2, mainReads: false, chunkBytes: 400, minBytes: 0 };
          expect(await outcome(() => ingestBuilt(inputs, { ...options, parallel, ledger: { ...decided, resolveThreads: 2 } }, noStdin()))).toEqual(expected);
        },
      ),
      { seed: 11, numRuns: 30 },
    );
  });

  it("keeps the birth of a cell first met in a chunk by a row counted at once, when a numeric ID settled at the merge fills it too", async () => {
    // Each day: a row without keys makes (old, day), one makes (new, day), then a numeric ID without a
    // respondent, settled as the chunk is merged, goes into (old, day). The Tally's cells must stay in the
    // order of their first rows: old, new, old, new, ... (merging the chunk's cells after settling put each
    // (old, day) after its (new, day)).
    const lines = ["Response ID,Score,Created At,Email,Site"];
    for (let index = 0; index < 600; index += 1) lines.push(`,${index % 11},2023-01-01T10:00:00Z,,old`);
    for (let day = 0; day < 200; day += 1) {
      const date = `2023-${String(2 + Math.floor(day / 28)).padStart(2, "0")}-${String(1 + (day % 28)).padStart(2, "0")}T10:00:00Z`;
      lines.push(`,5,${date},,old`, `,6,${date},,new`, `${50_000 + day},7,${date},,old`);
    }
    const inputs = [{ path: write(`${lines.join("\n")}\n`) }];
    const options: IngestOptions = { timeZone: "UTC", strict: false, variantColumn: "Site" };
    const expected = await ingest(inputs, { ...options, ledger: { numericIds: "hash" } }, noStdin());
    const parallel = await ingestBuilt(inputs, { ...options, parallel: { workers: 2, mainReads: false, chunkBytes: 400, minBytes: 0 } }, noStdin());
    expect([...parallel.tally.cells.keys()]).toEqual([...expected.tally.cells.keys()]);
    expect([...expected.tally.cells.values()].slice(1, 5).map(({ variant, day }) => `${variant} ${day}`)).toEqual(["old 2023-02-01", "new 2023-02-01", "old 2023-02-02", "new 2023-02-02"]);
  });
});
