/**
 * src/ingest/respondent-kernel.wat (through respondent-kernel.ts) against the JavaScript respondent step it
 * stands in for with `--dedupe none` (ledger-resolve.ts' countPairs), and both against sums counted by hand:
 * the same counts from the same partitions of pair records, whatever their order and blocks.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Outcomes } from "../../src/ingest/ledger-outcomes.js";
import { PAIR_FILE, PAIR_PERSON_HIGH, PAIR_PERSON_LOW, PAIR_VARIANT, PAIR_WORDS } from "../../src/ingest/ledger-records.js";
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
const FILES = 3;

const record = fc.record({
  // Few respondents, so that pairs repeat, across variants too; [7, 9] is a variant's hash, so that with it the
  // pair key mixes to (0, 0), which the key then avoids (hash64.ts' combine).
  person: fc.constantFrom([1, 2], [1, 3], [-5, 8], [0x7fffffff, -1], [0, 1], [9, 9], [7, 9]),
  variant: fc.nat({ max: VARIANTS.length - 1 }),
  file: fc.nat({ max: FILES - 1 }),
});
type Row = typeof record extends fc.Arbitrary<infer T> ? T : never;

function recordsOf(rows: readonly Row[]): Int32Array {
  const words = new Int32Array(rows.length * PAIR_WORDS);
  rows.forEach((row, index) => {
    const at = index * PAIR_WORDS;
    words[at + PAIR_PERSON_HIGH] = row.person[0] as number;
    words[at + PAIR_PERSON_LOW] = row.person[1] as number;
    words[at + PAIR_VARIANT] = row.variant;
    words[at + PAIR_FILE] = row.file;
  });
  return words;
}

/** `words` in blocks of `size` records. */
const blocksOf = (words: Int32Array, size: number): Int32Array[] => {
  const blocks: Int32Array[] = [];
  for (let at = 0; at < words.length; at += size * PAIR_WORDS) blocks.push(words.subarray(at, at + size * PAIR_WORDS));
  return blocks;
};

/**
 * The sums counted by hand from the rows, by their respondents' and variants' names: a pair's first response
 * is in its smallest file (files are in run order), and every other response is a repeat in its own file.
 */
function byHand(partitions: readonly (readonly Row[])[]): Pick<Outcomes, "counts" | "fileRepeats"> {
  const counts = { respondents: 0, repeatRespondents: 0, repeatResponses: 0, crossVariant: 0 };
  const fileRepeats = new Int32Array(FILES);
  for (const rows of partitions) {
    const pairs = new Map<string, number[]>();
    for (const row of rows) {
      const key = `${row.person.join(",")}/${row.variant}`;
      pairs.set(key, [...(pairs.get(key) ?? []), row.file]);
    }
    const variantsOf = new Map<string, number>();
    for (const [key, files] of pairs) {
      const person = key.split("/")[0] as string;
      variantsOf.set(person, (variantsOf.get(person) ?? 0) + 1);
      counts.respondents += 1;
      if (files.length > 1) counts.repeatRespondents += 1;
      counts.repeatResponses += files.length - 1;
      const first = Math.min(...files);
      files.forEach((file) => (fileRepeats[file] += 1));
      fileRepeats[first] -= 1;
    }
    counts.crossVariant += [...variantsOf.values()].filter((variants) => variants > 1).length;
  }
  return { counts, fileRepeats };
}

const sums = (outcomes: Pick<Outcomes, "counts" | "fileRepeats">): unknown => ({ counts: outcomes.counts, fileRepeats: [...outcomes.fileRepeats] });

describe("the respondent kernel (--dedupe none)", () => {
  it("sums partitions of pair records as counted by hand, and as the JavaScript respondent step does", () => {
    fc.assert(
      fc.property(fc.array(fc.array(record, { maxLength: 120 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 50 }), (partitions, blockSize) => {
        const places = Array.from({ length: FILES }, () => 1);
        const expected = new Outcomes(places);
        useRespondentKernel(null);
        for (const rows of partitions) {
          const words = recordsOf(rows);
          resolveRespondents({ dedupe: "none", variants: VARIANTS, outcomes: expected }, () => blocksOf(words, blockSize), rows.length, rows.length);
        }
        expect(sums(expected)).toEqual(sums(byHand(partitions)));
        useRespondentKernel(binary);
        const actual = new Outcomes(places);
        const kernel = respondentKernel("none", VARIANTS, FILES, 120);
        expect(kernel).not.toBeNull();
        for (const rows of partitions) {
          const words = recordsOf(rows);
          resolveRespondents({ dedupe: "none", variants: VARIANTS, outcomes: actual, kernel }, () => blocksOf(words, blockSize), rows.length, rows.length);
        }
        kernel?.addInto(actual);
        expect(sums(actual)).toEqual(sums(expected));
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it("is made for --dedupe none only, and leaves a partition larger than its tables to the JavaScript", () => {
    useRespondentKernel(binary);
    expect(respondentKernel("first", VARIANTS, FILES, 10)).toBeNull();
    expect(respondentKernel("none", VARIANTS, FILES, 10)?.fits(11)).toBe(false);
    useRespondentKernel(null);
    expect(respondentKernel("none", VARIANTS, FILES, 10)).toBeNull();
  });
});
