import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ADJUSTMENTS, adjustPValues, benjaminiHochbergAdjust, holmAdjust } from "../../src/stats/multiplicity.js";

/** Written by test/reference/issue4-generate.py from R's p.adjust (values carried as hex floats, so exact). */
interface MultiplicityCase {
  name: string;
  p: number[];
  holm: number[];
  bh: number[];
}
const reference = JSON.parse(readFileSync(new URL("../reference/issue4-cases.json", import.meta.url), "utf8")) as {
  multiplicity: MultiplicityCase[];
};

/**
 * Exact agreement: the adjustments repeat R's operations in R's order ((m - i + 1) * p; (m / i) * p; running
 * max/min; min with 1), so every bit matches. Tolerance 0, printed anyway for a readable failure.
 */
function expectSameVector(actual: number[], expected: number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  expected.forEach((value, index) => {
    const difference = Math.abs(actual[index]! - value);
    if (difference !== 0) expect.fail(`${what}[${index}]: expected ${value} (R p.adjust), got ${actual[index]}, |difference| ${difference} > tolerance 0`);
  });
}

describe("holmAdjust and benjaminiHochbergAdjust against R p.adjust", () => {
  it.each(reference.multiplicity.map((c) => [c.name, c] as const))("%s", (_, c) => {
    expectSameVector(holmAdjust(c.p), c.holm, `holm ${c.name}`);
    expectSameVector(benjaminiHochbergAdjust(c.p), c.bh, `BH ${c.name}`);
    expectSameVector(adjustPValues(c.p, "holm"), c.holm, `adjustPValues holm ${c.name}`);
    expectSameVector(adjustPValues(c.p, "bh"), c.bh, `adjustPValues bh ${c.name}`);
  });
  it("covers ties, p-values of 1, unsorted input and the empty list", () => {
    const names = reference.multiplicity.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["ties", "with-ones", "unsorted-ten", "empty", "single"]));
  });
});

describe("doc-comment examples", () => {
  it("holmAdjust, benjaminiHochbergAdjust, adjustPValues", () => {
    expect(holmAdjust([0.01, 0.04, 0.03])).toStrictEqual([0.03, 0.06, 0.06]);
    expect(benjaminiHochbergAdjust([0.01, 0.04, 0.03])).toStrictEqual([0.03, 0.04, 0.04]);
    expect(adjustPValues([0.01, 0.04, 0.03], "none")).toStrictEqual([0.01, 0.04, 0.03]);
  });
});

describe("invariants", () => {
  const pValueLists = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.05, 0.5)), { maxLength: 30 });

  it("holm >= BH >= raw elementwise, all <= 1", () => {
    fc.assert(
      fc.property(pValueLists, (raw) => {
        const holm = holmAdjust(raw);
        const bh = benjaminiHochbergAdjust(raw);
        raw.forEach((p, index) => {
          expect(holm[index]!, `holm >= BH at ${index}`).toBeGreaterThanOrEqual(bh[index]!);
          expect(bh[index]!, `BH >= raw at ${index}`).toBeGreaterThanOrEqual(p);
          expect(holm[index]!, `holm <= 1 at ${index}`).toBeLessThanOrEqual(1);
        });
      }),
    );
  });

  it("adjusted p-values are monotone in the sorted raw p-values, and ties stay tied", () => {
    fc.assert(
      fc.property(pValueLists, (raw) => {
        for (const adjusted of [holmAdjust(raw), benjaminiHochbergAdjust(raw)]) {
          const byRaw = raw.map((p, index) => [p, adjusted[index]!] as const).sort((left, right) => left[0] - right[0]);
          for (let i = 1; i < byRaw.length; i++) {
            expect(byRaw[i]![1], `adjusted p at sorted position ${i}`).toBeGreaterThanOrEqual(byRaw[i - 1]![1]);
            if (byRaw[i]![0] === byRaw[i - 1]![0]) expect(byRaw[i]![1]).toBe(byRaw[i - 1]![1]);
          }
        }
      }),
    );
  });

  it("keeps input order: permuting the input permutes the output", () => {
    const raw = [0.3, 0.001, 0.04, 0.04, 1];
    const reversed = [...raw].reverse();
    for (const method of ADJUSTMENTS) {
      expect(adjustPValues(reversed, method)).toStrictEqual(adjustPValues(raw, method).reverse());
    }
  });

  it("'none' returns a copy", () => {
    const raw = [0.2, 0.01];
    const adjusted = adjustPValues(raw, "none");
    expect(adjusted).toStrictEqual(raw);
    expect(adjusted).not.toBe(raw);
  });
});

describe("programmer errors throw", () => {
  it.each([[[Number.NaN]], [[-0.1]], [[1.5]], [[Infinity]]])("%j", (raw) => {
    expect(() => holmAdjust(raw)).toThrow(RangeError);
    expect(() => benjaminiHochbergAdjust(raw)).toThrow(RangeError);
    expect(() => adjustPValues(raw, "none")).toThrow(RangeError);
  });
});
