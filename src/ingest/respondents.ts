/**
 * Duplicates and repeat respondents, across all the files of a run.
 *
 * - A response ID seen twice (within a variant) is the same response exported twice: counted once, the
 *   copy dropped as `duplicate-response`, whatever `--dedupe` says.
 * - A respondent (email, or a person id when there is no email) who answered more than once within a
 *   variant is a repeat respondent. Like the platforms' dashboards, `--dedupe none` (the default) keeps
 *   every response and only reports the repeats; `first` keeps each respondent's first response in file
 *   order, `last` the last one, and the others are dropped as `repeat-respondent`.
 * - A respondent whose responses are used in both variants is cross-variant contamination: reported, with
 *   the count, because it breaks the independence the tests assume.
 *
 * Memory: this is the one part of ingest not bounded by the number of Tally cells. It keeps 64-bit hashes
 * of the response IDs seen and of the distinct respondents, in typed-array tables (hash64.ts: 8-12 bytes a
 * slot at most 3/4 full, collision chance ~n^2/2^65; respondent-table.ts), and for `--dedupe last` where
 * each kept response was counted; never the rows themselves.
 *
 * With `--dedupe none` (the default) the outcome depends only on how often each respondent answered in each
 * variant, not on the order. So a worker thread reading a chunk of a file keeps a ledger that only finds
 * the duplicates within its chunk and notes its respondents (`recording`); the main thread then adds the
 * chunks in file order (`mergeChunk`), unless a response ID of a chunk was seen before it (then the chunk
 * is re-read in order).
 */
import { addResponses, dropRow, type Tally } from "../tally/tally.js";
import { combine, Hash64, hashString, HashTable64 } from "./hash64.js";
import { RespondentTable } from "./respondent-table.js";

export const DEDUPE_MODES = ["none", "first", "last"] as const;
export type DedupeMode = (typeof DEDUPE_MODES)[number];

export interface RespondentSummary {
  readonly dedupe: DedupeMode;
  /** Distinct identified respondents among the responses used (per variant). */
  readonly respondents: number;
  /** Respondents who answered more than once within a variant. */
  readonly repeatRespondents: number;
  /** Responses beyond each repeat respondent's first (used with `none`, dropped with `first` / `last`). */
  readonly repeatResponses: number;
  /** Respondents whose responses were used in both variants. */
  readonly crossVariant: number;
}

/** Where a response was counted, so that `--dedupe last` can take it back. */
export interface Placement {
  readonly tally: Tally;
  readonly variant: string;
  readonly day: string | null;
  readonly segment: string | null;
  readonly score: number;
}

/** A variant as the ledger keys it: its index in this ledger and the hash of its name. */
export interface VariantKey {
  readonly name: string;
  readonly index: number;
  readonly high: number;
  readonly low: number;
}

/** What a recording ledger noted, as flat arrays that can cross to another thread (see `mergeChunk`). */
export interface LedgerExport {
  /** Keys (high, low) of the response IDs seen, in order. */
  readonly responseIds: Int32Array;
  /** (high, low, variant index) of the respondent of each response admitted, in order. */
  readonly respondents: Int32Array;
  readonly variants: readonly string[];
}

/** A growing list of 32-bit numbers. */
class IntList {
  private values = new Int32Array(1024);
  length = 0;

  push(first: number, second: number, third?: number): void {
    const width = third === undefined ? 2 : 3;
    if (this.length + width > this.values.length) {
      const bigger = new Int32Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length] = first;
    this.values[this.length + 1] = second;
    if (third !== undefined) this.values[this.length + 2] = third;
    this.length += width;
  }

  toArray(): Int32Array {
    return this.values.slice(0, this.length);
  }
}

/** Bits of `admitKey`'s answer. */
export const USE = 1;
export const REPEAT = 2;

export class RespondentLedger {
  private readonly variants = new Map<string, VariantKey>();
  private readonly responseIds: HashTable64;
  private readonly respondents: RespondentTable;
  /** (variant, respondent) -> index into `kept`, for `--dedupe last`. */
  private readonly keptIndex = new HashTable64(true);
  private readonly kept: Placement[] = [];
  private readonly scratch = new Hash64();
  private repeatRespondents = 0;
  private repeatResponses = 0;

  /** In a worker thread: the response IDs and respondents met, in order, for `mergeChunk`. */
  private readonly recorded: { readonly ids: IntList; readonly respondents: IntList } | null;

  /**
   * `expectedRows`: room to make up front. `recording`: a `--dedupe none` ledger of one chunk read in a
   * worker thread, which finds duplicates within the chunk and notes the respondents for the main thread.
   */
  constructor(
    readonly dedupe: DedupeMode,
    expectedRows = 0,
    recording = false,
  ) {
    this.recorded = recording ? { ids: new IntList(), respondents: new IntList() } : null;
    this.responseIds = new HashTable64(false, expectedRows);
    this.respondents = new RespondentTable(recording ? 0 : expectedRows);
  }

