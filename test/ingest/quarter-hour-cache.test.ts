import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QuarterHourCache } from "../../src/ingest/quarter-hour-cache.js";

const QUARTER_HOUR_MS = 900_000;

describe("QuarterHourCache", () => {
  it("gives what compute gives, for instants in any order, before 1970 and on colliding slots", () => {
    // The oracle: compute itself, a function of the quarter hour only (as a zone's offset or day is).
    const compute = (epochMs: number): string => `q${Math.floor(epochMs / QUARTER_HOUR_MS)}`;
    const instant = fc.oneof(
      fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }),
      // Quarter hours 1024 apart share a slot of the table in front.
      fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: QUARTER_HOUR_MS - 1 })).map(([lap, within]) => (1_700_000 + lap * 1024) * QUARTER_HOUR_MS + within),
    );
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 300 }), (instants) => {
        const cache = new QuarterHourCache(compute);
        for (const epochMs of instants) expect(cache.get(epochMs)).toBe(compute(epochMs));
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it("computes a quarter hour once while it stays remembered", () => {
    const calls: number[] = [];
    const cache = new QuarterHourCache((epochMs) => {
      calls.push(Math.floor(epochMs / QUARTER_HOUR_MS));
      return epochMs;
    });
    const start = 1_700_000 * QUARTER_HOUR_MS;
    // Sorted times, then a colliding quarter hour, then the first one again: the map behind the table has it.
    for (let minute = 0; minute < 90; minute += 1) cache.get(start + minute * 60_000);
    cache.get(start + 1024 * QUARTER_HOUR_MS);
    cache.get(start + 5);
    expect(calls).toEqual([1_700_000, 1_700_001, 1_700_002, 1_700_003, 1_700_004, 1_700_005, 1_700_000 + 1024]);
  });
});
