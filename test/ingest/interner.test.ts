/** The Interner (src/ingest/fast/interner.ts) against decoding every value: the same text, and stable entries. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENTRIES, Interner } from "../../src/ingest/fast/interner.js";

describe("Interner", () => {
  it("gives each value its trimmed text, and one entry per distinct bytes while it keeps them", () => {
    // Values of one length and first byte (the cheap checks), padded ones, long ones, non-ASCII ones.
    const value = fc.oneof(fc.constantFrom("site-a", "site-b", " site-a ", "site-é", ""), fc.stringMatching(/^s[a-z]{0,3}$/), fc.string({ minLength: 60, maxLength: 80 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (values) => {
        const interner = new Interner();
        const entries = new Map<string, number>();
        for (const text of values) {
          const bytes = Buffer.from(`,${text},`);
          expect(interner.value(bytes, 1, bytes.length - 1)).toBe(text.trim());
          const known = entries.get(text);
          if (known !== undefined) expect(interner.entry, JSON.stringify(text)).toBe(known);
          else if (interner.entry >= 0) {
            expect(interner.entry).toBe(entries.size);
            entries.set(text, interner.entry);
          }
          // Kept: the first ENTRIES distinct values of at most 64 bytes; the others are decoded each time.
          if (interner.entry < 0) expect(entries.size === ENTRIES || Buffer.byteLength(text) > 64, JSON.stringify(text)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
