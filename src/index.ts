/**
 * The nps-ab library API. Importing it has no side effects.
 *
 * @example
 * import { analyze, ingest, DEFAULT_ANALYSIS_OPTIONS } from "nps-ab";
 * const { tally } = await ingest([{ path: "old.csv", variant: "old" }, { path: "new.csv", variant: "new" }], { timeZone: "UTC", strict: false }, process.stdin);
 * const report = analyze(tally, DEFAULT_ANALYSIS_OPTIONS);
 */
export { analyze, selectVariants } from "./analysis/analyze.js";
export { DEFAULT_ANALYSIS_OPTIONS, type AnalysisOptions } from "./analysis/options.js";
export { SCHEMA_VERSION, VERDICTS, type Report, type Verdict, type VariantSummary, type TestSummary } from "./analysis/report.js";
export { InputError, InternalError, UsageError, type InputLocation } from "./errors.js";
export { ingest, type IngestOptions, type IngestResult, type InputSpec, type SourceSummary } from "./ingest/ingest.js";
export { PLATFORM_NAMES, type PlatformName } from "./ingest/platforms/index.js";
export { DEDUPE_MODES, type DedupeMode, type RespondentSummary } from "./ingest/respondents.js";
export { FORMATS, render, renderJson, type Format } from "./report/index.js";
export { GATES, type Gate, type GateOutcome, type GateResult } from "./analysis/gate.js";
export {
  addResponses,
  declareVariant,
  dropRow,
  emptyTally,
  mergeInto,
  variantHistogram,
  DROP_REASONS,
  type DropReason,
  type RowAccounting,
  type Tally,
  type TallyCell,
} from "./tally/tally.js";
export { CI_METHODS, type CiMethod, type CategoryCounts, type Interval } from "./stats/types.js";
