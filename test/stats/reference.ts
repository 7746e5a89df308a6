/**
 * The reference data the statistics tests read: the shared two-variant cases (computed with SciPy, checked
 * with R) and this repository's extra cases (test/reference/generate.py: SciPy, R, quadrature, C).
 */
import { readFileSync } from "node:fs";
import type { CategoryCounts } from "../../src/stats/types.js";

type Pair = [number, number];

export interface SharedVariant extends CategoryCounts {
  readonly n: number;
  readonly nps: number;
  readonly wald: Pair;
  readonly adjustedWald: Pair;
  readonly tango: Pair;
}

export interface SharedCase {
  readonly name: string;
  readonly margin: number;
  readonly alpha: number;
  readonly scoresA: number[];
  readonly scoresB: number[];
  readonly A: SharedVariant;
  readonly B: SharedVariant;
  readonly difference: number;
  readonly se: number;
  readonly z: number;
  readonly zPValue: number;
  readonly waldDiffCI: Pair;
  readonly adjustedWaldDiffCI: Pair;
  readonly chiSquare: { statistic: number; df: number; pValue: number };
  readonly mannWhitney: { pValue: number };
  readonly tost: { pValue: number; ci90: Pair };
  readonly bayes: { probabilityTreatmentBetter: number; differenceCredibleInterval: Pair };
  readonly verdict: "equivalent" | "improved" | "worsened" | "inconclusive";
}

export interface ExtraVariant extends SharedVariant {
  readonly perRespondentVariance: number;
  readonly npsVariance: number;
  readonly adjustedNps: number;
  readonly bayesExact: Pair;
}

export interface ExtraCase {
  readonly name: string;
  readonly alpha: number;
  readonly margin: number;
  readonly scoresA: number[];
  readonly scoresB: number[];
  readonly A: ExtraVariant;
  readonly B: ExtraVariant;
  readonly difference: number;
  readonly se: number;
  readonly z: number | null;
  readonly zPValue: number | null;
  readonly waldDiffCI: Pair;
  readonly adjustedWaldDiffCI: Pair;
  readonly tangoDiffCI: Pair;
  readonly mannWhitney: { statistic: number | null; pValue: number | null };
  readonly chiSquare: { statistic: number | null; df: number | null; pValue: number | null };
  readonly tost: { pValue: number; ci: Pair; equivalent: boolean } | null;
  readonly bayes: { probabilityTreatmentBetter: number; differenceCredibleInterval: Pair; draws: number };
}

export interface ExtraReference {
  readonly cases: ExtraCase[];
  readonly distributions: {
    readonly normalCdf: Pair[];
    readonly normalQuantile: Pair[];
    readonly twoSidedNormalPValue: Pair[];
    readonly chiSquareSurvival: [number, number, number][];
  };
  readonly xoshiro128starstar: Record<string, number[]>;
}

function readJson<T>(url: URL): T {
  return JSON.parse(readFileSync(url, "utf8")) as T;
}

/** /work/shared/reference/nps-cases.json, beside the repository (/work/main). */
export const SHARED_CASES = readJson<SharedCase[]>(new URL("../../../shared/reference/nps-cases.json", import.meta.url));
export const EXTRA = readJson<ExtraReference>(new URL("../reference/extra-cases.json", import.meta.url));

/** Draws used by every Monte Carlo test (the CLI default). */
export const DRAWS = 1_000_000;
/** Draws behind the shared reference's `bayes` figures (reference/README.md). */
export const SHARED_REFERENCE_DRAWS = 2_000_000;
