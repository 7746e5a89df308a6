/**
 * The respondent step of the resolution with `--dedupe none` (ledger-resolve.ts' countPairs) in WebAssembly
 * (respondent-kernel.wat, compiled to respondent-kernel.wasm by `npm run build`): the same sums into the same
 * Outcomes. With `none` this step drops nothing; it counts the respondents and repeats over pair records, a
 * hash-table lookup or two a record, which in JavaScript was ~75 ns a record and, after the reading, the
 * largest step left on the bench file (~150 ms of ~900; BENCHMARKS.md). Where the module is not there (the
 * TypeScript sources, as in unit tests that do not load it) or cannot run, `respondentKernel` gives null and the
 * JavaScript counts: test/ingest/respondent-kernel.test.ts holds the two equal.
 */
import { memoryOf, ShippedModule } from "../wasm-module.js";
import { slotsFor } from "./hash64.js";
import { PAIR_WORDS } from "./ledger-records.js";
import type { Outcomes } from "./ledger-outcomes.js";

interface KernelExports {
  readonly configure: (variantsAt: number, repeatsAt: number, countsAt: number, pairsAt: number, peopleAt: number) => void;
  readonly beginPartition: (pairSlots: number, peopleSlots: number) => void;
  readonly countPairs: (at: number, records: number) => void;
  readonly finishPartition: () => void;
}

/** Its sums are read through typed arrays in the machine's byte order (see ShippedModule). */
const kernelModule = new ShippedModule(new URL("./respondent-kernel.wasm", import.meta.url), true);

/** Uses `bytes` (a compiled respondent-kernel.wat), or no module (null), instead of the file next to this one: for tests. */
export function useRespondentKernel(bytes: Uint8Array | null): void {
  kernelModule.use(bytes);
}

export class RespondentKernel {
  private readonly exports: KernelExports;
  private readonly memory: WebAssembly.Memory;
  private readonly at: { readonly repeats: number; readonly counts: number; readonly block: number };
  private readonly files: number;
  private readonly maxRecords: number;

  /** `files`: the run's files; `maxRecords`: the most records a partition given to `partition` may have. */
  constructor(module: WebAssembly.Module, variants: readonly { readonly high: number; readonly low: number }[], files: number, maxRecords: number) {
    this.files = files;
    this.maxRecords = maxRecords;
    let end = 0;
    const take = (bytes: number): number => {
      const start = end;
      end += Math.ceil(bytes / 8) * 8;
      return start;
    };
    const variantsAt = take(variants.length * 8);
    const repeatsAt = take(files * 4);
    const countsAt = take(16);
    const slots = slotsFor(maxRecords);
    const pairsAt = take(slots * 12);
    const peopleAt = take(slots * 12);
    const blockAt = take(BLOCK_RECORDS * PAIR_WORDS * 4);
    this.memory = memoryOf(end);
    this.exports = new WebAssembly.Instance(module, { kernel: { memory: this.memory } }).exports as unknown as KernelExports;
    const words = new Int32Array(this.memory.buffer);
    variants.forEach(({ high, low }, index) => words.set([high, low], variantsAt / 4 + index * 2));
    this.exports.configure(variantsAt, repeatsAt, countsAt, pairsAt, peopleAt);
    this.at = { repeats: repeatsAt, counts: countsAt, block: blockAt };
  }

  /** Whether a partition of `records` records fits the tables (see the constructor). */
  fits(records: number): boolean {
    return records <= this.maxRecords;
  }

  /** countPairs over one partition's pair records (at most maxRecords, in blocks of whole records). */
  partition(blocks: Iterable<Int32Array>, records: number): void {
    // Pairs and respondents are at most its records.
    const slots = slotsFor(records);
    this.exports.beginPartition(slots, slots);
    const block = new Int32Array(this.memory.buffer, this.at.block, BLOCK_RECORDS * PAIR_WORDS);
    for (const words of blocks) {
      for (let from = 0; from < words.length; from += block.length) {
        const part = words.subarray(from, from + block.length);
        block.set(part);
        this.exports.countPairs(this.at.block, part.length / PAIR_WORDS);
      }
    }
    this.exports.finishPartition();
  }

  /** Adds what the partitions given to `partition` counted into `outcomes`. */
  addInto(outcomes: Outcomes): void {
    const { buffer } = this.memory;
    const repeats = new Int32Array(buffer, this.at.repeats, this.files);
    repeats.forEach((count, file) => (outcomes.fileRepeats[file] = (outcomes.fileRepeats[file] as number) + count));
    const [respondents, repeatRespondents, repeatResponses, crossVariant] = new Int32Array(buffer, this.at.counts, 4);
    const { counts } = outcomes;
    counts.respondents += respondents as number;
    counts.repeatRespondents += repeatRespondents as number;
    counts.repeatResponses += repeatResponses as number;
    counts.crossVariant += crossVariant as number;
  }
}

/** Records copied into the module at once. */
const BLOCK_RECORDS = 1 << 15;

/**
 * A kernel for `--dedupe none` over partitions of at most `maxRecords` records, or null: another mode, or no
 * module. `files`: how many files the run has.
 */
export function respondentKernel(dedupe: string, variants: readonly { readonly high: number; readonly low: number }[], files: number, maxRecords: number): RespondentKernel | null {
  const module = dedupe === "none" ? kernelModule.compiled : null;
  if (module === null) return null;
  try {
    return new RespondentKernel(module, variants, files, maxRecords);
  } catch {
    // No memory for its tables: the JavaScript's grow as they go.
    return null;
  }
}
