/**
 * What resolving the deferred ledger decides (ledger-resolve.ts), summed in typed arrays rather than applied
 * row by row: per file, the responses used per place and score and the first row that created each place;
 * per file and drop reason, the rows dropped and the first of them; the respondent counts. Sums of partitions
 * add up (`add`), so partitions can be resolved anywhere (worker threads) and applied once (`applyTo`).
 */
import { DROP_REASONS, type DropReason } from "../tally/tally.js";
import type { FileCells } from "./file-cells.js";
import type { RespondentSummary } from "./respondents.js";

const REASONS = DROP_REASONS.length;
/** Places and scores share a word: place x 16 + score (ledger-records.ts' outcome). */
const PER_PLACE = 16;

export type RespondentCounts = { -readonly [count in Exclude<keyof RespondentSummary, "dedupe">]: number };

/** Outcomes as plain data (what crosses between threads). */
export interface OutcomeData {
  readonly used: Int32Array[];
  readonly creators: Float64Array[];
  readonly drops: Int32Array;
  readonly firstDrops: Float64Array;
  readonly fileRepeats: Int32Array;
  readonly counts: RespondentCounts;
}

export class Outcomes implements OutcomeData {
  readonly used: Int32Array[];
  readonly creators: Float64Array[];
  readonly drops: Int32Array;
  readonly firstDrops: Float64Array;
  readonly fileRepeats: Int32Array;
  readonly counts: RespondentCounts = { respondents: 0, repeatRespondents: 0, repeatResponses: 0, crossVariant: 0 };

  /** `places`: how many places each file has (FileCells.places). */
  constructor(places: readonly number[]) {
    this.used = places.map((count) => new Int32Array(count * PER_PLACE));
    this.creators = places.map((count) => new Float64Array(count).fill(Number.POSITIVE_INFINITY));
    this.drops = new Int32Array(places.length * REASONS);
    this.firstDrops = new Float64Array(places.length * REASONS).fill(Number.POSITIVE_INFINITY);
    this.fileRepeats = new Int32Array(places.length);
  }

  /** A response used, by its outcome word (place x 16 + score). */
  use(file: number, outcome: number, seq: number): void {
    const used = this.used[file] as Int32Array;
    used[outcome] = (used[outcome] as number) + 1;
    this.create(file, outcome >>> 4, seq);
  }

  /** The row counted in `place` at `seq`, whether or not it stays counted: it made the cell. */
  create(file: number, place: number, seq: number): void {
    const creators = this.creators[file] as Float64Array;
    if (seq < (creators[place] as number)) creators[place] = seq;
  }

  drop(file: number, reason: number, seq: number): void {
    this.drops[file * REASONS + reason] += 1;
    this.noteFirstDrop(file, reason, seq);
  }

  noteFirstDrop(file: number, reason: number, seq: number): void {
    const at = file * REASONS + reason;
    if (seq < (this.firstDrops[at] as number)) this.firstDrops[at] = seq;
  }

  /** Adds a file's uses per place x 16 + score and its places' first rows (of at most the file's places). */
  addUses(file: number, used: Int32Array, creators: Float64Array): void {
    const into = this.used[file] as Int32Array;
    const length = Math.min(used.length, into.length);
    for (let index = 0; index < length; index += 1) into[index] = (into[index] as number) + (used[index] as number);
    const places = Math.min(creators.length, (this.creators[file] as Float64Array).length);
    for (let place = 0; place < places; place += 1) this.create(file, place, creators[place] as number);
  }

  /** Adds another sum (of other partitions). */
  add(other: OutcomeData): void {
    other.used.forEach((used, file) => this.addUses(file, used, other.creators[file] as Float64Array));
    other.drops.forEach((count, at) => (this.drops[at] = (this.drops[at] as number) + count));
    other.firstDrops.forEach((seq, at) => {
      if (seq < (this.firstDrops[at] as number)) this.firstDrops[at] = seq;
    });
    other.fileRepeats.forEach((count, file) => (this.fileRepeats[file] = (this.fileRepeats[file] as number) + count));
    for (const name of Object.keys(this.counts) as (keyof RespondentCounts)[]) this.counts[name] += other.counts[name];
  }

  /** Counts and drops the rows in their files' tallies. */
  applyTo(files: readonly FileCells[]): void {
    files.forEach((cells, file) => {
      const used = this.used[file] as Int32Array;
      (this.creators[file] as Float64Array).forEach((seq, place) => {
        if (seq === Number.POSITIVE_INFINITY) return;
        const cell = cells.createDeferred(place, seq);
        for (let score = 0; score < 11; score += 1) {
          const count = used[place * PER_PLACE + score] as number;
          cell.counts[score] = (cell.counts[score] as number) + count;
          cells.tally.accounting.rowsUsed += count;
        }
      });
      DROP_REASONS.forEach((reason: DropReason, index) => {
        const at = file * REASONS + index;
        const count = this.drops[at] as number;
        if (count > 0) cells.dropMany(reason, count);
        const seq = this.firstDrops[at] as number;
        if (seq < Number.POSITIVE_INFINITY) cells.noteFirstDrop(reason, seq);
      });
    });
  }
}
