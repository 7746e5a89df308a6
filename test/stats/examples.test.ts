/**
 * Every `@example` in the doc comments of src/stats is a test: the expression is evaluated with the stats
 * exports in scope and must equal the value written after `//` exactly (toStrictEqual).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as bisection from "../../src/stats/bisection.js";
import * as difference from "../../src/stats/difference.js";
import * as distributions from "../../src/stats/distributions.js";
import * as equivalence from "../../src/stats/equivalence.js";
import * as adjustedWald from "../../src/stats/intervals/adjusted-wald.js";
import * as bayes from "../../src/stats/intervals/bayes.js";
import * as intervals from "../../src/stats/intervals/index.js";
import * as tango from "../../src/stats/intervals/tango.js";
import * as wald from "../../src/stats/intervals/wald.js";
import * as nps from "../../src/stats/nps.js";
import * as quantile from "../../src/stats/quantile.js";
import * as random from "../../src/stats/random.js";
import * as chiSquare from "../../src/stats/tests/chi-square.js";
import * as mannWhitney from "../../src/stats/tests/mann-whitney.js";
import * as zTest from "../../src/stats/tests/z-test.js";

const scope: Record<string, unknown> = Object.assign(
  {},
  bisection, difference, distributions, equivalence, adjustedWald, bayes, intervals, tango, wald, nps, quantile, random, chiSquare, mannWhitney, zTest,
);
const names = Object.keys(scope);
const evaluate = (source: string): unknown => new Function(...names, `return (${source});`)(...names.map((name) => scope[name]));

const sourceRoot = fileURLToPath(new URL("../../src/stats/", import.meta.url));

interface Example {
  readonly file: string;
  readonly expression: string;
  readonly expected: string;
}

/** `@example expr // value` or `@example expr` followed by a ` * // value` line; `(= ...)` notes are dropped. */
function examplesIn(file: string): Example[] {
  const lines = readFileSync(sourceRoot + file, "utf8").split("\n");
  const found: Example[] = [];
  lines.forEach((line, index) => {
    const match = /@example (.*)$/.exec(line);
    if (match === null) return;
    let [expression, expected] = match[1]!.split(" // ") as [string, string | undefined];
    if (expected === undefined) expected = /^\s*\* \/\/ (.*)$/.exec(lines[index + 1] ?? "")?.[1];
    if (expected === undefined) throw new Error(`${file}:${index + 1}: @example without "// value"`);
    found.push({ file, expression: expression.trim(), expected: expected.replace(/\s*\(=.*\)$/, "").trim() });
  });
  return found;
}

/** The modules imported above (other src/stats modules have their own tests). */
const files = [
  "bisection.ts", "difference.ts", "distributions.ts", "equivalence.ts", "nps.ts", "quantile.ts", "random.ts",
  "intervals/adjusted-wald.ts", "intervals/bayes.ts", "intervals/index.ts", "intervals/tango.ts", "intervals/wald.ts",
  "tests/chi-square.ts", "tests/mann-whitney.ts", "tests/z-test.ts",
];
const examples = files.flatMap(examplesIn);

describe("doc-comment examples", () => {
  it("exist in every module with exported functions", () => {
    expect(examples.length).toBeGreaterThan(30);
  });
  it.each(examples.map((example) => [`${example.file}: ${example.expression}`, example] as const))("%s", (_, example) => {
    expect(evaluate(example.expression)).toStrictEqual(evaluate(example.expected));
  });
});