  /** Makes room for about `rows` more response IDs at once. */
  reserve(rows: number): void {
    this.responseIds.reserve(rows);
  }

  variant(name: string): VariantKey {
    let key = this.variants.get(name);
    if (key === undefined) {
      const { high, low } = hashString(name, this.scratch);
      key = { name, index: this.variants.size, high, low };
      this.variants.set(name, key);
    }
    return key;
  }

  /** Whether this response ID was already seen in this variant; remembers it either way. */
  isDuplicateResponse(variant: string, responseId: string | undefined): boolean {
    const id = (responseId ?? "").trim();
    if (id === "") return false;
    return this.isDuplicateKey(this.variant(variant), hashString(id, this.scratch));
  }

  /** As isDuplicateResponse, given the hash of the trimmed, non-blank ID (which it turns into the key). */
  isDuplicateKey(variant: VariantKey, id: Hash64): boolean {
    const key = combine(id, variant.high, variant.low);
    if (!this.responseIds.add(key)) return true;
    this.recorded?.ids.push(key.high, key.low);
    return false;
  }

  /**
   * Called for a response about to be used. Returns whether to use it (false: drop it as
   * `repeat-respondent`) and whether its respondent had answered before.
   */
  admit(respondentValue: string | undefined, placement: Placement): { use: boolean; repeat: boolean } {
    const respondent = (respondentValue ?? "").trim().toLowerCase();
    if (respondent === "") return { use: true, repeat: false };
    const answer = this.admitKey(hashString(respondent, this.scratch), this.variant(placement.variant), placement);
    return { use: (answer & USE) !== 0, repeat: (answer & REPEAT) !== 0 };
  }

  /**
   * As admit, given the hash of the trimmed, lower-cased, non-blank respondent (which it turns into the
   * key); `placement` is needed for `--dedupe last` only. Answers USE | REPEAT bits.
   */
  admitKey(respondent: Hash64, variant: VariantKey, placement: Placement | null): number {
    if (this.recorded !== null) {
      this.recorded.respondents.push(respondent.high, respondent.low, variant.index);
      return USE;
    }
    const before = this.respondents.note(respondent, variant.index);
    if (before === 1) this.repeatRespondents += 1;
    if (before >= 1) this.repeatResponses += 1;
    const repeat = before >= 1 ? REPEAT : 0;
    if (this.dedupe === "first") return (before === 0 ? USE : 0) | repeat;
    if (this.dedupe === "last" && placement !== null) this.keep(combine(respondent, variant.high, variant.low), placement);
    return USE | repeat;
  }

  private keep(key: Hash64, placement: Placement): void {
    const index = this.keptIndex.get(key, -1);
    const previous = this.kept[index];
    if (previous !== undefined) {
      // Take the earlier response back out of the tally it was counted in: the row is now dropped.
      addResponses(previous.tally, previous.variant, previous.day, previous.segment, previous.score, -1);
      dropRow(previous.tally, "repeat-respondent");
      this.kept[index] = placement;
    } else {
      this.keptIndex.set(key, this.kept.length);
      this.kept.push(placement);
    }
  }

  /** What a recording ledger noted. */
  export(): LedgerExport {
    const { recorded } = this;
    if (recorded === null) return { responseIds: new Int32Array(0), respondents: new Int32Array(0), variants: [] };
    return { responseIds: recorded.ids.toArray(), respondents: recorded.respondents.toArray(), variants: [...this.variants.keys()] };
  }

  /**
   * Adds a chunk read after everything here, as if its rows were admitted here in order; returns the
   * chunk's responses from repeat respondents. Null, and nothing added, if a response ID of the chunk was
   * already seen: then the chunk must be read in order instead.
   */
  mergeChunk(part: LedgerExport): number | null {
    if (!this.responseIds.addAllNew(part.responseIds)) return null;
    const variants = part.variants.map((name) => this.variant(name));
    const { respondents } = part;
    let repeats = 0;
    for (let at = 0; at < respondents.length; at += 3) {
      this.scratch.high = respondents[at] as number;
      this.scratch.low = respondents[at + 1] as number;
      const variant = variants[respondents[at + 2] as number] as VariantKey;
      if ((this.admitKey(this.scratch, variant, null) & REPEAT) !== 0) repeats += 1;
    }
    return repeats;
  }

  summary(): RespondentSummary {
    return {
      dedupe: this.dedupe,
      respondents: this.respondents.pairs,
      repeatRespondents: this.repeatRespondents,
      repeatResponses: this.repeatResponses,
      crossVariant: this.respondents.crossVariant,
    };
  }
}
