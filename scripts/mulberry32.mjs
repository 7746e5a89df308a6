/**
 * mulberry32 by Tommy Ettinger (public domain), as given in bryc's collection of JS PRNGs:
 * https://github.com/bryc/code/blob/master/jshash/PRNGs.md#mulberry32 . A 32-bit state: plenty for generating
 * test data, and the same bytes on every machine. Shared by the fixture and benchmark generators (the
 * analysis's own seeded draws use xoshiro128** in src/stats/random.ts).
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
