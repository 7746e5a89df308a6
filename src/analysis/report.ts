/**
 * The Report: everything an analysis concludes, in NPS points. Every output format renders this one object,
 * so they carry the same numbers. The JSON output is this object; its shape is versioned by
 * `schemaVersion` and never changes within a version (fields may be added).
 */
import type { Adjustment } from "../stats/multiplicity.js";
import type { StratumWeighting } from "../stats/stratified.js";
import type { CiMethod, DegenerateReason, Interval } from "../stats/types.js";
import type { DropReason } from "../tally/tally.js";
import type { SrmCheck } from "./checks.js";
import type { Decision } from "./decision.js";
import type { Gate, GateResult } from "./gate.js";
import type { Stratify } from "./options.js";
import type { Period } from "./periods.js";
import type { BaselineSummary, PhaseSummary } from "./phases.js";
import type { StratifiedSummary, TrendSummary } from "./season.js";
import type { SegmentSummary } from "./segments.js";
import type { TimelineEntry } from "./timeline.js";

export const SCHEMA_VERSION = 1;

export const VERDICTS = ["improved", "worsened", "equivalent", "inconclusive"] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface VariantSummary {
  readonly name: string;
  readonly n: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly nps: number;
  /** Interval of the NPS by `parameters.ciMethod`, at 1 - alpha. */
  readonly ci: Interval;
}

/** A statistic and p-value, or nulls with the reason they could not be computed. */
export interface TestSummary {
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly reason?: DegenerateReason;
}

export interface SourceAccounting {
  readonly file: string;
  readonly variant: string | null;
  readonly columns: {
    readonly score: string;
    readonly date: string | null;
    readonly variant: string | null;
    readonly segment: string | null;
    /** Per-response id (duplicates) and per-person id or email (repeat respondents), when found. */
    readonly responseId?: string | null;
    readonly respondent?: string | null;
  };
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsDropped: Partial<Record<DropReason, number>>;
  // What ingest found; absent when a library caller analyses a Tally it built itself.
  /** The export format: delighted, qualtrics, surveymonkey, typeform, google-forms or generic. */
  readonly platform?: string;
  readonly delimiter?: string;
  /** utf-8, utf-16le, utf-16be (or the one named by --encoding). */
  readonly encoding?: string;
  /** The file started with a byte-order mark. */
  readonly bom?: boolean;
  /** The file was gzip-compressed. */
  readonly compressed?: boolean;
  /** Header records before the data (Qualtrics 3, SurveyMonkey 2, else 1). */
  readonly headerRows?: number;
  /** Copies of a response ID already read (also counted in rowsDropped as duplicate-response). */
  readonly duplicateResponses?: number;
  /** Responses from a respondent who had already answered in this variant. */
  readonly repeatResponses?: number;
}

/** Respondents identified by email or person id, over all sources. */
export interface RespondentAccounting {
  /** --dedupe: none keeps every response; first / last keep one per respondent and variant. */
  readonly dedupe: string;
  readonly respondents: number;
  /** Respondents who answered more than once within a variant. */
  readonly repeatRespondents: number;
  readonly repeatResponses: number;
  /** Respondents whose responses were used in both variants (cross-variant contamination). */
  readonly crossVariant: number;
}

export interface Report {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  /** Which command produced this JSON: `analysis` (`nps-ab analyze`) or `power` (`nps-ab power`). */
  readonly kind: "analysis";
  readonly parameters: {
    readonly alpha: number;
    readonly margin: number;
    readonly ciMethod: CiMethod;
    readonly control: string;
    readonly treatment: string;
    readonly seed: number;
    readonly draws: number;
    readonly stratify: Stratify;
    readonly sequential: boolean;
    /** Tuning of the confidence sequence (only used with `sequential`). */
    readonly tuning: number;
    readonly gate: Gate | null;
    readonly period: Period;
    readonly weights: StratumWeighting;
    readonly adjust: Adjustment;
    readonly minSegmentN: number;
    /** Interval method of the timeline, phases and segments (`bayes` is shown as `adjusted-wald` there). */
    readonly breakdownCiMethod: CiMethod;
  };
  readonly data: {
    readonly rowsRead: number;
    readonly rowsUsed: number;
    readonly rowsDropped: Partial<Record<DropReason, number>>;
    readonly sources: readonly SourceAccounting[];
    /** Repeat respondents and cross-variant contamination, when ingest could identify respondents. */
    readonly respondents?: RespondentAccounting;
  };
  /** Control first, then treatment. */
  readonly variants: readonly [VariantSummary, VariantSummary];
  readonly comparison: {
    /** NPS of the treatment minus NPS of the control, in points. */
    readonly difference: number;
    /** Unpooled Wald standard error of the difference, in points. */
    readonly se: number;
    /** Interval of the difference by `parameters.ciMethod`, at 1 - alpha. */
    readonly ci: Interval;
    /** The Wald interval at 1 - alpha, on which the verdict rests whatever `ciMethod` shows. */
    readonly waldCi: Interval;
    readonly tests: {
      readonly z: TestSummary;
      readonly chiSquare: TestSummary & { readonly df: number | null };
      readonly mannWhitney: TestSummary;
    };
    readonly equivalence: {
      readonly margin: number;
      readonly pValue: number | null;
      /** The 1 - 2 alpha Wald interval (the TOST interval). */
      readonly ci: Interval | null;
      readonly equivalent: boolean;
      readonly reason?: DegenerateReason;
    };
    readonly bayes: {
      readonly probabilityTreatmentBetter: number;
      readonly ci: Interval;
    };
    /** The smallest true difference these sample sizes detect with the given power (two-sided, alpha). */
    readonly minimumDetectableDifference: { readonly power: number; readonly points: number | null; readonly reason?: string };
    /**
     * What the verdict and the gate rest on: the pooled or season-adjusted difference, with a fixed-sample
     * Wald interval or an always-valid confidence sequence.
     */
    readonly decision: Omit<Decision, "equivalent">;
  };
  readonly gate: GateResult | null;
  readonly timeline: readonly TimelineEntry[];
  readonly stratified: StratifiedSummary | null;
  readonly trend: TrendSummary | null;
  readonly phases: readonly PhaseSummary[];
  readonly baseline: BaselineSummary | null;
  readonly segments: readonly SegmentSummary[];
  readonly checks: { readonly srm: SrmCheck | null };
  readonly verdict: Verdict;
  /** The verdict in one plain sentence. */
  readonly summary: string;
  readonly warnings: readonly string[];
}
