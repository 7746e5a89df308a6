import { describe, expect, it } from "vitest";
import { DEFAULT_ANALYSIS_OPTIONS } from "../../src/analysis/options.js";
import { normaliseAnalyzeOptions, type RawOptions } from "../../src/cli/options.js";
import { UsageError } from "../../src/errors.js";

describe("normaliseAnalyzeOptions: argv values -> typed options", () => {
  it("gives the documented defaults", () => {
    const options = normaliseAnalyzeOptions({});
    expect(options.analysis).toEqual({
      ...DEFAULT_ANALYSIS_OPTIONS,
      controlName: undefined,
      baselineUntil: undefined,
      expectedSplit: undefined,
      gate: undefined,
      window: { from: undefined, to: undefined },
    });
    expect(options.ingest).toMatchObject({ timeZone: "UTC", sourceTimeZone: undefined, strict: false, from: undefined, to: undefined });
    expect(options.format).toBe("table");
  });

  it.each<[RawOptions, object]>([
    [{ alpha: "0.1" }, { analysis: { alpha: 0.1 } }],
    [{ margin: "3" }, { analysis: { marginPoints: 3 } }],
    [{ ciMethod: "tango" }, { analysis: { ciMethod: "tango" } }],
    [{ control: "ebates" }, { analysis: { controlName: "ebates" } }],
    [{ seed: "7", draws: "2000" }, { analysis: { seed: 7, draws: 2000 } }],
    [{ from: "2018-01-01", to: "2018-12-31" }, { ingest: { from: "2018-01-01", to: "2018-12-31" } }],
    [{ tz: "Europe/Berlin", strict: true }, { ingest: { timeZone: "Europe/Berlin", strict: true } }],
    [{ tz: "America/Los_Angeles", sourceTz: "UTC" }, { ingest: { timeZone: "America/Los_Angeles", sourceTimeZone: "UTC" } }],
    [{ scoreColumn: "NPS", dateColumn: "When", variantColumn: "site" }, { ingest: { scoreColumn: "NPS", dateColumn: "When", variantColumn: "site" } }],
    [{ format: "json", output: "r.json" }, { format: "json", output: "r.json" }],
    [{ period: "quarter", stratify: "month", weights: "inverse-variance" }, { analysis: { period: "quarter", stratify: "month", weights: "inverse-variance" } }],
    [{ phase: ["2018-06-01=logo", "2018-04-01=colours"] }, { analysis: { phases: [{ from: "2018-06-01", name: "logo" }, { from: "2018-04-01", name: "colours" }] } }],
    [{ baselineUntil: "2018-02-28", adjust: "bh", minSegmentN: "100" }, { analysis: { baselineUntil: "2018-02-28", adjust: "bh", minSegmentN: 100 } }],
    [{ segmentColumn: "Lifecycle Stage" }, { ingest: { segmentColumn: "Lifecycle Stage" } }],
    [{ expectedSplit: "60:40" }, { analysis: { expectedSplit: [60, 40] } }],
    [{ gate: "noninferiority", sequential: true, tuning: "20000", power: "0.9" }, { analysis: { gate: "noninferiority", sequential: true, tuning: 20000, power: 0.9 } }],
    [{ from: "2018-01-01" }, { analysis: { window: { from: "2018-01-01" } } }],
  ])("maps %j", (raw, expected) => {
    expect(normaliseAnalyzeOptions(raw)).toMatchObject(expected);
  });

  it.each<[RawOptions, RegExp]>([
    [{ alpha: "0.5" }, /--alpha "0.5" is not a number between 0 and 0.5/],
    [{ alpha: "abc" }, /--alpha "abc"/],
    [{ margin: "0" }, /--margin "0"/],
    [{ margin: "" }, /--margin ""/],
    [{ ciMethod: "exact" }, /--ci-method "exact" is not one of adjusted-wald, wald, tango, bayes/],
    [{ format: "html" }, /--format "html" is not one of table, json, markdown/],
    [{ seed: "1.5" }, /--seed "1.5"/],
    [{ draws: "10" }, /--draws "10"/],
    [{ from: "2018-02-30" }, /--from "2018-02-30" is not a date/],
    [{ from: "2018-12-01", to: "2018-01-01" }, /--from 2018-12-01 is after --to 2018-01-01/],
    [{ tz: "Mars/Olympus" }, /--tz "Mars\/Olympus" is not an IANA time zone/],
    [{ sourceTz: "Mars/Base" }, /--source-tz "Mars\/Base" is not an IANA time zone/],
    [{ period: "day" }, /--period "day" is not one of week, month, quarter/],
    [{ phase: ["logo"] }, /--phase "logo" is not DATE=NAME/],
    [{ phase: ["2018-06-31=logo"] }, /--phase "2018-06-31" is not a date/],
    [{ phase: ["2018-06-01=a", "2018-06-01=b"] }, /two --phase options start on the same day/],
    [{ expectedSplit: "50" }, /--expected-split "50" is not two positive numbers/],
    [{ expectedSplit: "0:100" }, /--expected-split "0:100"/],
    [{ gate: "nonsense" }, /--gate "nonsense" is not one of noninferiority, equivalence, superiority/],
    [{ power: "1" }, /--power "1" is not a number between 0 and 1/],
    [{ minSegmentN: "0" }, /--min-segment-n "0"/],
    [{ adjust: "bonferroni" }, /--adjust "bonferroni" is not one of holm, bh, none/],
  ])("rejects %j", (raw, message) => {
    expect(() => normaliseAnalyzeOptions(raw)).toThrowError(UsageError);
    expect(() => normaliseAnalyzeOptions(raw)).toThrowError(message);
  });
});

