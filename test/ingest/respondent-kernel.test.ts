/**
 * src/ingest/respondent-kernel.wat (through respondent-kernel.ts) against the JavaScript respondent step it
 * stands in for with `--dedupe none` (ledger-resolve.ts' RespondentPass): the same Outcomes from the same
 * partitions of records, whatever their order, blocks, sequence numbers (past 2^32 too) and outcomes.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DROP_REASONS } from "../../src/tally/tally.js";
import { Outcomes } from "../../src/ingest/ledger-outcomes.js";
import { FILE, OUTCOME, PERSON_HIGH, PERSON_LOW, setSeq, VARIANT, WORDS } from "../../src/ingest/ledger-records.js";
import { resolveRespondents } from "../../src/ingest/ledger-resolve.js";
import { respondentKernel, useRespondentKernel } from "../../src/ingest/respondent-kernel.js";
import { respondentKernelBinary } from "../wat-modules.js";

let binary: Uint8Array;
beforeAll(async () => {
  binary = await respondentKernelBinary();
});
afterAll(() => useRespondentKernel(null));

const VARIANTS = [
  { high: 0x12345678, low: -0x2345678 },
  { high: 7, low: 9 },
  { high: -1, low: 0x7fffffff },
];
const PLACES = [5, 3];

const record = fc.record({
  // Few respondents, so that pairs repeat, across variants too; [7, 9] is a variant's hash, so that with it the
  // pair key mixes to (0, 0), which the key then avoids (hash64.ts' combine).
  person: fc.constantFrom([1, 2], [1, 3], [-5, 8], [0x7fffffff, -1], [0, 1], [9, 9], [7, 9]),
  variant: fc.nat({ max: VARIANTS.length - 1 }),
  file: fc.nat({ max: PLACES.length - 1 }),
  // Mostly uses (place x 16 + score), sometimes a drop reason.
  use: fc.boolean(),
  place: fc.nat({ max: 2 }),
  score: fc.nat({ max: 10 }),
  reason: fc.nat({ max: DROP_REASONS.length - 1 }),
  seq: fc.oneof(fc.nat({ max: 5000 }), fc.integer({ min: 2 ** 32 - 50, max: 2 ** 32 + 50 }), fc.constant(2 ** 40 + 3)),
});
type Row = typeof record extends fc.Arbitrary<infer T> ? T : never;

function recordsOf(rows: readonly Row[]): Int32Array {
  const words = new Int32Array(rows.length * WORDS);
  rows.forEach((row, index) => {
    const at = index * WORDS;
    setSeq(words, at, row.seq);
    words[at + PERSON_HIGH] = row.person[0] as number;
    words[at + PERSON_LOW] = row.person[1] as number;
    words[at + VARIANT] = row.variant;
    words[at + FILE] = row.file;
    words[at + OUTCOME] = row.use ? Math.min(row.place, (PLACES[row.file] as number) - 1) * 16 + row.score : -1 - row.reason;
  });
  return words;
}

/** `words` in blocks of `size` records. */
const blocksOf = (words: Int32Array, size: number): Int32Array[] => {
  const blocks: Int32Array[] = [];
  for (let at = 0; at < words.length; at += size * WORDS) blocks.push(words.subarray(at, at + size * WORDS));
  return blocks;
};

const plain = (outcomes: Outcomes): unknown => ({ ...outcomes, used: outcomes.used.map((used) => [...used]), creators: outcomes.creators.map((creators) => [...creators]) });

describe("the respondent kernel (--dedupe none)", () => {
  it("sums partitions into the same Outcomes as the JavaScript respondent step", () => {
    fc.assert(
      fc.property(fc.array(fc.array(record, { maxLength: 120 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 50 }), (partitions, blockSize) => {
        const expected = new Outcomes(PLACES);
        useRespondentKernel(null);
        for (const rows of partitions) {
          const words = recordsOf(rows);
          resolveRespondents({ dedupe: "none", variants: VARIANTS, outcomes: expected }, () => blocksOf(words, blockSize), rows.length, rows.length);
        }
        useRespondentKernel(binary);
        const actual = new Outcomes(PLACES);
        const kernel = respondentKernel("none", VARIANTS, PLACES, 120);
        expect(kernel).not.toBeNull();
        for (const rows of partitions) {
          const words = recordsOf(rows);
          resolveRespondents({ dedupe: "none", variants: VARIANTS, outcomes: actual, kernel }, () => blocksOf(words, blockSize), rows.length, rows.length);
        }
        kernel?.addInto(actual);
        expect(plain(actual)).toEqual(plain(expected));
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it("is made for --dedupe none only, and leaves a partition larger than its tables to the JavaScript", () => {
    useRespondentKernel(binary);
    expect(respondentKernel("first", VARIANTS, PLACES, 10)).toBeNull();
    expect(respondentKernel("none", VARIANTS, PLACES, 10)?.fits(11)).toBe(false);
    useRespondentKernel(null);
    expect(respondentKernel("none", VARIANTS, PLACES, 10)).toBeNull();
  });
});
