import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Hash64, hashString } from "../../src/ingest/hash64.js";
import { RespondentTable } from "../../src/ingest/respondent-table.js";

/** The table against plain Maps: responses before each one (capped at 2), pairs, and cross-variant respondents. */
describe("the respondent table (property-based, oracle: Maps of strings)", () => {
  it("answers as counting in Maps would, for up to 20 variants (past the 15 kept in bits)", () => {
    const responses = fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 19 })), { maxLength: 300 });
    fc.assert(
      fc.property(responses, (pairs) => {
        const table = new RespondentTable(0);
        const counts = new Map<string, number>();
        const variantsOf = new Map<number, Set<number>>();
        const hash = new Hash64();
        for (const [respondent, variant] of pairs) {
          const key = `${variant}/${respondent}`;
          const before = counts.get(key) ?? 0;
          counts.set(key, before + 1);
          variantsOf.set(respondent, (variantsOf.get(respondent) ?? new Set()).add(variant));
          expect(table.note(hashString(`person${respondent}@example.com`, hash), variant)).toBe(Math.min(before, 2));
        }
        expect(table.pairs).toBe(counts.size);
        expect(table.crossVariant).toBe([...variantsOf.values()].filter((variants) => variants.size > 1).length);
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
