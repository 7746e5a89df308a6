/**
 * The deferred ledger (respondents.ts, ledger-resolve.ts, ledger-records.ts, file-cells.ts) against a
 * reference: the sequential Map/Set ledger it replaces, which counts or drops each row as it is read and, with
 * `--dedupe last`, takes back the earlier response of a respondent from the tally it was counted in. Random
 * rows over several files and variants, in every dedupe mode, with budgets of a few records (so records spill
 * to disk and partitions split) or plenty (in memory), and files read whole or in chunks as worker threads
 * read them. The tallies must match exactly: cells in the same order, variants in the same order, the same
 * accounting with its drop reasons in the same order, the same respondent counts.
 */
import fc from "fast-check";
import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { addResponses, declareVariant, dropRow, emptyTally, totalDropped, type DropReason, type Tally } from "../../src/tally/tally.js";
import { Hash64, hashString } from "../../src/ingest/hash64.js";
import { RespondentLedger, type DedupeMode, type LedgerChunk, type RespondentSummary } from "../../src/ingest/respondents.js";

const REASONS = ["missing-score", "invalid-score", "invalid-date", "outside-window"] as const;

/** A row as the ledger sees it: after the checks that come before it, with the outcome of those after it. */
const rowArbitrary = fc.record({
  variant: fc.option(fc.constantFrom("A", "B", "C"), { freq: 12 }),
  id: fc.option(fc.integer({ min: 0, max: 12 }), { freq: 3 }),
  person: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 3 }),
  drop: fc.option(fc.constantFrom(...REASONS), { freq: 4 }),
  day: fc.constantFrom("2023-01-01", "2023-01-02", "2023-01-03"),
  segment: fc.constantFrom(null, "new", "old"),
  score: fc.integer({ min: 0, max: 10 }),
});
type Row = typeof rowArbitrary extends fc.Arbitrary<infer T> ? T : never;

interface Outcome {
  readonly tallies: unknown[];
  readonly summary: RespondentSummary;
  readonly fileRepeats: number[];
}

const shape = (tally: Tally): unknown => ({ cells: [...tally.cells.entries()], variants: [...tally.variantOrder], accounting: JSON.stringify(tally.accounting) });

/** The sequential ledger of before, as plainly as possible. */
function reference(files: readonly (readonly Row[])[], declared: readonly (string | undefined)[], dedupe: DedupeMode): Outcome {
  const ids = new Set<string>();
  const responses = new Map<string, number>();
  const variantsOf = new Map<number, Set<string>>();
  const kept = new Map<string, { tally: Tally; row: Row & { variant: string } }>();
  const summary = { dedupe, respondents: 0, repeatRespondents: 0, repeatResponses: 0, crossVariant: 0 };
  const fileRepeats = files.map(() => 0);
  const tallies = files.map((rows, file) => {
    const tally = emptyTally();
    const name = declared[file];
    if (name !== undefined) declareVariant(tally, name);
    for (const row of rows) {
      tally.accounting.rowsRead += 1;
      const { variant, id, person, drop } = row;
      if (variant === null) {
        dropRow(tally, "missing-variant");
        continue;
      }
      if (id !== null) {
        if (ids.has(`${variant}/${id}`)) {
          dropRow(tally, "duplicate-response");
          continue;
        }
        ids.add(`${variant}/${id}`);
      }
      if (drop !== null) {
        dropRow(tally, drop);
        continue;
      }
      if (person !== null) {
        const pair = `${variant}/${person}`;
        const before = responses.get(pair) ?? 0;
        responses.set(pair, before + 1);
        if (before === 0) {
          summary.respondents += 1;
          const variants = variantsOf.get(person) ?? new Set();
          variantsOf.set(person, variants.add(variant));
          if (variants.size === 2) summary.crossVariant += 1;
        }
        if (before === 1) summary.repeatRespondents += 1;
        if (before >= 1) {
          summary.repeatResponses += 1;
          fileRepeats[file] = (fileRepeats[file] ?? 0) + 1;
        }
        if (dedupe === "first" && before >= 1) {
          dropRow(tally, "repeat-respondent");
          continue;
        }
        const previous = kept.get(pair);
        if (dedupe === "last" && previous !== undefined) {
          addResponses(previous.tally, previous.row.variant, previous.row.day, previous.row.segment, previous.row.score, -1);
          dropRow(previous.tally, "repeat-respondent");
        }
        if (dedupe === "last") kept.set(pair, { tally, row: { ...row, variant } });
      }
      addResponses(tally, variant, row.day, row.segment, row.score);
    }
    return tally;
  });
  return { tallies: tallies.map(shape), summary, fileRepeats };
}

