/** IdSet against a JavaScript Set of (variant, value) pairs as the oracle, on dense, sparse and repeated IDs. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdSet } from "../../src/ingest/id-set.js";

/** Values as exports hold them: runs of rising IDs (dense), scattered large ones (sparse), repeats, edges. */
const values = fc.oneof(
  fc.record({ kind: fc.constant("run" as const), start: fc.integer({ min: 0, max: 2 ** 20 }), length: fc.integer({ min: 1, max: 9000 }), step: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant("scattered" as const), items: fc.array(fc.oneof(fc.nat(70_000), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })), { maxLength: 300 }) }),
);

describe("IdSet", () => {
  it("adds a value once per variant, as a Set does, across array blocks, their growth and bitmaps", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), values, fc.boolean()), { minLength: 1, maxLength: 8 }), (batches) => {
        const set = new IdSet();
        const oracle = new Set<string>();
        const seen: number[][] = [];
        let wrong = 0;
        for (const [variant, batch, reversed] of batches) {
          let items = batch.kind === "run" ? Array.from({ length: batch.length }, (_, index) => batch.start + index * batch.step) : batch.items;
          // Falling IDs (an export sorted newest first) insert at the front of each array block.
          if (reversed) items = [...items].reverse();
          // Counted, not asserted one by one (expect costs microseconds a call).
          for (const value of items) {
            const key = `${variant}:${value}`;
            if (set.add(variant, value) === oracle.has(key)) wrong += 1;
            oracle.add(key);
            seen.push([variant, value]);
          }
          // A value added again, in another order: never new.
          for (const [again, value] of seen.slice(-50)) if (set.add(again as number, value as number)) wrong += 1;
        }
        expect(wrong).toBe(0);
        const listed: string[] = [];
        set.forEach((variant, value) => listed.push(`${variant}:${value}`));
        expect(listed.sort()).toEqual([...oracle].sort());
        expect(set.bytes).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });

  it("holds dense IDs in bitmaps of 8 KB a block of 65,536 values", () => {
    const set = new IdSet();
    for (let value = 41_000_000; value < 42_000_000; value += 1) set.add(value % 2, value);
    // 1,000,000 values over 16 blocks of each variant (half of each block's values), 8 KB each, and overhead.
    expect(set.bytes).toBeGreaterThan(2 * 16 * 8192);
    expect(set.bytes).toBeLessThan(2 * 17 * (8192 + 200));
  });
});

describe("IdSet.sparse", () => {
  it("is false for IDs that rise by one or a few, and true past 256 values that average under 16 a block", () => {
    const dense = new IdSet();
    for (let value = 41_000_000; value < 41_010_000; value += 3) dense.add(value % 2, value);
    expect(dense.sparse).toBe(false);
    const sparse = new IdSet();
    // Steps of 7,919: about 8 values a block of 65,536.
    for (let index = 0; index < 255; index += 1) sparse.add(0, index * 7919);
    expect(sparse.sparse).toBe(false);
    sparse.add(0, 255 * 7919);
    expect(sparse.sparse).toBe(true);
  });
});
