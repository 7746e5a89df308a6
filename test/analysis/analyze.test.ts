/**
 * The whole analysis against the independently computed reference cases (../shared/reference, SciPy and R):
 * a tally built from each case's score counts must yield the reference numbers and verdict in the report.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analysis/analyze.js";
import { DEFAULT_ANALYSIS_OPTIONS } from "../../src/analysis/options.js";
import type { CiMethod } from "../../src/stats/types.js";
import { addResponses, emptyTally, type Tally } from "../../src/tally/tally.js";

interface ReferenceCase {
  name: string;
  margin: number;
  alpha: number;
  scoresA: number[];
  scoresB: number[];
  A: { n: number; promoters: number; passives: number; detractors: number; nps: number; wald: number[]; adjustedWald: number[]; tango: number[] };
  B: ReferenceCase["A"];
  difference: number;
  se: number;
  z: number;
  zPValue: number;
  waldDiffCI: number[];
  adjustedWaldDiffCI: number[];
  chiSquare: { statistic: number; df: number; pValue: number };
  mannWhitney: { pValue: number };
  tost: { pValue: number; ci90: number[] };
  bayes: { probabilityTreatmentBetter: number };
  verdict: string;
}

const cases = JSON.parse(readFileSync(new URL("../../../shared/reference/nps-cases.json", import.meta.url), "utf8")) as ReferenceCase[];

function tallyOf(reference: ReferenceCase): Tally {
  const tally = emptyTally();
  const fill = (variant: string, scores: number[]): void =>
    scores.forEach((count, score) => {
      tally.accounting.rowsRead += count;
      addResponses(tally, variant, null, null, score, count);
    });
  fill("A", reference.scoresA);
  fill("B", reference.scoresB);
  return tally;
}

/** Relative closeness with the reference tolerance (1e-6), printing expected, actual and difference. */
function expectClose(actual: number | null | undefined, expected: number, label: string, relative = 1e-6): void {
  expect(actual, `${label}: expected ${expected}, got ${actual}`).not.toBeNull();
  const difference = Math.abs((actual ?? Number.NaN) - expected);
  const tolerance = relative * Math.max(Math.abs(expected), 1e-12);
  expect(difference <= tolerance, `${label}: expected ${expected}, actual ${actual}, |diff| ${difference} > tolerance ${tolerance}`).toBe(true);
}

describe.each(cases)("analyze() on reference case $name", (reference) => {
  // 10^6 posterior draws where the Bayesian probability is checked (Monte Carlo SE <= 5e-4 against the 2e-3
  // tolerance); few where only the closed-form intervals are.
  const options = (ciMethod: CiMethod, draws = 2000) => ({ ...DEFAULT_ANALYSIS_OPTIONS, alpha: reference.alpha, marginPoints: reference.margin, ciMethod, draws });
  const report = analyze(tallyOf(reference), options("wald", 1_000_000));

  it("reports each variant's counts and NPS", () => {
    for (const [variant, expected] of [[report.variants[0], reference.A], [report.variants[1], reference.B]] as const) {
      expect([variant.n, variant.promoters, variant.passives, variant.detractors]).toEqual([expected.n, expected.promoters, expected.passives, expected.detractors]);
      expectClose(variant.nps, expected.nps, `${variant.name} nps`);
    }
  });

  it("reports the difference, SE, tests and equivalence", () => {
    const { comparison } = report;
    expectClose(comparison.difference, reference.difference, "difference");
    expectClose(comparison.se, reference.se, "se");
    expectClose(comparison.tests.z.statistic, reference.z, "z");
    expectClose(comparison.tests.z.pValue, reference.zPValue, "z p");
    expectClose(comparison.waldCi.low, reference.waldDiffCI[0] ?? Number.NaN, "Wald CI low");
    expectClose(comparison.waldCi.high, reference.waldDiffCI[1] ?? Number.NaN, "Wald CI high");
    expectClose(comparison.tests.chiSquare.statistic, reference.chiSquare.statistic, "chi-square");
    expect(comparison.tests.chiSquare.df).toBe(reference.chiSquare.df);
    expectClose(comparison.tests.chiSquare.pValue, reference.chiSquare.pValue, "chi-square p");
    expectClose(comparison.tests.mannWhitney.pValue, reference.mannWhitney.pValue, "Mann-Whitney p");
    expectClose(comparison.equivalence.pValue, reference.tost.pValue, "TOST p");
    expectClose(comparison.equivalence.ci?.low, reference.tost.ci90[0] ?? Number.NaN, "TOST CI low");
    expectClose(comparison.equivalence.ci?.high, reference.tost.ci90[1] ?? Number.NaN, "TOST CI high");
    // Monte Carlo: 2e-3 absolute (shared/reference/README.md).
    expect(Math.abs(comparison.bayes.probabilityTreatmentBetter - reference.bayes.probabilityTreatmentBetter)).toBeLessThan(2e-3);
  });

  it("gives the reference verdict", () => {
    expect(report.verdict).toBe(reference.verdict);
  });

  it("shows the chosen interval method's intervals, not changing the verdict", () => {
    const adjusted = analyze(tallyOf(reference), options("adjusted-wald"));
    expectClose(adjusted.variants[0].ci.low, reference.A.adjustedWald[0] ?? Number.NaN, "A adjusted low");
    expectClose(adjusted.variants[1].ci.high, reference.B.adjustedWald[1] ?? Number.NaN, "B adjusted high");
    expectClose(adjusted.comparison.ci.low, reference.adjustedWaldDiffCI[0] ?? Number.NaN, "adjusted diff low");
    expectClose(adjusted.comparison.ci.high, reference.adjustedWaldDiffCI[1] ?? Number.NaN, "adjusted diff high");
    const tango = analyze(tallyOf(reference), options("tango"));
    expectClose(tango.variants[0].ci.low, reference.A.tango[0] ?? Number.NaN, "A tango low");
    expectClose(tango.variants[1].ci.high, reference.B.tango[1] ?? Number.NaN, "B tango high");
    expect(new Set([report.verdict, adjusted.verdict, tango.verdict]).size).toBe(1);
  });

  it("keeps rows read = used + dropped", () => {
    expect(report.data.rowsRead).toBe(report.data.rowsUsed);
  });
});
