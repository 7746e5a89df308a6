import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { ingest, type IngestOptions } from "../../src/ingest/ingest.js";
import { readCountsCsv, restrictToWindow, writeCountsCsv } from "../../src/tally/counts-csv.js";
import { addResponses, declareVariant, dropRow, emptyTally, mergeInto, type Tally } from "../../src/tally/tally.js";

const read = async (text: string, file = "counts.csv"): Promise<Tally> => (await readCountsCsv(Readable.from([text]), file)).tally;

/** A tally as plain data, cells sorted, for equality (Map order is insertion order). */
function contents(tally: Tally): unknown {
  const cells = [...tally.cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { cells, variantOrder: tally.variantOrder, accounting: tally.accounting };
}

function sampleTally(): Tally {
  const tally = emptyTally();
  declareVariant(tally, "old, brand");
  addResponses(tally, 'new "brand"', "2018-03-01", "Engaged", 9, 4);
  addResponses(tally, 'new "brand"', "2018-03-01", "(blank)", 0, 2);
  addResponses(tally, "old, brand", "2018-02-28", null, 10);
  addResponses(tally, "old, brand", null, "multi\nline", 7, 3);
  dropRow(tally, "invalid-score", 2);
  dropRow(tally, "outside-window");
  tally.accounting.rowsRead = tally.accounting.rowsUsed + 3;
  return tally;
}

describe("counts CSV: write then read", () => {
  it("gives back the same tally: cells, variant order and row accounting", async () => {
    const tally = sampleTally();
    expect(contents(await read(writeCountsCsv(tally)))).toEqual(contents(tally));
  });

  it("writes sorted rows with the dropped rows last, so equal tallies give equal bytes", () => {
    expect(writeCountsCsv(sampleTally())).toBe(
      [
        "variant,period,segment,score,count",
        '"old, brand",,"multi',
        'line",7,3',
        '"old, brand",2018-02-28,,10,1',
        '"new ""brand""",2018-03-01,(blank),0,2',
        '"new ""brand""",2018-03-01,Engaged,9,4',
        ",,,dropped:invalid-score,2",
        ",,,dropped:outside-window,1",
        "",
      ].join("\n"),
    );
  });

  it("keeps a declared variant without responses as a zero row", async () => {
    const tally = emptyTally();
    declareVariant(tally, "control");
    addResponses(tally, "treatment", null, null, 5);
    tally.accounting.rowsRead = 1;
    const text = writeCountsCsv(tally);
    expect(text).toContain("control,,,0,0\n");
    expect((await read(text)).variantOrder).toEqual(["control", "treatment"]);
  });

  it("reads headers in any case and order, without the optional columns, and sums repeated rows", async () => {
    const tally = await read("Score,COUNT,Variant\n9,2,a\n9,3,a\n0,1,b\ndropped:missing-score,4,\n");
    expect(variantCounts(tally)).toEqual({ a: 5, b: 1 });
    expect(tally.accounting).toEqual({ rowsRead: 10, rowsUsed: 6, rowsDropped: { "missing-score": 4 } });
  });
});

function variantCounts(tally: Tally): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const cell of tally.cells.values()) counts[cell.variant] = (counts[cell.variant] ?? 0) + cell.counts.reduce((sum, n) => sum + n, 0);
  return counts;
}

