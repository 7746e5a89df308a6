/**
 * The respondent step of the resolution with `--dedupe none` (ledger-resolve.ts' RespondentPass) in
 * WebAssembly (respondent-kernel.wat, compiled to respondent-kernel.wasm by `npm run build`): the same sums
 * into the same Outcomes. With `none` this step drops nothing; it settles each record and counts the
 * respondents and repeats, a hash-table lookup or two a record, which in JavaScript was ~75 ns a record and,
 * after the reading, the largest step left on the bench file (~150 ms of ~900; BENCHMARKS.md). Where the
 * module is not there (the TypeScript sources, as in unit tests that do not load it) or cannot run,
 * `respondentKernel` gives null and the JavaScript counts: test/ingest/respondent-kernel.test.ts holds the two
 * equal.
 */
import { memoryOf, ShippedModule } from "../wasm-module.js";
import { DROP_REASONS } from "../tally/tally.js";
import { slotsFor } from "./hash64.js";
import { InternalError } from "../errors.js";
import { BYTES, WORDS } from "./ledger-records.js";
import type { Outcomes } from "./ledger-outcomes.js";

interface KernelExports {
  readonly configure: (...offsets: number[]) => void;
  readonly beginPartition: (pairSlots: number, peopleSlots: number) => void;
  readonly countPairs: (at: number, records: number) => number;
  readonly finishNone: () => void;
}

const PER_PLACE = 16;

/** Its sums are read through typed arrays in the machine's byte order (see ShippedModule). */
const kernelModule = new ShippedModule(new URL("./respondent-kernel.wasm", import.meta.url), true);

/** Uses `bytes` (a compiled respondent-kernel.wat), or no module (null), instead of the file next to this one: for tests. */
export function useRespondentKernel(bytes: Uint8Array | null): void {
  kernelModule.use(bytes);
}

export class RespondentKernel {
  private readonly exports: KernelExports;
  private readonly memory: WebAssembly.Memory;
  private readonly at: {
    readonly files: number[][];
    readonly drops: number;
    readonly firstDrops: number;
    readonly repeats: number;
    readonly counts: number;
    readonly block: number;
  };
  private readonly places: readonly number[];
  private readonly maxRecords: number;

  /** `maxRecords`: the most records a partition given to `partition` may have. */
  constructor(module: WebAssembly.Module, variants: readonly { readonly high: number; readonly low: number }[], places: readonly number[], maxRecords: number) {
    this.places = places;
    this.maxRecords = maxRecords;
    const files = places.length;
    const reasons = DROP_REASONS.length;
    let end = 0;
    const take = (bytes: number): number => {
      const start = end;
      end += Math.ceil(bytes / 8) * 8;
      return start;
    };
    const variantsAt = take(variants.length * 8);
    const filesAt = take(files * 8);
    const fileArrays = places.map((count) => [take(count * PER_PLACE * 4), take(count * 8)]);
    const dropsAt = take(files * reasons * 4);
    const firstDropsAt = take(files * reasons * 8);
    const repeatsAt = take(files * 4);
    const countsAt = take(16);
    const slots = slotsFor(maxRecords);
    const pairsAt = take(slots * 12);
    const peopleAt = take(slots * 12);
    const firstAt = take(maxRecords * 8);
    const lastAt = take(maxRecords * 8);
    const firstFileAt = take(maxRecords * 4);
    const blockAt = take(BLOCK_RECORDS * BYTES);
    this.memory = memoryOf(end);
    this.exports = new WebAssembly.Instance(module, { kernel: { memory: this.memory } }).exports as unknown as KernelExports;
    const { buffer } = this.memory;
    const words = new Int32Array(buffer);
    variants.forEach(({ high, low }, index) => words.set([high, low], variantsAt / 4 + index * 2));
    fileArrays.forEach(([usedAt, creatorsAt], file) => {
      words.set([usedAt as number, creatorsAt as number], filesAt / 4 + file * 2);
      new Float64Array(buffer, creatorsAt, places[file] as number).fill(Number.POSITIVE_INFINITY);
    });
    new Float64Array(buffer, firstDropsAt, files * reasons).fill(Number.POSITIVE_INFINITY);
    this.exports.configure(variantsAt, filesAt, dropsAt, firstDropsAt, repeatsAt, countsAt, pairsAt, peopleAt, firstAt, lastAt, firstFileAt, reasons);
    this.at = { files: fileArrays, drops: dropsAt, firstDrops: firstDropsAt, repeats: repeatsAt, counts: countsAt, block: blockAt };
  }

  /** Whether a partition of `records` records fits the tables (see the constructor). */
  fits(records: number): boolean {
    return records <= this.maxRecords;
  }

  /** countPairs over one partition's records (at most maxRecords, in blocks of whole records), then finishNone. */
  partition(blocks: Iterable<Int32Array>, records: number): void {
    // Pairs and respondents are at most its records.
    const slots = slotsFor(records);
    this.exports.beginPartition(slots, slots);
    const block = new Int32Array(this.memory.buffer, this.at.block, BLOCK_RECORDS * WORDS);
    for (const words of blocks) {
      for (let from = 0; from < words.length; from += block.length) {
        const part = words.subarray(from, from + block.length);
        block.set(part);
        if (this.exports.countPairs(this.at.block, part.length / WORDS) !== 0) throw new InternalError("a record of a respondent partition is neither a use nor a drop");
      }
    }
    this.exports.finishNone();
  }

  /** Adds what the partitions given to `partition` decided into `outcomes`. */
  addInto(outcomes: Outcomes): void {
    const { buffer } = this.memory;
    const files = this.places.length;
    const reasons = DROP_REASONS.length;
    const counts = new Int32Array(buffer, this.at.counts, 4);
    outcomes.add({
      used: this.at.files.map(([usedAt], file) => new Int32Array(buffer, usedAt, (this.places[file] as number) * PER_PLACE)),
      creators: this.at.files.map(([, creatorsAt], file) => new Float64Array(buffer, creatorsAt, this.places[file] as number)),
      drops: new Int32Array(buffer, this.at.drops, files * reasons),
      firstDrops: new Float64Array(buffer, this.at.firstDrops, files * reasons),
      fileRepeats: new Int32Array(buffer, this.at.repeats, files),
      counts: { respondents: counts[0] as number, repeatRespondents: counts[1] as number, repeatResponses: counts[2] as number, crossVariant: counts[3] as number },
    });
  }
}

/** Records copied into the module at once. */
const BLOCK_RECORDS = 1 << 15;

/**
 * A kernel for `--dedupe none` over partitions of at most `maxRecords` records, or null: another mode, or no
 * module. `places`: each file's places (FileCells.places).
 */
export function respondentKernel(dedupe: string, variants: readonly { readonly high: number; readonly low: number }[], places: readonly number[], maxRecords: number): RespondentKernel | null {
  const module = dedupe === "none" ? kernelModule.compiled : null;
  if (module === null) return null;
  try {
    return new RespondentKernel(module, variants, places, maxRecords);
  } catch {
    // No memory for its tables: the JavaScript's grow as they go.
    return null;
  }
}
