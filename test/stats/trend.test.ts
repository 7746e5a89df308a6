import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { differenceTrend, type TrendPoint } from "../../src/stats/trend.js";
import { expectRelative } from "./close.js";

/**
 * Written by test/reference/issue4-generate.py: the NumPy closed form, checked there against
 * metafor::rma(yi, vi, mods = ~ time, method = "FE") (slope, intercept, SE, interval, z, p, QE, QEp).
 */
interface TrendCase {
  name: string;
  alpha: number;
  points: TrendPoint[];
  slopePerUnit: number;
  intercept: number;
  se: number;
  ci: [number, number];
  z: number;
  pValue: number;
  residualHeterogeneity: { statistic: number; df: number; pValue: number };
  usedPoints: number;
  skippedPoints: number;
}
const reference = JSON.parse(readFileSync(new URL("../reference/issue4-cases.json", import.meta.url), "utf8")) as { trend: TrendCase[] };

// Closed forms (weighted sums, a square root, normal and chi-square tails): 1e-9 relative to the reference (expectRelative's default).

describe("differenceTrend against the reference", () => {
  it.each(reference.trend.map((c) => [`${c.name} alpha=${c.alpha}`, c] as const))("%s", (label, c) => {
    const result = differenceTrend(c.points, c.alpha);
    expectRelative(result.slopePerUnit, c.slopePerUnit, `${label}: slope`);
    expectRelative(result.intercept, c.intercept, `${label}: intercept`);
    expectRelative(result.se, c.se, `${label}: se`);
    expectRelative(result.ci?.low, c.ci[0], `${label}: ci.low`);
    expectRelative(result.ci?.high, c.ci[1], `${label}: ci.high`);
    expectRelative(result.z, c.z, `${label}: z`);
    expectRelative(result.pValue, c.pValue, `${label}: p-value`);
    expectRelative(result.residualHeterogeneity?.statistic, c.residualHeterogeneity.statistic, `${label}: Q_E`);
    expectRelative(result.residualHeterogeneity?.pValue, c.residualHeterogeneity.pValue, `${label}: Q_E p-value`);
    expect(result.residualHeterogeneity?.df).toBe(c.residualHeterogeneity.df);
    expect([result.usedPoints, result.skippedPoints]).toEqual([c.usedPoints, c.skippedPoints]);
  });
  it("the widening case finds a positive slope, the flat one none", () => {
    const widening = reference.trend.find((c) => c.name === "widening-12-months")!;
    const flat = reference.trend.find((c) => c.name === "flat-12-months")!;
    expect(widening.slopePerUnit).toBeGreaterThan(0);
    expect(differenceTrend(widening.points, 0.05).ci?.low).toBeGreaterThan(0);
    expect(differenceTrend(flat.points, 0.05).pValue).toBeGreaterThan(0.05);
  });
});

describe("doc-comment example", () => {
  it("three usable points and one with variance 0", () => {
    const points = [
      { time: 0, difference: 1, variance: 4 }, { time: 1, difference: 2, variance: 4 },
      { time: 2, difference: 4, variance: 4 }, { time: 3, difference: 5, variance: 0 },
    ];
    expect(differenceTrend(points, 0.05)).toStrictEqual({
      slopePerUnit: 1.5, intercept: 0.8333333333333335, se: 1.4142135623730951, ci: { low: -1.2718076486993568, high: 4.271807648699356 },
      z: 1.0606601717798212, pValue: 0.2888443663464849,
      residualHeterogeneity: { statistic: 0.04166666666666667, df: 1, pValue: 0.8382564863858263 }, usedPoints: 3, skippedPoints: 1,
    });
  });
});

describe("invariants", () => {
  const points: TrendPoint[] = [
    { time: 0, difference: -2, variance: 30 }, { time: 1, difference: 0.5, variance: 20 },
    { time: 2, difference: 1, variance: 45 }, { time: 3, difference: 4, variance: 25 }, { time: 4, difference: 3.5, variance: 60 },
  ];
  it("points exactly on a line give that line and Q_E = 0", () => {
    const line = points.map((point) => ({ ...point, difference: 2 - 0.75 * point.time }));
    const result = differenceTrend(line, 0.05);
    expectRelative(result.slopePerUnit, -0.75, "slope", 1e-12);
    expectRelative(result.intercept, 2, "intercept", 1e-12);
    expect(result.residualHeterogeneity?.statistic).toBeLessThan(1e-20);
  });
  it("negating the differences (swapping the variants) negates slope and intercept, keeps SE and p", () => {
    const forward = differenceTrend(points, 0.05);
    const backward = differenceTrend(points.map((point) => ({ ...point, difference: -point.difference })), 0.05);
    expectRelative(backward.slopePerUnit === null ? null : -backward.slopePerUnit, forward.slopePerUnit!, "slope", 1e-12);
    expectRelative(backward.intercept === null ? null : -backward.intercept, forward.intercept!, "intercept", 1e-12);
    expect(backward.se).toBe(forward.se);
    expectRelative(backward.pValue, forward.pValue!, "p-value", 1e-12);
  });
  it("shifting time changes the intercept only; the slope is per unit of time", () => {
    const forward = differenceTrend(points, 0.05);
    const shifted = differenceTrend(points.map((point) => ({ ...point, time: point.time + 10 })), 0.05);
    expectRelative(shifted.slopePerUnit, forward.slopePerUnit!, "slope", 1e-12);
    expectRelative(shifted.se, forward.se!, "se", 1e-12);
    expectRelative(shifted.intercept, forward.intercept! - 10 * forward.slopePerUnit!, "intercept", 1e-12);
  });
  it("input order does not matter", () => {
    const forward = differenceTrend(points, 0.05);
    const reversed = differenceTrend([...points].reverse(), 0.05);
    expectRelative(reversed.slopePerUnit, forward.slopePerUnit!, "slope", 1e-12);
    expectRelative(reversed.se, forward.se!, "se", 1e-12);
  });
});

describe("degenerate input is a reason with nulls", () => {
  const nulls = { slopePerUnit: null, intercept: null, se: null, ci: null, z: null, pValue: null, residualHeterogeneity: null };
  it.each([
    ["no points", [], 0, 0, "too-few-periods"],
    ["two periods", [{ time: 0, difference: 1, variance: 2 }, { time: 1, difference: 3, variance: 2 }], 2, 0, "too-few-periods"],
    [
      "three periods, one with zero variance and one with NaN",
      [{ time: 0, difference: 1, variance: 2 }, { time: 1, difference: 3, variance: 0 }, { time: 2, difference: 3, variance: Number.NaN }, { time: 3, difference: 0, variance: 1 }],
      2, 2, "too-few-periods",
    ],
    ["all at one time", [0, 1, 2].map((index) => ({ time: 5, difference: index, variance: 3 })), 3, 0, "no-time-variation"],
  ] as const)("%s", (_, points, usedPoints, skippedPoints, reason) => {
    expect(differenceTrend(points, 0.05)).toStrictEqual({ ...nulls, usedPoints, skippedPoints, reason });
  });
  it("alpha outside (0, 1) is a programmer error", () => {
    expect(() => differenceTrend([], 1)).toThrow(RangeError);
  });
});