describe("counts CSV: merging partial tallies", () => {
  const options: IngestOptions = { timeZone: "UTC", strict: false, variantColumn: "site", from: "2018-01-01", to: "2018-12-31" };
  const tallyOf = async (rows: readonly string[]): Promise<Tally> => {
    const csv = ["site,Score,Created At,Segment", ...rows].join("\n");
    return (await ingest([{ path: "-" }], options, Readable.from([csv]))).tally;
  };
  const site = fc.constantFrom("ebates", "rakuten", "", " ebates ");
  const score = fc.constantFrom("0", "6", "7", "9", "10", "", "11", "7.5", "N/A", "07");
  const date = fc.constantFrom("2018-01-02T00:06:49Z", "2018-01-01T19:02:37-07:00", "2019-01-03T10:00:00Z", "2018-06-30 23:30", "", "soon", "2018-02-30");
  const segment = fc.constantFrom("Engaged", "", "At Risk", '"Win, back"');
  // Ingest skips records whose fields are all blank (they are not rows), so every generated row has a value.
  const row = fc
    .tuple(site, score, date, segment)
    .filter((fields) => fields.some((field) => field !== ""))
    .map((fields) => fields.join(","));

  it("equals tallying the union of the rows, accounting included, after a round trip through counts CSVs", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), fc.array(row, { minLength: 1, maxLength: 30 }), async (first, second) => {
        const merged = mergeInto(await read(writeCountsCsv(await tallyOf(first))), await read(writeCountsCsv(await tallyOf(second))));
        const union = await tallyOf([...first, ...second]);
        expect(writeCountsCsv(merged)).toBe(writeCountsCsv(union));
        expect(merged.accounting).toEqual(union.accounting);
        expect(merged.accounting.rowsRead).toBe(first.length + second.length);
      }),
      { numRuns: 60 },
    );
  });
});

describe("counts CSV: windows", () => {
  it("turns responses on days outside --from/--to into outside-window drops", async () => {
    const tally = await read("variant,period,score,count\na,2017-12-31,9,2\na,2018-01-01,9,3\nb,2018-01-02,0,1\n");
    const kept = restrictToWindow(tally, { from: "2018-01-01" }, "counts.csv");
    expect(kept.accounting).toEqual({ rowsRead: 6, rowsUsed: 4, rowsDropped: { "outside-window": 2 } });
    expect(() => restrictToWindow(tally, {}, "counts.csv")).not.toThrow();
  });

  it("cannot window counts without periods", async () => {
    const tally = await read("variant,score,count\na,9,2\n");
    expect(() => restrictToWindow(tally, { to: "2018-01-01" }, "counts.csv")).toThrow(/need periods/);
  });
});

describe("counts CSV: errors name the file, line and column", () => {
  const cases: Array<[string, string, RegExp, number | undefined, string | undefined]> = [
    ["negative count", "variant,score,count\na,9,2\na,9,-1\n", /negative count "-1"/, 3, "count"],
    ["fractional count", "variant,score,count\na,9,2.5\n", /count "2\.5" is not a whole number/, 2, "count"],
    ["score above 10", "variant,score,count\na,11,1\n", /score "11" is not a whole number 0-10/, 2, "score"],
    ["decimal score", "variant,score,count\na,7.5,1\n", /score "7\.5"/, 2, "score"],
    ["unknown drop reason", "variant,score,count\n,dropped:bored,1\n", /unknown drop reason "dropped:bored"/, 2, "score"],
    ["month as period", "variant,period,score,count\na,2018-03,9,1\n", /period "2018-03" is not a day YYYY-MM-DD/, 2, "period"],
    ["impossible day", "variant,Period,score,count\na,2018-02-30,9,1\n", /period "2018-02-30"/, 2, "Period"],
    ["blank variant", "variant,score,count\n,9,1\n", /blank variant/, 2, "variant"],
    ["missing column", "variant,score\na,9\n", /no count column/, 1, undefined],
    ["unknown column", "variant,score,count,week\na,9,1,3\n", /unknown column "week"/, 1, undefined],
    ["ragged row", "variant,score,count\na,9\n", /not a valid CSV/, 2, undefined],
    ["empty file", "", /file is empty/, undefined, undefined],
    ["header only", "variant,score,count\n", /header but no counts rows/, 2, undefined],
  ];
  for (const [name, text, message, line, column] of cases) {
    it(name, async () => {
      const error = await readCountsCsv(Readable.from([text]), "part.csv").then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(InputError);
      const inputError = error as InputError;
      expect(inputError.message).toMatch(message);
      expect(inputError.location).toMatchObject({ file: "part.csv", ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) });
    });
  }

  it("explains why periods must be days", async () => {
    const error = await readCountsCsv(Readable.from(["variant,period,score,count\na,2018-W10,9,1\n"]), "part.csv").catch((thrown: unknown) => thrown);
    expect((error as InputError).hint).toMatch(/months, weeks, phases and the baseline/);
  });
});
