/**
 * The published JSON Schema (schema/report.schema.json) against every JSON shape the CLI prints: a matrix of
 * `analyze` and `power` runs covering each option that changes the shape, each validated with ajv in strict
 * mode. Also checks that the schema is strict for real (unknown and missing fields fail), that its
 * enumerations match the code's, and that the package exports it. Runs bin/nps-ab.js: `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { GATES } from "../../src/analysis/gate.js";
import { STRATIFY } from "../../src/analysis/options.js";
import { PERIODS } from "../../src/analysis/periods.js";
import { SCHEMA_VERSION, VERDICTS } from "../../src/analysis/report.js";
import { POWER_TESTS } from "../../src/cli/commands/power.js";
import { ENCODINGS } from "../../src/ingest/dialect/encoding.js";
import { PLATFORM_NAMES } from "../../src/ingest/platforms/types.js";
import { DEDUPE_MODES } from "../../src/ingest/respondents.js";
import { ADJUSTMENTS } from "../../src/stats/multiplicity.js";
import { STRATUM_WEIGHTINGS } from "../../src/stats/stratified.js";
import { CI_METHODS } from "../../src/stats/types.js";
import { DROP_REASONS } from "../../src/tally/tally.js";
import { fixture, root, runCli } from "../cli/run-cli.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const schemaPath = join(root, "schema", "report.schema.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as JsonObject;

const AJV_OPTIONS = { strict: true, allErrors: true, allowUnionTypes: true } as const;
let validate: ValidateFunction;
/** The schema's branches by kind: their errors are about the document's own shape, not the other kind's. */
const branches = new Map<string, ValidateFunction>();
let dir: string;

function compiled(ajv: Ajv2020, ref: string): ValidateFunction {
  const found = ajv.getSchema(ref);
  if (found === undefined) throw new Error(`no schema ${ref}`);
  return found;
}

const describeErrors = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)} (${error.schemaPath})`).join("\n");

/** Validates a document; on failure, the errors come from the branch of its kind. */
function check(document: Json): { valid: boolean; errors: string } {
  if (validate(document)) return { valid: true, errors: "" };
  const kind = typeof document === "object" && document !== null && !Array.isArray(document) ? document["kind"] : undefined;
  const branch = branches.get(typeof kind === "string" ? kind : "analysis") ?? validate;
  return { valid: false, errors: branch(document) ? describeErrors(validate.errors) : describeErrors(branch.errors) };
}

const write = (name: string, lines: readonly string[]): string => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};

beforeAll(() => {
  const ajv = new Ajv2020(AJV_OPTIONS);
  ajv.addSchema(schema);
  const id = String(schema["$id"]);
  validate = compiled(ajv, id);
  branches.set("analysis", compiled(ajv, `${id}#/$defs/analysisReport`));
  branches.set("power", compiled(ajv, `${id}#/$defs/powerReport`));
  dir = mkdtempSync(join(tmpdir(), "nps-ab-schema-"));
});

const fixtures = [fixture("ebates.csv"), fixture("rakuten-rewards.csv"), "--from", "2018-01-01", "--to", "2018-12-31"];
// Few posterior draws: the Bayesian figures are not the point here, their shape is.
const fast = ["--format", "json", "--draws", "2000"];

/** One file holding both variants (--variant-column), without dates or segments. */
const variantColumnFile = (): string =>
  write("both-variants.csv", ["site,Score", ...Array.from({ length: 120 }, (_, i) => `${i % 2 === 0 ? "old" : "new"},${(i * 7) % 11}`)]);

/**
 * Degenerate data: every respondent of both variants scores 10 (SE 0, so tests, TOST, the season-adjusted
 * difference, the trend and the difference-in-differences have no value), and the treatment has no responses
 * in April (an empty slice in the timeline and the last phase).
 */
const degenerateFiles = (): [string, string] => {
  const rows = (months: number, perMonth: number): string[] =>
    Array.from({ length: months * perMonth }, (_, i) => `10,2018-0${1 + Math.floor(i / perMonth)}-${String(10 + (i % perMonth)).padStart(2, "0")},${i % 2 === 0 ? "Web" : "App"}`);
  return [write("old.csv", ["Score,Date,Segment", ...rows(4, 10)]), write("new.csv", ["Score,Date,Segment", ...rows(3, 9)])];
};

interface Case {
  readonly name: string;
  readonly args: () => string[];
  /** Exit codes the run may end with (0 pass / no gate, 1 fail, 3 inconclusive). */
  readonly status: readonly number[];
}

