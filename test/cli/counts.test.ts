/**
 * Partial tallies end to end: `aggregate` each fixture on its own (as two machines would), then
 * `analyze --counts` both parts, and the report's numbers are those of `analyze` on the raw files.
 * Runs bin/nps-ab.js: `npm run build` first.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/analysis/report.js";
import { BREAKDOWN_OPTIONS, comparableNumbers } from "./report-numbers.js";
import { fixture, root, runCli, type CliResult } from "./run-cli.js";

const ok = (result: CliResult): string => {
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
};
const reportOf = (result: CliResult): Report => JSON.parse(ok(result)) as Report;

let dir: string;
let parts: [string, string];
let raw: Report;
let counted: Report;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nps-ab-counts-"));
  parts = [join(dir, "ebates.counts.csv"), join(dir, "rakuten-rewards.counts.csv")];
  // Each shard is counted with the reading options only: the window, as the raw analysis uses it.
  ok(runCli(["aggregate", `ebates=${fixture("ebates.csv")}`, "--from", "2018-01-01", "--to", "2018-12-31", "-o", parts[0]]));
  writeFileSync(parts[1], ok(runCli(["aggregate", `rakuten-rewards=${fixture("rakuten-rewards.csv")}`, "--from", "2018-01-01", "--to", "2018-12-31"])));
  raw = reportOf(runCli(["analyze", fixture("ebates.csv"), fixture("rakuten-rewards.csv"), ...BREAKDOWN_OPTIONS]));
  counted = reportOf(runCli(["analyze", "--counts", ...parts, ...BREAKDOWN_OPTIONS]));
});

describe("aggregate, then analyze --counts", () => {
  it("writes counts by variant, day, segment and score, and the dropped rows", () => {
    const lines = readFileSync(parts[0], "utf8").split("\n");
    expect(lines[0]).toBe("variant,period,segment,score,count");
    expect(lines[1]).toMatch(/^ebates,2018-01-\d\d,[^,]+,\d+,\d+$/);
    expect(lines.slice(-4)).toEqual([",,,dropped:missing-score,3", ",,,dropped:invalid-score,4", ",,,dropped:outside-window,1", ""]);
  });

  it("gives the same variants, comparison, timeline, phases, baseline, segments, warnings and verdict as the raw files", () => {
    expect(counted.variants.map((variant) => [variant.name, variant.n])).toEqual([["ebates", 20_000], ["rakuten-rewards", 19_600]]);
    expect(counted.timeline.length).toBeGreaterThan(50);
    expect([counted.phases.length, counted.segments.length, counted.baseline === null, counted.stratified === null]).toEqual([2, 14, false, false]);
    expect(comparableNumbers(counted)).toEqual(comparableNumbers(raw));
  });

  it("keeps the row accounting, in total and per counts file", () => {
    expect(counted.data).toMatchObject({ rowsRead: 39_616, rowsUsed: 39_600, rowsDropped: { "missing-score": 6, "invalid-score": 8, "outside-window": 2 } });
    expect(counted.data.sources.map(({ rowsRead, rowsUsed, rowsDropped }) => ({ rowsRead, rowsUsed, rowsDropped }))).toEqual(
      raw.data.sources.map(({ rowsRead, rowsUsed, rowsDropped }) => ({ rowsRead, rowsUsed, rowsDropped })),
    );
    expect(counted.data.sources[0]).toMatchObject({ file: parts[0], variant: null, columns: { score: "score", date: "period", variant: "variant", segment: "segment" } });
  });

  it("prints a report that the published JSON Schema accepts", () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, "schema", "report.schema.json"), "utf8")) as object);
    expect(validate(counted), JSON.stringify(validate.errors)).toBe(true);
  });

  it("sums a shard given twice, like any two partial tallies", () => {
    const twice = reportOf(runCli(["analyze", "--counts", parts[0], parts[1], parts[0], "--format", "json", "--draws", "2000"]));
    expect(twice.data.rowsRead).toBe(2 * 20_008 + 19_608);
    expect(twice.variants[0].n).toBe(40_000);
  });

  it("reads counts from stdin with -", () => {
    const fromStdin = reportOf(runCli(["analyze", "--counts", "-", "--format", "json", "--draws", "2000"], { input: readFileSync(parts[0], "utf8") + readFileSync(parts[1], "utf8").split("\n").slice(1).join("\n") }));
    expect(fromStdin.variants.map((variant) => variant.n)).toEqual([20_000, 19_600]);
    expect(fromStdin.data.rowsRead).toBe(39_616);
  });
});

describe("counts errors exit 2 with one line naming the file, line and column", () => {
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cases: Array<[string, () => string[], RegExp]> = [
    ["a negative count", () => ["analyze", "--counts", write("negative.csv", "variant,score,count\na,9,3\nb,9,-2\n")], /negative\.csv:3: negative count "-2" in column "count" \(counts are whole numbers >= 0\)$/],
    ["a month as period", () => ["analyze", "--counts", write("monthly.csv", "variant,period,score,count\na,2018-03,9,3\n")], /monthly\.csv:2: period "2018-03" is not a day YYYY-MM-DD in column "period" \(count by day, so that months, weeks, phases and the baseline come out exactly as from the raw rows\)$/],
    ["an unknown drop reason", () => ["analyze", "--counts", write("reason.csv", "variant,score,count\na,9,3\n,dropped:bored,1\n")], /reason\.csv:3: unknown drop reason "dropped:bored" in column "score"/],
    ["a raw export given as counts", () => ["analyze", "--counts", fixture("ebates.csv")], /ebates\.csv:1: unknown column "Response ID" in a counts file/],
    ["a raw-reading option with --counts", () => ["analyze", "--counts", parts[0], parts[1], "--score-column", "Score"], /^nps-ab: --score-column applies to raw exports, not to --counts/],
    ["an ID column with --counts", () => ["analyze", "--counts", parts[0], parts[1], "--id-column", "none"], /^nps-ab: --id-column applies to raw exports, not to --counts/],
    ["a respondent column with --counts", () => ["analyze", "--counts", parts[0], parts[1], "--respondent-column", "Email"], /^nps-ab: --respondent-column applies to raw exports, not to --counts/],
    ["--counts without files", () => ["analyze", "--counts"], /^nps-ab: no counts files given/],
    ["a window over counts without periods", () => ["analyze", "--counts", write("undated.csv", "variant,score,count\na,9,3\nb,7,1\n"), "--from", "2018-01-01"], /undated\.csv: --from\/--to need periods/],
    ["aggregate of a missing file", () => ["aggregate", join(dir, "missing.csv")], /missing\.csv: file not found/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const result = runCli(args());
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trimEnd()).toMatch(message);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    });
  }
});
