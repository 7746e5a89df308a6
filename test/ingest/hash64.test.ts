/**
 * hash64.ts: the byte-level reader's hashAscii must give exactly hashString's value for the same text (else a
 * response read by one reader would not be found a duplicate of one read by the other), and HashTable64 must
 * behave as a Map (oracle) through its growth.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Hash64, hashAscii, hashString, HashTable64, hashWholeNumber } from "../../src/ingest/hash64.js";

const hashOf = (text: string): [number, number] => {
  const { high, low } = hashString(text, new Hash64());
  return [high, low];
};

const asciiHash = (bytes: Uint8Array, lowerCase: boolean): [number, number] | null => {
  const out = new Hash64();
  return hashAscii(bytes, 0, bytes.length, lowerCase, out) ? [out.high, out.low] : null;
};

/** ASCII text, in a buffer with bytes before and after it (the reader hashes a field inside its block). */
const asciiText = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)), maxLength: 40 });

describe("hashAscii against hashString (property-based)", () => {
  it("gives hashString's value for ASCII text, as is and lower-cased", () => {
    fc.assert(
      fc.property(asciiText, fc.string({ maxLength: 5 }), (text, around) => {
        const block = Buffer.from(`${around}${text}${around}`, "latin1");
        const start = Buffer.byteLength(around, "latin1");
        const out = new Hash64();
        expect(hashAscii(block, start, start + text.length, false, out)).toBe(true);
        expect([out.high, out.low]).toEqual(hashOf(text));
        expect(hashAscii(block, start, start + text.length, true, out)).toBe(true);
        expect([out.high, out.low]).toEqual(hashOf(text.toLowerCase()));
      }),
      { seed: 64, numRuns: 2000 },
    );
  });

  it("refuses a byte outside ASCII wherever it is, so the decoded text is hashed instead", () => {
    fc.assert(
      fc.property(asciiText, fc.nat(), fc.integer({ min: 0x80, max: 0xff }), (text, at, byte) => {
        const bytes = Buffer.from(text, "latin1");
        const mixed = Buffer.concat([bytes.subarray(0, at % (bytes.length + 1)), Buffer.from([byte]), bytes.subarray(at % (bytes.length + 1))]);
        expect(asciiHash(mixed, false)).toBeNull();
        expect(asciiHash(mixed, true)).toBeNull();
      }),
      { seed: 65, numRuns: 500 },
    );
  });

  it("lower-cases A-Z only: the bytes around them ('@', '[', '`', '{') stay as they are", () => {
    expect(asciiHash(Buffer.from("@AZ[`az{"), true)).toEqual(hashOf("@az[`az{"));
    expect(asciiHash(Buffer.from("M141533@EXAMPLE.COM"), true)).toEqual(hashOf("m141533@example.com"));
  });

  it("tells apart texts that differ in length only by zero units, or in one unit of any width", () => {
    const texts = ["", "\u0000", "\u0000\u0000", "a", "a\u0000", "ab", "abc", "abcd", "abcde", "\u00e9", "\u0100", "\u00e9\u0000", "\u0000\u00e9", "\u4e2d\u6587", "\u4e2d\u6587\u0000"];
    const hashes = new Set(texts.map((text) => hashOf(text).join(",")));
    expect(hashes.size).toBe(texts.length);
  });
});

describe("HashTable64 against a Map (property-based)", () => {
  const key = fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })).filter(([high, low]) => high !== 0 || low !== 0);
  const operation = fc.record({ kind: fc.constantFrom("add", "increment", "putIfAbsent", "set", "get", "has"), key, value: fc.integer({ min: -100, max: 100 }) });

  it("answers every operation as a Map does, through its growth from 1,024 slots", () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 3000 }), (operations) => {
        const table = new HashTable64(true, 0);
        const oracle = new Map<string, number>();
        const hash = new Hash64();
        for (const { kind, key: [high, low], value } of operations) {
          hash.high = high;
          hash.low = low;
          const name = `${high},${low}`;
          const before = oracle.get(name);
          if (kind === "add") {
            expect(table.add(hash)).toBe(before === undefined);
            if (before === undefined) oracle.set(name, 0);
          } else if (kind === "increment") {
            expect(table.increment(hash, value)).toBe(before ?? 0);
            oracle.set(name, (before ?? 0) + value);
          } else if (kind === "putIfAbsent") {
            expect(table.putIfAbsent(hash, value, -999)).toBe(before ?? -999);
            if (before === undefined) oracle.set(name, value);
          } else if (kind === "set") {
            table.set(hash, value);
            oracle.set(name, value);
          } else if (kind === "get") expect(table.get(hash, -999)).toBe(before ?? -999);
          else expect(table.has(hash)).toBe(before !== undefined);
          expect(table.size).toBe(oracle.size);
        }
        const entries: string[] = [];
        table.forEach((high, low, value) => entries.push(`${high},${low}=${value}`));
        expect(entries.sort()).toEqual([...oracle].map(([name, value]) => `${name}=${value}`).sort());
      }),
      { seed: 66, numRuns: 60 },
    );
  });
});

describe("hashWholeNumber", () => {
  it("is hashString of the number's decimal text, for any whole number below 10^16", () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(1000), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(0, 9, 10, 99, 100, 41_000_000, 999_999_999_999_999, 2 ** 53 - 1)), (value) => {
        const [number, text] = [hashWholeNumber(value, new Hash64()), hashString(String(value), new Hash64())];
        expect([number.high, number.low]).toEqual([text.high, text.low]);
      }),
      { numRuns: 2000 },
    );
  });
});