/** Feeds rows to a ledger as rows.ts' countRow does. */
function feed(ledger: RespondentLedger, tally: Tally, rows: readonly Row[]): void {
  const hash = new Hash64();
  for (const row of rows) {
    const seq = ledger.startRow();
    tally.accounting.rowsRead += 1;
    if (row.variant === null) {
      ledger.cells.drop("missing-variant", seq);
      continue;
    }
    const variant = ledger.variant(row.variant);
    // Even IDs are whole numbers, decided as the rows come (the IdSet); odd ones texts, hashed for the ID pass.
    if (row.id !== null) {
      if (row.id % 2 === 0) ledger.noteNumericId(variant, 41_000_000 + row.id);
      else ledger.noteId(variant, hashString(`id-${row.id}`, hash));
    }
    if (row.drop !== null) {
      ledger.drop(row.drop as DropReason);
      continue;
    }
    if (row.person !== null) ledger.noteRespondent(hashString(`person${row.person}@example.com`, hash));
    if (ledger.deferring) ledger.deferUse(variant, ledger.cells.id(row.variant, row.day, row.segment), row.score);
    else ledger.cells.countNow(ledger.cells.cell(row.variant, row.day, row.segment, seq), row.score);
  }
}

/** The deferred ledger; `chunk` > 0 reads each file in chunks of that many rows, each in its own ledger as a worker would. */
async function deferred(files: readonly (readonly Row[])[], declared: readonly (string | undefined)[], dedupe: DedupeMode, budgetRecords: number, chunk: number, idSetBytes?: number): Promise<Outcome> {
  const ledger = new RespondentLedger(dedupe, { budgetRecords, idSetBytes });
  try {
    const tallies = files.map((rows, file) => {
      const tally = emptyTally();
      const name = declared[file];
      if (name !== undefined) declareVariant(tally, name);
      ledger.beginFile(tally);
      if (chunk === 0) feed(ledger, tally, rows);
      for (let start = 0; chunk > 0 && start < rows.length; start += chunk) {
        // A worker leaves whole-number IDs to the main thread, which merges the chunks in order.
        const worker = new RespondentLedger("none", { chunk: true, budgetRecords: Number.POSITIVE_INFINITY, numericIds: "keep" });
        const chunkTally = emptyTally();
        worker.beginFile(chunkTally);
        feed(worker, chunkTally, rows.slice(start, start + chunk));
        // As it crosses to the main thread: cloned.
        const answer = structuredClone({ ledger: worker.exportChunk(), tally: chunkTally }) as { ledger: LedgerChunk; tally: Tally };
        ledger.mergeChunk(answer.ledger, answer.tally);
      }
      return tally;
    });
    const { summary, fileRepeats } = await (await ledger.resolve(declared)).counts;
    for (const tally of tallies) expect(tally.accounting.rowsRead).toBe(tally.accounting.rowsUsed + totalDropped(tally.accounting));
    return { tallies: tallies.map(shape), summary, fileRepeats: [...fileRepeats] };
  } finally {
    ledger.close();
  }
}

const spillDirectories = (): string[] => readdirSync(tmpdir()).filter((name) => name.startsWith("nps-ab-ledger-"));

describe("the deferred ledger (property-based, oracle: the sequential Map/Set ledger)", () => {
  it("gives every row the outcome the sequential ledger gives it, spilled or not, whole or in chunks", async () => {
    const before = spillDirectories().length;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(rowArbitrary, { maxLength: 60 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.option(fc.constantFrom("A", "C"), { freq: 2, nil: undefined }), { minLength: 3, maxLength: 3 }),
        fc.constantFrom<DedupeMode>("none", "first", "last"),
        fc.constantFrom(1, 2, 5, 1 << 19),
        fc.constantFrom(0, 0, 1, 7),
        // The IdSet's budget: outgrown at its first ID, after a few, or never (its IDs then go to the ID pass).
        fc.constantFrom(0, 200, undefined),
        async (files, declared, dedupe, budget, chunk, idSetBytes) => {
          expect(await deferred(files, declared, dedupe, budget, chunk, idSetBytes)).toEqual(reference(files, declared, dedupe));
        },
      ),
      { seed: 23, numRuns: 300 },
    );
    // Every spill directory was removed.
    expect(spillDirectories().length).toBe(before);
  });

  it("holds thousands of records: in memory, in growing arrays, in runs of a few hundred, in more runs than are kept open at once (400), and from chunks larger or smaller than a run", async () => {
    const rows = fc.sample(rowArbitrary, { numRuns: 5000, seed: 7 });
    const files = [rows.slice(0, 3000), rows.slice(3000)];
    // The run files read are kept open while a group of partitions is resolved, and closed after (Linux shows them).
    const openFiles = (): number => (existsSync("/proc/self/fd") ? readdirSync("/proc/self/fd").length : 0);
    const before = openFiles();
    for (const dedupe of ["none", "last"] as const) {
      const expected = reference(files, ["A", undefined], dedupe);
      for (const [budget, chunk] of [[1 << 19, 0], [300, 0], [1 << 19, 2500], [300, 2500], [300, 250], [12, 0]] as const) expect(await deferred(files, ["A", undefined], dedupe, budget, chunk)).toEqual(expected);
    }
    expect(openFiles()).toBe(before);
  });

  it("resolves a partition that cannot split (one key, many records) whatever the budget", async () => {
    const rows: Row[] = Array.from({ length: 40 }, (_, index) => ({ variant: "A", id: index % 2, person: 1, drop: null, day: "2023-01-01", segment: null, score: index % 11 }));
    for (const dedupe of ["none", "first", "last"] as const) expect(await deferred([rows], [undefined], dedupe, 1, 0)).toEqual(reference([rows], [undefined], dedupe));
  });
});