const CASES: readonly Case[] = [
  {
    name: "analyze: phases, baseline, expected split, equivalence gate (adjusted-wald, by month)",
    args: () => ["analyze", ...fixtures, ...fast, "--phase", "2018-06-01=logo", "--baseline-until", "2018-02-28", "--expected-split", "50:50", "--gate", "equivalence"],
    status: [0],
  },
  {
    name: "analyze: sequential, stratify month, noninferiority gate, wald, by week, adjust none, inverse-variance, dedupe first",
    args: () => [
      "analyze", ...fixtures, ...fast, "--sequential", "--stratify", "month", "--gate", "noninferiority", "--ci-method", "wald",
      "--period", "week", "--adjust", "none", "--weights", "inverse-variance", "--dedupe", "first",
    ],
    status: [0],
  },
  {
    name: "analyze: bayes, by quarter, min-segment-n 1000 (an \"(other)\" row), superiority gate",
    args: () => ["analyze", ...fixtures, ...fast, "--ci-method", "bayes", "--period", "quarter", "--min-segment-n", "1000", "--gate", "superiority"],
    status: [3],
  },
  {
    name: "analyze: tango, bh, no window",
    args: () => ["analyze", fixture("ebates.csv"), fixture("rakuten-rewards.csv"), ...fast, "--ci-method", "tango", "--adjust", "bh"],
    status: [0],
  },
  {
    name: "analyze: one file with --variant-column, no dates, no segments",
    args: () => ["analyze", variantColumnFile(), "--variant-column", "site", ...fast],
    status: [0],
  },
  {
    name: "analyze: other platforms (Qualtrics 3 header rows and previews, Typeform partials)",
    args: () => ["analyze", `old=${join(root, "test/corpus/qualtrics.csv")}`, `new=${join(root, "test/corpus/typeform.csv")}`, ...fast],
    status: [0],
  },
  {
    name: "analyze: degenerate data (SE 0, an empty slice) with every breakdown, sequential, stratified, gate",
    args: () => {
      const [old, fresh] = degenerateFiles();
      return [
        "analyze", old, fresh, ...fast, "--segment-column", "Segment", "--phase", "2018-04-01=late", "--baseline-until", "2018-01-31",
        "--stratify", "month", "--sequential", "--gate", "equivalence", "--expected-split", "50:50",
      ];
    },
    status: [3],
  },
  {
    name: "power: superiority (--mde)",
    args: () => ["power", "--mde", "3", "--promoters", "0.5", "--detractors", "0.2", "--format", "json"],
    status: [0],
  },
  {
    name: "power: noninferiority (--margin)",
    args: () => ["power", "--margin", "5", "--test", "noninferiority", "--promoters", "0.5", "--detractors", "0.2", "--format", "json"],
    status: [0],
  },
  {
    name: "power: equivalence from a baseline export",
    args: () => ["power", "--margin", "3", join(root, "test/corpus/delighted.csv"), "--format", "json"],
    status: [0],
  },
  {
    name: "power: degenerate (no variance: all promoters)",
    args: () => ["power", "--mde", "3", "--promoters", "1", "--detractors", "0", "--format", "json"],
    status: [0],
  },
];

const outputs = new Map<string, Json>();

describe("every JSON output of the CLI validates against schema/report.schema.json", () => {
  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))("%s", (_name, testCase) => {
    const result = runCli(testCase.args());
    expect(testCase.status, result.stderr).toContain(result.status);
    const document = JSON.parse(result.stdout) as Json;
    outputs.set(testCase.name, document);
    const { valid, errors } = check(document);
    expect(valid, `ajv errors:\n${errors}`).toBe(true);
  });

  it("the matrix reached the shapes it is meant to cover", () => {
    const all = JSON.stringify([...outputs.values()]);
    // The degenerate run: null statistics with their reasons, an empty slice, a stratified fallback.
    for (const fragment of ['"reason":"zero-standard-error"', '"reason":"single-category"', '"nps":null', '"estimate":null', '"pooled":[', '"respondents":{', '"kind":"power"', '"nPerVariant":null']) {
      expect(all).toContain(fragment);
    }
  });
});

/** A fresh copy of a validated analysis report, to break. */
function analysisReport(): JsonObject {
  const document = outputs.get(CASES[0]?.name ?? "") ?? null;
  if (document === null || typeof document !== "object" || Array.isArray(document)) throw new Error("run the matrix first");
  return structuredClone(document);
}

function at(document: JsonObject, ...path: Array<string | number>): JsonObject {
  let node: Json = document;
  for (const key of path) {
    node = (Array.isArray(node) ? node[key as number] : typeof node === "object" && node !== null ? node[key as string] : undefined) ?? null;
  }
  if (node === null || typeof node !== "object" || Array.isArray(node)) throw new Error(`no object at ${path.join(".")}`);
  return node;
}

