import fc from "fast-check";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { csvFileWriter } from "./csv-files.js";
import { ingest, type IngestOptions } from "../../src/ingest/ingest.js";
import { totalDropped, type RowAccounting } from "../../src/tally/tally.js";

const write = csvFileWriter("ingest");
const options: IngestOptions = { timeZone: "UTC", strict: false, from: "2023-01-01", to: "2023-12-31" };
const noStdin = Readable.from([]);
const balanced = (accounting: RowAccounting): boolean => accounting.rowsRead === accounting.rowsUsed + totalDropped(accounting);

const KINDS = ["good", "missing-score", "invalid-score", "invalid-date", "missing-date", "outside-window", "blank-line"] as const;
type Kind = (typeof KINDS)[number];

interface Row {
  readonly kind: Kind;
  readonly email: number;
  /** Copies the response ID of an earlier row of the same file. */
  readonly duplicateOf: number | null;
}

function cells(kind: Kind, index: number): [string, string] {
  const date = `2023-0${1 + (index % 9)}-1${index % 10}T12:00:00Z`;
  switch (kind) {
    case "missing-score": return ["", date];
    case "invalid-score": return [["N/A", "7.5", "11", "ten"][index % 4] ?? "x", date];
    case "invalid-date": return [String(index % 11), "yesterday"];
    case "missing-date": return [String(index % 11), ""];
    case "outside-window": return [String(index % 11), "2024-02-01T12:00:00Z"];
    default: return [String(index % 11), date];
  }
}

/** A Delighted-shaped export; blank lines are not rows. */
function exportOf(rows: readonly Row[]): { text: string; duplicates: number; dataRows: number } {
  const lines = ["Response ID,Email,Score,Created At"];
  const ids: number[] = [];
  const seen = new Set<number>();
  let duplicates = 0;
  rows.forEach((row, index) => {
    // A duplicate takes the ID of an earlier data row (a blank line has none: that row is then new).
    const id = row.duplicateOf === null || index === 0 ? 1000 + index : (ids[Math.min(row.duplicateOf, index - 1)] ?? 1000 + index);
    ids.push(id);
    if (row.kind === "blank-line") return void lines.push("");
    if (seen.has(id)) duplicates += 1;
    seen.add(id);
    const [score, date] = cells(row.kind, index);
    lines.push(`${id},person${row.email}@example.com,${score},${date}`);
  });
  return { text: `${lines.join("\n")}\n`, duplicates, dataRows: rows.filter((row) => row.kind !== "blank-line").length };
}

const rowArbitrary = (duplicates: boolean) =>
  fc.record({
    kind: fc.constantFrom(...KINDS),
    email: fc.integer({ min: 0, max: 4 }),
    duplicateOf: duplicates ? fc.option(fc.nat({ max: 30 }), { freq: 4 }) : fc.constant(null),
  });

