/** Decisions for CI end to end: gates and exit codes, the config file, --quiet, --sequential and `power`. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/analysis/report.js";
import { fixture, runCli } from "./run-cli.js";

const fixtures = [fixture("ebates.csv"), fixture("rakuten-rewards.csv"), "--from", "2018-01-01", "--to", "2018-12-31"];
let dir: string;
const write = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const scores = (counts: Record<number, number>): string =>
  ["Score", ...Object.entries(counts).flatMap(([score, n]) => Array.from({ length: n }, () => score))].join("\n") + "\n";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nps-ab-decisions-"));
});

describe("gates: exit 0 pass, 1 fail, 3 inconclusive", () => {
  it("the fixtures pass equivalence and non-inferiority, and superiority is inconclusive", () => {
    const equivalence = runCli(["analyze", ...fixtures, "--gate", "equivalence"]);
    expect(equivalence.status).toBe(0);
    expect(equivalence.stdout).toMatch(/^The equivalence gate passed: the 90% interval of the difference is -1\.6 to 1\.1 points; it passes when the interval lies inside ±5\.0/m);
    expect(runCli(["analyze", ...fixtures, "--gate", "noninferiority"]).status).toBe(0);
    const superiority = runCli(["analyze", ...fixtures, "--gate", "superiority", "--format", "json"]);
    expect(superiority.status).toBe(3);
    expect((JSON.parse(superiority.stdout) as Report).gate).toMatchObject({ gate: "superiority", outcome: "inconclusive" });
  });

  it("a clear drop fails non-inferiority with exit 1", () => {
    // old: 100 tens and 20 threes (NPS 66.7); new: 40 tens and 80 threes (NPS -33.3).
    const result = runCli(["analyze", `old=${write("old.csv", scores({ 10: 100, 3: 20 }))}`, `new=${write("new.csv", scores({ 10: 40, 3: 80 }))}`, "--gate", "noninferiority"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("The noninferiority gate failed");
  });

  it("--sequential widens the decision interval to the confidence sequence, and the gate uses it", () => {
    const fixed = JSON.parse(runCli(["analyze", ...fixtures, "--format", "json"]).stdout) as Report;
    const sequential = JSON.parse(runCli(["analyze", ...fixtures, "--format", "json", "--sequential"]).stdout) as Report;
    const width = (report: Report): number => (report.comparison.decision.gateCi?.high ?? 0) - (report.comparison.decision.gateCi?.low ?? 0);
    expect(sequential.comparison.decision.sequential).toBe(true);
    expect(width(sequential)).toBeGreaterThan(width(fixed));
    expect(sequential.comparison.equivalence.ci).toEqual(sequential.comparison.decision.gateCi);
    expect(sequential.warnings.join(" ")).toContain("confidence sequence");
  });
});

describe("--config", () => {
  it("reads options by long name and files, and flags override it", () => {
    const config = write("nps-ab.json", JSON.stringify({ files: [fixture("ebates.csv"), fixture("rakuten-rewards.csv")], from: "2018-01-01", to: "2018-12-31", margin: 3, "ci-method": "tango", gate: "equivalence", format: "json" }));
    const fromFile = JSON.parse(runCli(["analyze", "--config", config]).stdout) as Report;
    expect(fromFile.parameters).toMatchObject({ margin: 3, ciMethod: "tango", gate: "equivalence" });
    const overridden = JSON.parse(runCli(["analyze", "--config", config, "--margin", "4"]).stdout) as Report;
    expect(overridden.parameters.margin).toBe(4);
  });

  it.each([
    [{ margn: 3 }, /nps-ab\.json: unknown option "margn" \(options are named as on the command line without dashes: files, /],
    [{ margin: "three" }, /--margin "three" is not a number of points above 0/],
    [{ sequential: "yes" }, /nps-ab\.json: "sequential" must be true or false, not string "yes"/],
    [{ phase: [{ date: "2018-06-01" }] }, /nps-ab\.json: "phase" must be a string or a list of strings, not an object/],
    [{ files: "a.csv" }, /nps-ab\.json: "files" must be a list of file names/],
    [[1, 2], /nps-ab\.json: a config file must hold one JSON object of options/],
  ])("rejects %j with exit 2", (content, message) => {
    const config = write("nps-ab.json", JSON.stringify(content));
    const result = runCli(["analyze", ...fixtures, "--config", config]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it("names the line of a JSON syntax error", () => {
    const config = write("broken.json", '{\n  "margin": 3,\n  "gate": }\n');
    const result = runCli(["analyze", ...fixtures, "--config", config]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/broken\.json:3: not valid JSON/);
  });
});

describe("--quiet and --output", () => {
  it("prints nothing, writes the file, and keeps the gate's exit code", () => {
    const output = join(dir, "report.md");
    const result = runCli(["analyze", ...fixtures, "--quiet", "--output", output, "--format", "markdown", "--gate", "superiority"]);
    expect(result).toMatchObject({ status: 3, stdout: "", stderr: "" });
    expect(readFileSync(output, "utf8")).toMatch(/^## NPS: rakuten-rewards vs ebates: \*\*equivalent\*\*/);
  });
});

describe("nps-ab power", () => {
  // Values from scipy.stats.norm.ppf (test/reference/issue6-generate.py computes the same formulas):
  // superiority n = (1.959964 + 0.841621)^2 * 2 * 0.61 / 0.05^2 = 3830.2533 with P = 0.5, D = 0.2 (v = 0.61).
  it("gives responses per variant to detect a difference", () => {
    const result = runCli(["power", "--mde", "5", "--promoters", "0.5", "--detractors", "0.2", "--format", "json"]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { nPerVariant: number; nPerVariantRoundedUp: number; perRespondentVariance: number; parameters: { test: string } };
    expect(report.nPerVariant).toBeCloseTo(3830.253310362355, 6);
    expect(report).toMatchObject({ nPerVariantRoundedUp: 3831, perRespondentVariance: 0.61, parameters: { test: "superiority" } });
    expect(runCli(["power", "--mde", "5", "--promoters", "0.5", "--detractors", "0.2"]).stdout).toBe(
      "3,831 responses per variant are needed to detect a difference of 5.0 NPS points (two-sided, alpha 0.05) with 80% power.\n",
    );
  });

  it("gives responses per variant to show equivalence, from a baseline export", () => {
    // Equivalence, true difference 0: n = (z(0.95) + z(0.9))^2 * 2v / m^2 = (1.644854 + 1.281552)^2 * 2v / 0.05^2.
    const result = runCli(["power", "--margin", "5", fixture("ebates.csv"), "--format", "json"]);
    const report = JSON.parse(result.stdout) as { nPerVariant: number; perRespondentVariance: number; parameters: { promoters: number; detractors: number } };
    const v = report.parameters.promoters + report.parameters.detractors - (report.parameters.promoters - report.parameters.detractors) ** 2;
    // 20,000 good rows plus the 2019 row, a promoter (no window here): fixtures/README.md.
    expect(report.parameters.promoters).toBeCloseTo(11_751 / 20_001, 12);
    expect(report.nPerVariant).toBeCloseTo(((1.6448536269514722 + 1.2815515655446004) ** 2 * 2 * v) / 0.0025, 6);
  });

  it("asks for exactly one of --mde and --margin", () => {
    const result = runCli(["power", "--promoters", "0.5", "--detractors", "0.2"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/give exactly one of --mde/);
  });
});
