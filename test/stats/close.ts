/**
 * Numeric comparison for the statistics tests: fails with the expected value, the actual value, their
 * difference and the tolerance, so a reader sees at once how far off and by what standard.
 */
import { expect } from "vitest";

export type Tolerance = { readonly rel: number } | { readonly abs: number };

/** Asserts |actual - expected| <= tolerance (rel: relative to |expected|, abs: absolute). */
export function expectClose(actual: number | null | undefined, expected: number, tolerance: Tolerance, label: string): void {
  if (typeof actual !== "number" || !Number.isFinite(actual)) {
    expect.fail(`${label}: expected ${expected}, actual ${String(actual)} (not a finite number)`);
    return;
  }
  const difference = actual - expected;
  const allowed = "rel" in tolerance ? tolerance.rel * Math.abs(expected) : tolerance.abs;
  const description = "rel" in tolerance ? `rel ${tolerance.rel} (= ${allowed})` : `abs ${tolerance.abs}`;
  if (!(Math.abs(difference) <= allowed)) {
    expect.fail(`${label}: expected ${expected}, actual ${actual}, difference ${difference}, tolerance ${description}`);
  }
}

/** Relative tolerance for closed forms, as the shared reference asks (reference/README.md). */
export const CLOSED_FORM = { rel: 1e-6 } as const;

/**
 * Relative tolerance for a closed-form figure whose expected value may be exactly 0 or tiny: relative, but
 * never tighter than `floor` absolute.
 */
export function expectNear(actual: number | null | undefined, expected: number, label: string, floor = 1e-9): void {
  expectClose(actual, expected, { abs: Math.max(floor, CLOSED_FORM.rel * Math.abs(expected)) }, label);
}

/**
 * |actual - expected| <= max(relative * |expected|, floor): the statistics tests' tight check of closed forms
 * against the R/SciPy reference values (each test file says why its `relative` fits).
 */
export function expectRelative(actual: number | null | undefined, expected: number, label: string, relative = 1e-9, floor = 0): void {
  expectClose(actual, expected, { abs: Math.max(relative * Math.abs(expected), floor) }, label);
}
