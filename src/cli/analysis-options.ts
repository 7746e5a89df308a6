/**
 * The options of `analyze` that shape the analysis beyond the core comparison: time (timeline, season
 * adjustment, phases, baseline), segments, the sample ratio check and decisions for CI (gates, sequential
 * monitoring, power). Declared as data like the rest (see options.ts) and normalised into AnalysisOptions.
 */
import { DEFAULT_ANALYSIS_OPTIONS, STRATIFY, type AnalysisOptions, type Stratify } from "../analysis/options.js";
import { GATES, type Gate } from "../analysis/gate.js";
import { PERIODS, type Period } from "../analysis/periods.js";
import type { PhaseStart } from "../analysis/phases.js";
import { UsageError } from "../errors.js";
import { ADJUSTMENTS, type Adjustment } from "../stats/multiplicity.js";
import { STRATUM_WEIGHTINGS, type StratumWeighting } from "../stats/stratified.js";
import { day, isoDay, list, number, oneOf, text, type RawOptions } from "./option-values.js";
import type { OptionSpec } from "./options.js";

const defaults = DEFAULT_ANALYSIS_OPTIONS;

export const ANALYSIS_OPTIONS: readonly OptionSpec[] = [
  { name: "period", argument: "period", description: `timeline period: ${PERIODS.join(" | ")}`, defaultValue: defaults.period, example: "--period quarter" },
  { name: "stratify", argument: "by", description: `${STRATIFY.join(" | ")}: month bases the verdict and gate on the season-adjusted (stratified by month) difference`, defaultValue: defaults.stratify, example: "--stratify month" },
  { name: "weights", argument: "scheme", description: `weights of the season-adjusted difference: ${STRATUM_WEIGHTINGS.join(" | ")}`, defaultValue: defaults.weights, example: "--weights inverse-variance" },
  { name: "phase", argument: "date=name", description: "a rebrand phase starting on that day (repeatable); the difference is reported per phase", repeatable: true, example: "--phase 2018-04-01=colours --phase 2018-06-01=logo" },
  { name: "baseline-until", argument: "date", description: "last day of a pre-period when both sites carried the old brand; reports the difference-in-differences", example: "--baseline-until 2018-02-28" },
  { name: "segment-column", argument: "name", description: "column splitting responses into segments (default: a lifecycle/segment column when obvious; none: no segments)", example: '--segment-column "Lifecycle Stage"' },
  { name: "adjust", argument: "method", description: `multiplicity adjustment of segment p-values: ${ADJUSTMENTS.join(" | ")}`, defaultValue: defaults.adjust, example: "--adjust bh" },
  { name: "min-segment-n", argument: "integer", description: 'segments with fewer responses in either variant are pooled into "(other)"', defaultValue: String(defaults.minSegmentN), example: "--min-segment-n 100" },
  { name: "expected-split", argument: "a:b", description: "planned split of responses (control:treatment); tests for a sample ratio mismatch", example: "--expected-split 50:50" },
  { name: "gate", argument: "rule", description: `decision rule for CI: ${GATES.join(" | ")}; exit 0 pass, 1 fail, 3 inconclusive`, example: "--gate noninferiority" },
  { name: "sequential", description: "always-valid confidence sequence for the decision, safe to look at every day", example: "--sequential" },
  { name: "tuning", argument: "n", description: "responses at which the confidence sequence is tightest", defaultValue: String(defaults.tuning), example: "--tuning 20000" },
  { name: "power", argument: "number", description: "power for the minimum detectable difference", defaultValue: String(defaults.power), example: "--power 0.9" },
];

function phases(raw: RawOptions): PhaseStart[] {
  const starts = list(raw, "phase").map((value) => {
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (match === null) throw new UsageError(`--phase ${JSON.stringify(value)} is not DATE=NAME`, "e.g. --phase 2018-06-01=logo");
    return { from: isoDay(match[1] ?? "", "--phase"), name: (match[2] ?? "").trim() };
  });
  const days = new Set(starts.map((start) => start.from));
  if (days.size !== starts.length) throw new UsageError("two --phase options start on the same day");
  return starts;
}

function expectedSplit(raw: RawOptions): readonly [number, number] | undefined {
  const value = text(raw, "expectedSplit");
  if (value === undefined) return undefined;
  const parts = value.split(":").map((part) => Number(part));
  const [a, b] = parts;
  if (parts.length !== 2 || a === undefined || b === undefined || !(a > 0 && b > 0) || !Number.isFinite(a + b)) {
    throw new UsageError(`--expected-split ${JSON.stringify(value)} is not two positive numbers a:b`, "e.g. --expected-split 50:50");
  }
  return [a, b];
}

type Extras = Omit<AnalysisOptions, "alpha" | "marginPoints" | "ciMethod" | "controlName" | "seed" | "draws">;

export function normaliseAnalysisExtras(raw: RawOptions, window: { from?: string | undefined; to?: string | undefined }): Extras {
  const gate = text(raw, "gate");
  return {
    period: oneOf<Period>(raw, "period", "--period", PERIODS, defaults.period),
    stratify: oneOf<Stratify>(raw, "stratify", "--stratify", STRATIFY, defaults.stratify),
    weights: oneOf<StratumWeighting>(raw, "weights", "--weights", STRATUM_WEIGHTINGS, defaults.weights),
    phases: phases(raw),
    baselineUntil: day(raw, "baselineUntil", "--baseline-until"),
    adjust: oneOf<Adjustment>(raw, "adjust", "--adjust", ADJUSTMENTS, defaults.adjust),
    minSegmentN: number(raw, "minSegmentN", "--min-segment-n", defaults.minSegmentN, (value) => Number.isSafeInteger(value) && value >= 1, "a whole number >= 1"),
    expectedSplit: expectedSplit(raw),
    window,
    gate: gate === undefined ? undefined : oneOf<Gate>(raw, "gate", "--gate", GATES, "equivalence"),
    sequential: raw["sequential"] === true,
    tuning: number(raw, "tuning", "--tuning", defaults.tuning, (value) => value > 0, "a number of responses above 0"),
    power: number(raw, "power", "--power", defaults.power, (value) => value > 0 && value < 1, "a number between 0 and 1"),
  };
}