describe("normaliseAnalyzeOptions: how to read the exports", () => {
  it("defaults to detecting everything and keeping every response", () => {
    expect(normaliseAnalyzeOptions({}).ingest).toMatchObject({ source: undefined, dedupe: "none", relax: false, dateFormat: undefined, delimiter: undefined, encoding: undefined });
    expect(normaliseAnalyzeOptions({ source: "auto", encoding: "auto", dedupe: "none" }).ingest).toMatchObject({ source: undefined, encoding: undefined, dedupe: "none" });
  });

  it.each<[RawOptions, object]>([
    [{ source: "qualtrics" }, { source: "qualtrics" }],
    [{ source: "google-forms" }, { source: "google-forms" }],
    [{ dedupe: "first" }, { dedupe: "first" }],
    [{ dedupe: "last" }, { dedupe: "last" }],
    [{ relax: true }, { relax: true }],
    [{ dateFormat: "dd/mm/yyyy" }, { dateFormat: "dmy" }],
    [{ dateFormat: "MM/DD/YYYY" }, { dateFormat: "mdy" }],
    [{ dateFormat: "dd.mm.yyyy" }, { dateFormat: "dmy" }],
    [{ dateFormat: "yyyy-mm-dd" }, { dateFormat: "ymd" }],
    [{ delimiter: ";" }, { delimiter: ";" }],
    [{ delimiter: "tab" }, { delimiter: "\t" }],
    [{ delimiter: "\\t" }, { delimiter: "\t" }],
    [{ encoding: "windows-1252" }, { encoding: "windows-1252" }],
    [{ encoding: "utf-16le" }, { encoding: "utf-16le" }],
  ])("maps %j", (raw, expected) => {
    expect(normaliseAnalyzeOptions(raw).ingest).toMatchObject(expected);
  });

  it.each<[RawOptions, RegExp]>([
    [{ source: "excel" }, /--source "excel" is not one of auto, delighted, qualtrics, surveymonkey, typeform, google-forms, generic/],
    [{ dedupe: "all" }, /--dedupe "all" is not one of none, first, last/],
    [{ dateFormat: "dd/mm/yy" }, /--date-format "dd\/mm\/yy" is not one of/],
    [{ delimiter: ";;" }, /--delimiter ";;" is not a single character/],
    [{ delimiter: '"' }, /--delimiter/],
    [{ encoding: "ebcdic" }, /--encoding "ebcdic" is not one of auto, utf-8/],
  ])("rejects %j", (raw, message) => {
    expect(() => normaliseAnalyzeOptions(raw)).toThrowError(UsageError);
    expect(() => normaliseAnalyzeOptions(raw)).toThrowError(message);
  });
});
