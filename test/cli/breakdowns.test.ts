/**
 * Time and segments end to end: the fixtures' story (seasonality, the planted At Risk effect) shows in the
 * report, and a constructed Simpson's paradox makes the pooled and season-adjusted differences disagree.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/analysis/report.js";
import { fixture, runCli } from "./run-cli.js";

const fixtures = [fixture("ebates.csv"), fixture("rakuten-rewards.csv"), "--from", "2018-01-01", "--to", "2018-12-31"];

function json(args: string[]): Report {
  const result = runCli([...args, "--format", "json"]);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

describe("breakdowns on the fixtures", () => {
  let report: Report;
  beforeAll(() => {
    report = json(["analyze", ...fixtures, "--phase", "2018-04-01=colours", "--phase", "2018-07-01=name", "--baseline-until", "2018-02-28", "--expected-split", "50:50"]);
  });

  it("shows the holiday-season swing in the monthly timeline (fixtures/README.md: Nov-Dec ~43-46, Jan-Feb ~31-33)", () => {
    expect(report.timeline.map((entry) => entry.period)).toEqual(["2018-01", "2018-02", "2018-03", "2018-04", "2018-05", "2018-06", "2018-07", "2018-08", "2018-09", "2018-10", "2018-11", "2018-12"]);
    for (const index of [0, 1] as const) {
      const nps = (month: string): number => report.timeline.find((entry) => entry.period === month)?.variants[index].nps ?? Number.NaN;
      expect(Math.min(nps("2018-11"), nps("2018-12"))).toBeGreaterThan(Math.max(nps("2018-01"), nps("2018-02")) + 5);
    }
    const months = report.timeline.reduce((sum, entry) => sum + entry.variants[0].n + entry.variants[1].n, 0);
    expect(months).toBe(report.data.rowsUsed);
  });

  it("finds the planted At Risk effect after Holm adjustment, and only that segment, while the verdict stays", () => {
    expect(report.segments).toHaveLength(14);
    const significant = report.segments.filter((segment) => (segment.adjustedPValue ?? 1) < 0.05).map((segment) => segment.segment);
    expect(significant).toEqual(["At Risk"]);
    const atRisk = report.segments.find((segment) => segment.segment === "At Risk");
    // fixtures/README.md: At Risk 22.13 vs 9.52, difference -12.61.
    expect(atRisk?.difference).toBeCloseTo(-12.61, 1);
    expect(report.verdict).toBe("equivalent");
  });

  it("reports the season-adjusted difference, the trend, phases, baseline and SRM with the documented keys", () => {
    expect(report.stratified).toMatchObject({ by: "month", weights: "mantel-haenszel" });
    expect(Object.keys(report.stratified ?? {})).toEqual(expect.arrayContaining(["by", "difference", "ci", "weights"]));
    expect(Object.keys(report.trend ?? {})).toEqual(expect.arrayContaining(["slopePerMonth", "ci", "pValue"]));
    expect(report.phases.map((phase) => [phase.name, phase.from, phase.to])).toEqual([
      ["before colours", "2018-01-01", "2018-03-31"],
      ["colours", "2018-04-01", "2018-06-30"],
      ["name", "2018-07-01", "2018-12-31"],
    ]);
    expect(Object.keys(report.phases[0] ?? {})).toEqual(expect.arrayContaining(["name", "from", "to", "difference", "ci"]));
    expect(Object.keys(report.baseline ?? {})).toEqual(expect.arrayContaining(["differenceInDifferences", "ci"]));
    // The DiD equals the post difference minus the pre difference, and the phases partition the rows.
    expect(report.baseline?.differenceInDifferences).toBeCloseTo((report.baseline?.postDifference ?? 0) - (report.baseline?.preDifference ?? 0), 10);
    expect(report.phases.reduce((sum, phase) => sum + phase.variants[0].n, 0)).toBe(20_000);
    // 20,000 vs 19,600 against 50:50: scipy.stats.chisquare([20000, 19600]) -> statistic 4.040404, p 0.0444232.
    expect(report.checks.srm).toMatchObject({ observed: [20_000, 19_600], expected: [19_800, 19_800], mismatch: false });
    expect(report.checks.srm?.statistic).toBeCloseTo(4.040404040, 8);
    expect(report.checks.srm?.pValue).toBeCloseTo(0.0444231848, 9);
  });

  it("pools small segments into (other)", () => {
    const pooled = json(["analyze", ...fixtures, "--min-segment-n", "1000"]);
    const other = pooled.segments.find((segment) => segment.segment === "(other)");
    expect(other?.pooled).toEqual(["Advocate", "Churned", "Dormant", "Prospect", "Reactivated", "VIP", "Win-back"]);
    expect(pooled.segments.reduce((sum, segment) => sum + segment.variants[1].n, 0)).toBe(19_600);
  });

  it("shows the timeline with sparklines in the table report", () => {
    const table = runCli(["analyze", ...fixtures, "--period", "quarter"]).stdout;
    expect(table).toContain("Timeline by quarter");
    expect(table).toMatch(/ebates\s+[▁▂▃▄▅▆▇█]{4}\s+NPS/);
    expect(table).toContain("2018-Q4");
  });

  it("counts the trend's months in the table, in the singular for one", () => {
    const dir = mkdtempSync(join(tmpdir(), "nps-ab-months-"));
    const table = (months: readonly string[]): string => {
      const file = join(dir, `${months.length}.csv`);
      const rows = months.flatMap((month) => [`old,9,${month}-15T12:00:00Z`, `old,3,${month}-16T12:00:00Z`, `new,9,${month}-15T12:00:00Z`, `new,7,${month}-16T12:00:00Z`]);
      writeFileSync(file, `site,Score,Created At\n${rows.join("\n")}\n`);
      return runCli(["analyze", file, "--variant-column", "site"]).stdout;
    };
    expect(table(["2018-01", "2018-02"])).toContain("points per month (2 months)");
    const one = table(["2018-01"]);
    expect(one).toContain("points per month (1 month)");
    expect(one).not.toContain("1 months");
  });
});

describe("a Simpson's paradox: the treatment is better in every month but worse pooled", () => {
  let file: string;
  beforeAll(() => {
    // Month 1 (low season): control 100 responses at NPS 20, treatment 900 at NPS 25.
    // Month 2 (high season): control 900 at NPS 60, treatment 100 at NPS 65.
    // Pooled by hand: control (100*20 + 900*60)/1000 = 56, treatment (900*25 + 100*65)/1000 = 29: -27 points.
    // Within each month the treatment is 5 points better; Mantel-Haenszel weights 100*900/1000 = 90 in both
    // months, so the season-adjusted difference is exactly +5.
    const rows: string[] = ["site,Score,Created At"];
    const add = (site: string, day: string, promoters: number, passives: number, detractors: number): void => {
      for (let index = 0; index < promoters; index++) rows.push(`${site},9,${day}T12:00:00Z`);
      for (let index = 0; index < passives; index++) rows.push(`${site},7,${day}T12:00:00Z`);
      for (let index = 0; index < detractors; index++) rows.push(`${site},3,${day}T12:00:00Z`);
    };
    add("old", "2018-01-15", 40, 40, 20);
    add("new", "2018-01-15", 405, 315, 180);
    add("old", "2018-07-15", 630, 180, 90);
    add("new", "2018-07-15", 70, 25, 5);
    file = join(mkdtempSync(join(tmpdir(), "nps-ab-simpson-")), "simpson.csv");
    writeFileSync(file, `${rows.join("\n")}\n`);
  });

  it("gives opposite signs pooled and stratified, and warns", () => {
    const report = json(["analyze", file, "--variant-column", "site"]);
    expect(report.comparison.difference).toBeCloseTo(-27, 10);
    expect(report.stratified?.difference).toBeCloseTo(5, 10);
    expect(report.verdict).toBe("worsened");
    expect(report.warnings.join("\n")).toMatch(/pooled difference \(-27\.0\) and the season-adjusted difference \(5\.0\) have opposite signs/);
  });

  it("with --stratify month the verdict rests on the season-adjusted difference", () => {
    const report = json(["analyze", file, "--variant-column", "site", "--stratify", "month"]);
    expect(report.comparison.decision.basis).toBe("stratified-by-month");
    expect(report.comparison.decision.difference).toBeCloseTo(5, 10);
    expect(report.verdict).not.toBe("worsened");
    expect(report.summary).toMatch(/season-adjusted/);
  });
});
