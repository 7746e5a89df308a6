/**
 * The numbers of an analysis report that must not depend on how the rows were counted (raw exports,
 * `aggregate` shards, or a warehouse query): everything but the per-file reading details and the respondent
 * counts, which only raw rows can give.
 */
import type { Report } from "../../src/analysis/report.js";

export const comparableNumbers = (report: Report): unknown => {
  const { data, ...rest } = report;
  return {
    ...rest,
    data: { rowsRead: data.rowsRead, rowsUsed: data.rowsUsed, rowsDropped: data.rowsDropped },
  };
};

/** Analysis options that exercise every breakdown computed from the tally's days and segments. */
export const BREAKDOWN_OPTIONS = [
  "--from", "2018-01-01", "--to", "2018-12-31",
  "--period", "week",
  "--phase", "2018-06-01=logo",
  "--baseline-until", "2018-02-28",
  "--stratify", "month",
  "--expected-split", "50:50",
  "--draws", "2000",
  "--format", "json",
] as const;
