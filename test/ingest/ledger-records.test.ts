/** The deferred ledger's record storage (ledger-records.ts): growing lists, runs on disk, partitions read back. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { PAIR_PERSON_HIGH, PAIR_WORDS, PairWriter, RecordList, readRecords, RunWriter, segmentsOf, seqAt, setSeq, spillFailure, SpillDirectory, TOP_PARTITIONS, WORDS } from "../../src/ingest/ledger-records.js";

const recordOf = (seq: number): Int32Array => {
  const words = new Int32Array(WORDS).map((_, word) => seq * 10 + word);
  setSeq(words, 0, seq);
  return words;
};

describe("ledger records", () => {
  it("keep every word of every record as their list grows", () => {
    const list = new RecordList(2);
    for (let seq = 0; seq < 3000; seq += 1) list.add(recordOf(seq), 0);
    const words = list.view();
    expect(words.length).toBe(3000 * WORDS);
    for (let seq = 0; seq < 3000; seq += 1) expect([...words.subarray(seq * WORDS, (seq + 1) * WORDS)]).toEqual([...recordOf(seq)]);
  });

  it("stay in shared memory as a shared list grows, reusing the space it is given when large enough", () => {
    const list = new RecordList(2, {});
    expect(list.words.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (let seq = 0; seq < 3000; seq += 1) list.add(recordOf(seq), 0);
    expect(list.words.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (let seq = 0; seq < 3000; seq += 1) expect([...list.view().subarray(seq * WORDS, (seq + 1) * WORDS)]).toEqual([...recordOf(seq)]);
    const space = list.words.buffer as SharedArrayBuffer;
    expect(new RecordList(3000, { space }).words.buffer).toBe(space);
    // Too small for the records asked for: new shared memory.
    const fresh = new RecordList(space.byteLength, { space }).words.buffer;
    expect(fresh).not.toBe(space);
    expect(fresh).toBeInstanceOf(SharedArrayBuffer);
    expect(new RecordList(2).words.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it("store sequence numbers past 2^32 exactly", () => {
    const words = new Int32Array(WORDS);
    for (const seq of [0, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 45 + 12345]) {
      setSeq(words, 0, seq);
      expect(seqAt(words, 0)).toBe(seq);
    }
  });

  it("come back from runs on disk per partition, in the order written, in blocks of any size", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 9 }), (partitions, budget, block) => {
        const directory = new SpillDirectory();
        try {
          // Depth 1: the low 4 bits of word 2, which holds the partition.
          const writer = new RunWriter(() => directory.file(), 16, { keyWord: 2, depth: 1, otherwise: null }, budget);
          partitions.forEach((partition, seq) => {
            const record = recordOf(seq);
            record[2] = partition;
            writer.add(record, 0);
          });
          writer.flush();
          [0, 1, 2, 3, 4].forEach((partition) => {
            const seqs: number[] = [];
            for (const words of readRecords(writer.segmentsOf(partition), WORDS, block)) for (let at = 0; at < words.length; at += WORDS) seqs.push(seqAt(words, at));
            expect(seqs).toEqual(partitions.flatMap((of, seq) => (of === partition ? [seq] : [])));
          });
        } finally {
          directory.remove();
        }
      }),
      { seed: 3, numRuns: 100 },
    );
  });

  it("keep pair records whole, added or copied, and bring them back per partition in the order written", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 9 }), (partitions, budget, block) => {
        const directory = new SpillDirectory();
        try {
          // Depth 1: the low 4 bits of the respondent key's high word, which holds the partition.
          const writer = new RunWriter(() => directory.file(), 16, { keyWord: PAIR_PERSON_HIGH, depth: 1, otherwise: null }, budget, 2, undefined, PAIR_WORDS);
          const pairOf = (seq: number, partition: number): number[] => [partition, -1 - seq, seq * 3, seq + 7];
          partitions.forEach((partition, seq) => {
            const [high, low, variant, file] = pairOf(seq, partition) as [number, number, number, number];
            // Half of them copied from a list of pair records, half added word by word.
            if (seq % 2 === 0) writer.addPair(high, low, variant, file);
            else writer.add(Int32Array.of(0, 0, 0, 0, high, low, variant, file), PAIR_WORDS);
          });
          writer.flush();
          [0, 1, 2, 3, 4].forEach((partition) => {
            const read: number[][] = [];
            for (const words of readRecords(writer.segmentsOf(partition), PAIR_WORDS, block)) for (let at = 0; at < words.length; at += PAIR_WORDS) read.push([...words.subarray(at, at + PAIR_WORDS)]);
            expect(read).toEqual(partitions.flatMap((of, seq) => (of === partition ? [pairOf(seq, of)] : [])));
          });
        } finally {
          directory.remove();
        }
      }),
      { seed: 4, numRuns: 100 },
    );
  });

  it("route pair records to their respondent partitions as they come, in runs of the budget, as a RunWriter would", () => {
    // Few partitions (the low key's low 8 bits), so that a partition spans several blocks and runs.
    const pair = fc.record({ high: fc.integer(), low: fc.integer({ min: 0, max: 3 }), variant: fc.nat({ max: 3 }), file: fc.nat({ max: 2 }) });
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 300 }), fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(Number.POSITIVE_INFINITY)), fc.integer({ min: 1, max: 9 }), (pairs, budget, block) => {
        const directory = new SpillDirectory();
        try {
          const writer = new PairWriter(() => directory.file(), budget);
          const oracle = new RunWriter(() => directory.file(), TOP_PARTITIONS, { keyWord: PAIR_PERSON_HIGH, depth: 0, otherwise: null }, Number.POSITIVE_INFINITY, 2, undefined, PAIR_WORDS);
          for (const { high, low, variant, file } of pairs) {
            writer.addPair(high, low, variant, file);
            oracle.addPair(high, low, variant, file);
          }
          // Kept in memory: the same records, by partition.
          const kept = writer.blocks().flatMap((words) => [...words]);
          if (!Number.isFinite(budget)) expect(kept.length).toBe(pairs.length * PAIR_WORDS);
          writer.flush();
          oracle.flush();
          expect(writer.runs.length).toBe(Number.isFinite(budget) ? Math.ceil(pairs.length / budget) : Math.min(1, pairs.length));
          for (let partition = 0; partition < TOP_PARTITIONS; partition += 1) {
            // Copied block by block: a block is only valid until the next.
            const read = (segments: ReturnType<typeof oracle.segmentsOf>): number[] => {
              const words: number[] = [];
              for (const read_ of readRecords(segments, PAIR_WORDS, block)) words.push(...read_);
              return words;
            };
            expect(read(segmentsOf(writer.runs, partition))).toEqual(read(oracle.segmentsOf(partition)));
          }
        } finally {
          directory.remove();
        }
      }),
      { seed: 5, numRuns: 100 },
    );
  });

  it("come in three widths only", () => {
    expect(() => new RecordList(2, undefined, 5)).toThrow(/records of 5 words/);
  });

  it("report an unusable temporary directory as the user's to fix, and anything else as it was", () => {
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    const failure = spillFailure(full, "/tmp/x");
    expect(failure).toBeInstanceOf(UsageError);
    expect((failure as UsageError).message).toBe("cannot use the temporary directory /tmp/x to find duplicate responses (ENOSPC)");
    expect((failure as UsageError).hint).toMatch(/TMPDIR/);
    const bug = new TypeError("x is undefined");
    expect(spillFailure(bug, "/tmp/x")).toBe(bug);
    const other = Object.assign(new Error("EMFILE"), { code: "EMFILE" });
    expect(spillFailure(other, "/tmp/x")).toBe(other);
  });

  it("cannot be made in a temporary directory that does not exist, and say so as a usage error", () => {
    const saved = process.env["TMPDIR"];
    process.env["TMPDIR"] = "/nonexistent-nps-ab-tmp";
    try {
      expect(() => new SpillDirectory()).toThrow(UsageError);
      expect(() => new SpillDirectory()).toThrow("cannot use the temporary directory /nonexistent-nps-ab-tmp to find duplicate responses (ENOENT)");
    } finally {
      if (saved === undefined) delete process.env["TMPDIR"];
      else process.env["TMPDIR"] = saved;
    }
  });
});