describe("the schema is strict", () => {
  it.each([
    ["top level", [] as Array<string | number>],
    ["parameters", ["parameters"]],
    ["a source", ["data", "sources", 0]],
    ["the respondents", ["data", "respondents"]],
    ["rowsDropped", ["data", "rowsDropped"]],
    ["a test", ["comparison", "tests", "z"]],
    ["the chi-square test", ["comparison", "tests", "chiSquare"]],
    ["an interval", ["comparison", "ci"]],
    ["a timeline variant", ["timeline", 0, "variants", 0]],
    ["the SRM check", ["checks", "srm"]],
    ["an SRM period", ["checks", "srm", "byPeriod", 0]],
  ])("rejects an unknown property in %s", (_where, path) => {
    const document = analysisReport();
    at(document, ...path)["undocumented"] = 1;
    expect(validate(document)).toBe(false);
  });

  it.each([
    ["comparison.se", ["comparison"], "se"],
    ["variants[1].ci", ["variants", 1], "ci"],
    ["data.sources[0].rowsDropped", ["data", "sources", 0], "rowsDropped"],
    ["gate.sentence", ["gate"], "sentence"],
    ["schemaVersion", [], "schemaVersion"],
  ] as Array<[string, Array<string | number>, string]>)("rejects a report without %s", (_name, path, key) => {
    const document = analysisReport();
    expect(at(document, ...path)).toHaveProperty(key);
    delete at(document, ...path)[key];
    expect(validate(document)).toBe(false);
  });

  it("rejects a null statistic without its reason, a reason beside a value, a NaN turned null, and a wrong enum or version", () => {
    const noReason = analysisReport();
    Object.assign(at(noReason, "comparison", "tests", "z"), { statistic: null, pValue: null });
    expect(validate(noReason)).toBe(false);
    const strayReason = analysisReport();
    at(strayReason, "comparison", "tests", "z")["reason"] = "zero-standard-error";
    expect(validate(strayReason)).toBe(false);
    const nullDifference = analysisReport();
    at(nullDifference, "comparison")["difference"] = null;
    expect(validate(nullDifference)).toBe(false);
    const verdict = analysisReport();
    verdict["verdict"] = "better";
    expect(validate(verdict)).toBe(false);
    const version = analysisReport();
    version["schemaVersion"] = 2;
    expect(validate(version)).toBe(false);
    const kind = analysisReport();
    kind["kind"] = "power";
    expect(validate(kind)).toBe(false);
  });
});

describe("the schema's enumerations and version are the code's", () => {
  const defs = schema["$defs"] as JsonObject;
  const property = (...path: string[]): JsonObject => {
    let node: Json = defs;
    for (const key of path) node = (node as JsonObject)[key] ?? null;
    return node as JsonObject;
  };
  const analysis = (name: string): JsonObject => property("analysisReport", "properties", "parameters", "properties", name);

  it.each([
    ["verdict", property("analysisReport", "properties", "verdict")["enum"], VERDICTS],
    ["ciMethod", analysis("ciMethod")["enum"], CI_METHODS],
    ["gate", analysis("gate")["enum"], [...GATES, null]],
    ["gateResult.gate", property("gateResult", "properties", "gate")["enum"], GATES],
    ["period", analysis("period")["enum"], PERIODS],
    ["weights", analysis("weights")["enum"], STRATUM_WEIGHTINGS],
    ["adjust", analysis("adjust")["enum"], ADJUSTMENTS],
    ["stratify", analysis("stratify")["enum"], STRATIFY],
    ["drop reasons", Object.keys(property("rowsDropped", "properties")), DROP_REASONS],
    ["platform", property("sourceAccounting", "properties", "platform")["enum"], PLATFORM_NAMES],
    ["encoding", property("sourceAccounting", "properties", "encoding")["enum"], ENCODINGS],
    ["dedupe", property("respondentAccounting", "properties", "dedupe")["enum"], DEDUPE_MODES],
    ["power test", property("powerReport", "properties", "parameters", "properties", "test")["enum"], POWER_TESTS],
  ] as Array<[string, Json, readonly (string | null)[]]>)("%s", (_name, inSchema, inCode) => {
    expect(inSchema).toEqual([...inCode]);
  });

  it("schemaVersion", () => {
    expect(property("analysisReport", "properties", "schemaVersion")["const"]).toBe(SCHEMA_VERSION);
    expect(property("powerReport", "properties", "schemaVersion")["const"]).toBe(SCHEMA_VERSION);
  });

  it("every property has a description", () => {
    const missing: string[] = [];
    const visit = (node: Json, path: string): void => {
      if (Array.isArray(node)) node.forEach((child, index) => visit(child, `${path}/${index}`));
      if (node === null || typeof node !== "object" || Array.isArray(node)) return;
      for (const key of ["properties", "patternProperties"]) {
        const properties = node[key];
        if (properties === undefined || properties === null || typeof properties !== "object" || Array.isArray(properties)) continue;
        for (const [name, definition] of Object.entries(properties)) {
          const described = typeof definition === "object" && definition !== null && !Array.isArray(definition) && typeof definition["description"] === "string";
          // `true` / `false` property schemas inside if/then/else only say whether a field may be present.
          if (!described && typeof definition !== "boolean" && !path.includes("/if")) missing.push(`${path}/${key}/${name}`);
        }
      }
      for (const [key, child] of Object.entries(node)) visit(child, `${path}/${key}`);
    };
    visit(schema, "#");
    expect(missing).toEqual([]);
  });
});

describe("the package ships the schema", () => {
  it("is exported as nps-ab/schema/report.schema.json and listed in files", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Record<string, unknown>; files: string[] };
    expect(manifest.exports["./schema/report.schema.json"]).toBe("./schema/report.schema.json");
    expect(manifest.files).toContain("schema");
    // The import the README shows, resolved by Node through the package's own name and exports.
    const script = `import schema from "nps-ab/schema/report.schema.json" with { type: "json" }; console.log(schema.$id);`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 20_000 });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe(schema["$id"]);
  });
});
