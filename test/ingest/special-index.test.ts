/**
 * special-index.ts and its WebAssembly module (specials.wat) against a plain JavaScript loop as the oracle: every
 * position of the delimiter, a quote, CR and LF in random bytes, from any start, to any end (the last 16-byte
 * block cut anywhere), for each delimiter. The scanner that uses it is held to csv-parse in scanner.test.ts.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specialIndex, useSpecialsModule } from "../../src/ingest/fast/special-index.js";
import { specialsBinary } from "../wat-modules.js";

beforeAll(async () => useSpecialsModule(await specialsBinary()));
afterAll(() => useSpecialsModule(null));

const specialsOf = (bytes: Uint8Array, start: number, end: number, delimiter: number): number[] => {
  const found: number[] = [];
  for (let at = start; at < end; at += 1) {
    const byte = bytes[at] as number;
    if (byte === delimiter || byte === 0x22 || byte === 0x0d || byte === 0x0a) found.push(at - start);
  }
  return found;
};

const someBytes = fc.array(fc.oneof(fc.constantFrom(0x2c, 0x3b, 0x09, 0x7c, 0x22, 0x0d, 0x0a, 0x61, 0x00, 0xff, 0xe6), fc.integer({ min: 0, max: 255 })), { maxLength: 300, size: "max" });

describe("the special-byte index (property-based, oracle: a byte loop)", () => {
  it("finds every delimiter, quote, CR and LF between start and end, in order", () => {
    fc.assert(
      fc.property(someBytes, fc.nat(), fc.nat(), fc.constantFrom(0x2c, 0x3b, 0x09, 0x7c), (values, from, to, delimiter) => {
        const bytes = Uint8Array.from(values);
        const start = from % (bytes.length + 1);
        const limit = start + (to % (bytes.length - start + 1));
        const index = specialIndex(delimiter, 64);
        expect(index).not.toBeNull();
        if (index === null) return;
        index.build(bytes, start, limit);
        // A stretch is at most `segmentBytes` long: the rest is indexed by the next build.
        expect(index.end).toBe(Math.min(limit, start + 64));
        expect([...index.positions.subarray(0, index.count)]).toEqual(specialsOf(bytes, start, index.end, delimiter));
        expect(index.covers(bytes, start)).toBe(index.end > start);
        expect(index.covers(Uint8Array.from(values), start)).toBe(false);
      }),
      { seed: 91, numRuns: 1000 },
    );
  });

  it("gives up its positions to the index that builds next on the same thread", () => {
    const [first, second] = [specialIndex(0x2c), specialIndex(0x3b)];
    const bytes = Buffer.from('a,b;"c"\n');
    first?.build(bytes, 0, bytes.length);
    second?.build(bytes, 0, bytes.length);
    expect(first?.covers(bytes, 0)).toBe(false);
    expect(second?.covers(bytes, 0)).toBe(true);
    expect([...(second?.positions.subarray(0, second.count) ?? [])]).toEqual([3, 4, 6, 7]);
  });

  it("is null without the module: the scanner reads byte by byte", () => {
    useSpecialsModule(null);
    try {
      expect(specialIndex(0x2c)).toBeNull();
    } finally {
      useSpecialsModule(null);
    }
  });
});