describe("ingest accounting (property-based): rows read = rows used + rows dropped", () => {
  it("drops each bad row with exactly its reason and uses the rest", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArbitrary(false), { minLength: 1, maxLength: 40 }), async (rows) => {
        const { text, dataRows } = exportOf(rows);
        fc.pre(dataRows > 0);
        const { tally } = await ingest([{ path: write(text), variant: "a" }], options, noStdin);
        const expected: Record<string, number> = {};
        for (const { kind } of rows) if (kind !== "good" && kind !== "blank-line") expected[kind] = (expected[kind] ?? 0) + 1;
        expect(tally.accounting.rowsRead).toBe(dataRows);
        expect(tally.accounting.rowsDropped).toEqual(expected);
        expect(tally.accounting.rowsUsed).toBe(rows.filter(({ kind }) => kind === "good").length);
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it("holds per file and in total with duplicate IDs, repeat respondents and every --dedupe mode", async () => {
    const file = fc.array(rowArbitrary(true), { minLength: 1, maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(file, file, async (first, second) => {
        const exports = [exportOf(first), exportOf(second)];
        fc.pre(exports.every(({ dataRows }) => dataRows > 0));
        const inputs = exports.map(({ text }, index) => ({ path: write(text), variant: index === 0 ? "a" : "b" }));
        const runs = await Promise.all((["none", "first", "last"] as const).map((dedupe) => ingest(inputs, { ...options, dedupe }, noStdin)));
        for (const { tally, sources } of runs) {
          expect(balanced(tally.accounting)).toBe(true);
          expect(sources.every(({ accounting }) => balanced(accounting))).toBe(true);
          expect(tally.accounting.rowsRead).toBe(exports[0]!.dataRows + exports[1]!.dataRows);
          expect(tally.accounting.rowsDropped["duplicate-response"] ?? 0).toBe(exports[0]!.duplicates + exports[1]!.duplicates);
        }
        const [none, keepFirst, keepLast] = runs.map(({ tally }) => tally.accounting) as [RowAccounting, RowAccounting, RowAccounting];
        const repeats = runs[0]!.respondents.repeatResponses;
        expect(none.rowsDropped["repeat-respondent"]).toBeUndefined();
        for (const deduped of [keepFirst, keepLast]) {
          expect(deduped.rowsDropped["repeat-respondent"] ?? 0).toBe(repeats);
          expect(deduped.rowsUsed).toBe(none.rowsUsed - repeats);
        }
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe("duplicates, repeat respondents and cross-variant contamination", () => {
  const a = write("Response ID,Email,Score,Created At\n1,ann@example.com,9,2023-01-05T00:00:00Z\n2,bo@example.com,3,2023-01-06T00:00:00Z\n1,ann@example.com,9,2023-01-05T00:00:00Z\n3,ANN@example.com,5,2023-02-01T00:00:00Z\n");
  const b = write("Response ID,Email,Score,Created At\n1,cy@example.com,10,2023-01-05T00:00:00Z\n2,ann@example.com,7,2023-01-07T00:00:00Z\n");
  const inputs = [{ path: a, variant: "old" }, { path: b, variant: "new" }];

  it("counts a response ID once, reports the repeat respondent and the respondent on both variants", async () => {
    const { tally, sources, respondents } = await ingest(inputs, options, noStdin);
    expect(sources[0]?.accounting).toEqual({ rowsRead: 4, rowsUsed: 3, rowsDropped: { "duplicate-response": 1 } });
    // Response IDs are per variant: "1" in the second file is another survey's response.
    expect(sources[1]?.accounting).toEqual({ rowsRead: 2, rowsUsed: 2, rowsDropped: {} });
    expect(sources[0]?.repeatResponses).toBe(1);
    expect(respondents).toEqual({ dedupe: "none", respondents: 4, repeatRespondents: 1, repeatResponses: 1, crossVariant: 1 });
    expect(tally.accounting.rowsUsed).toBe(5);
  });

  it("asked to resolve a spilled ledger on threads, does it on this one where there is no compiled thread to start", async () => {
    // From the TypeScript sources there is no ledger-worker.js: the same counts, not a failed thread.
    for (const dedupe of ["none", "first"] as const) {
      const expected = await ingest(inputs, { ...options, dedupe }, noStdin);
      expect(await ingest(inputs, { ...options, dedupe, ledger: { budgetRecords: 1, resolveThreads: 3 } }, noStdin)).toEqual(expected);
    }
  });

  it("--dedupe first keeps ann's 9, --dedupe last her 5", async () => {
    const scoresOf = async (dedupe: "first" | "last"): Promise<number[]> => {
      const { tally, sources } = await ingest(inputs, { ...options, dedupe }, noStdin);
      expect(sources[0]?.accounting.rowsDropped).toEqual({ "duplicate-response": 1, "repeat-respondent": 1 });
      return [...tally.cells.values()].filter((cell) => cell.variant === "old").flatMap((cell) => cell.counts.flatMap((n, score) => new Array<number>(n).fill(score)));
    };
    expect((await scoresOf("first")).sort()).toEqual([3, 9]);
    expect((await scoresOf("last")).sort()).toEqual([3, 5]);
  });
});

describe("the checks after the duplicate check, for a duplicate response (the ledger is deferred: respondents.ts)", () => {
  const file = write("Response ID,Email,Score,Created At\n1,ann@example.com,,2023-01-05T00:00:00Z\n1,ann@example.com,,2023-01-05T00:00:00Z\n2,bo@example.com,N/A,2023-01-06T00:00:00Z\n2,bo@example.com,N/A,2023-01-06T00:00:00Z\n3,cy@example.com,8,2023-01-07T00:00:00Z\n");

  it("a copy of a row with a blank or invalid score is a duplicate response, not a second unusable score", async () => {
    const { sources } = await ingest([{ path: file, variant: "old" }], options, noStdin);
    // The first of each pair keeps its own reason; its copy is only a copy.
    expect(sources[0]?.accounting).toEqual({ rowsRead: 5, rowsUsed: 1, rowsDropped: { "missing-score": 1, "duplicate-response": 2, "invalid-score": 1 } });
  });

  it("with --strict, the first unusable score is the error whether or not a copy of it follows", async () => {
    // Before the ledger was deferred only the first of a pair was an error: the same here, as it comes first.
    await expect(ingest([{ path: file, variant: "old" }], { ...options, strict: true }, noStdin)).rejects.toThrow(/blank score/);
    // A copy whose score is unusable while the original's was fine is an error now (it was dropped unread).
    const copy = write("Response ID,Email,Score,Created At\n1,ann@example.com,9,2023-01-05T00:00:00Z\n1,ann@example.com,N/A,2023-01-05T00:00:00Z\n");
    await expect(ingest([{ path: copy, variant: "old" }], { ...options, strict: true }, noStdin)).rejects.toMatchObject({ message: 'invalid score "N/A"', location: { line: 3 } });
  });
});
