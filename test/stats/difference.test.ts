import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { npsDifference } from "../../src/stats/difference.js";
import { categoryCounts } from "../../src/stats/nps.js";
import { expectNear } from "./close.js";
import { EXTRA, SHARED_CASES } from "./reference.js";

describe("npsDifference: treatment - control and the unpooled Wald SE", () => {
  const cases = [...SHARED_CASES, ...EXTRA.cases];
  it.each(cases.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const { difference, se } = npsDifference(categoryCounts(c.scoresA), categoryCounts(c.scoresB));
    expectNear(difference, c.difference, `${name} difference`);
    expectNear(se, c.se, `${name} se`);
  });
});

describe("invariants", () => {
  const counts = fc.record({ detractors: fc.nat(3000), passives: fc.nat(3000), promoters: fc.nat(3000) }).filter((c) => c.detractors + c.passives + c.promoters > 0);
  it("swapping the variants negates the difference and keeps the SE", () => {
    fc.assert(
      fc.property(counts, counts, (control, treatment) => {
        const forward = npsDifference(control, treatment);
        const backward = npsDifference(treatment, control);
        expect(backward.difference).toBe(-forward.difference);
        expect(backward.se).toBe(forward.se);
      }),
    );
  });
});
