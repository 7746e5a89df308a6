/** FileCells' rows counted later (countLater): each place's uses by score and its first row, kept as the places grow. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FileCells } from "../../src/ingest/file-cells.js";
import { emptyTally } from "../../src/tally/tally.js";

describe("rows a file's cells count later", () => {
  it("keep every place's uses per score and its first row, across thousands of places", () => {
    const use = fc.record({ place: fc.nat({ max: 3000 }), score: fc.nat({ max: 10 }), seq: fc.nat({ max: 1_000_000 }) });
    fc.assert(
      fc.property(fc.array(use, { maxLength: 400 }), (uses) => {
        const cells = new FileCells(emptyTally());
        const counts = new Map<number, number>();
        const firsts = new Map<number, number>();
        for (const { place, score, seq } of uses) {
          cells.countLater(place * 16 + score, seq);
          counts.set(place * 16 + score, (counts.get(place * 16 + score) ?? 0) + 1);
          firsts.set(place, Math.min(firsts.get(place) ?? Number.POSITIVE_INFINITY, seq));
        }
        const { uses: noted, firsts: first } = cells.takeLater();
        const places = first.length;
        expect(noted.length).toBe(places * 16);
        expect(places).toBeGreaterThan(Math.max(-1, ...firsts.keys()));
        expect([...first]).toEqual(Array.from({ length: places }, (_, place) => firsts.get(place) ?? Number.POSITIVE_INFINITY));
        expect([...noted]).toEqual(Array.from({ length: places * 16 }, (_, at) => counts.get(at) ?? 0));
        // Handed over once; nothing is counted into the Tally until the ledger applies its outcomes.
        expect([cells.takeLater().uses.length, cells.takeLater().firsts.length]).toEqual([0, 0]);
        expect(cells.tally.cells.size).toBe(0);
        expect(cells.tally.accounting.rowsUsed).toBe(0);
      }),
      { seed: 1202, numRuns: 60 },
    );
  });
});
