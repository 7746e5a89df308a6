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
 * Deferred, so that memory stays bounded whatever the size of the input. Exact duplicate detection must
 * remember every response ID; held in memory that grew ~12 bytes an ID (540 MB for 22 million rows). Instead,
 * a row with a response ID or a respondent is not counted when it is read: it becomes a fixed-size record
 * (ledger-records.ts: its run sequence number, hashed keys, variant, file and the outcome it got from the
 * other checks), kept in memory up to a budget (2^17 records) and beyond it written to a temporary directory
 * in runs sorted by partition (key hash). Once every file is read, `resolve` gives each record its final
 * outcome partition by partition (ledger-resolve.ts), in memory for a small run, else in groups of partitions
 * on this thread and worker threads (ledger-partitions.ts) whose summed outcomes (ledger-outcomes.ts) are
 * applied once; FileCells then puts the Tally's cells and drop reasons in the order a sequential read makes
 * them. A row with neither key is counted at once. Memory: the budget, a partition's tables (at most 2^17
 * keys before it is split further) per thread, and a few words per run and partition to find them. Order
 * lives in the sequence numbers, so worker threads can read chunks of a file in any dedupe mode
 * (`exportChunk`, `mergeChunk`).
 *
 * Response IDs that are whole numbers (Delighted's, SurveyMonkey's) skip most of that: this thread sees the
 * rows in file order (its own, and each chunk as it merges it), so it decides their copies there and then, in
 * an exact set of the numbers read (id-set.ts, a Roaring bitmap: ~0.3 MB for the 2M-row bench file's IDs).
 * A copy is dropped at once; a first occurrence is settled at once, or goes on to the respondent step without
 * an ID key. The ID pass is then left with the other IDs, and the bench file's records are written, read and
 * sorted once instead of twice. The set has a budget (LedgerOptions.idSetBytes); past it, or once its IDs
 * prove too spread out to be worth it (IdSet.sparse), its numbers go to the ID pass as MARKER records and later
 * ones as hashed keys (the reader threads are told to hash them: numericIdsForChunks), so the result is the
 * same whichever way an ID goes (test/ingest/numeric-ids.test.ts holds it to hashing them all).
 *
 * With `--dedupe none` (the default) the respondent step drops nothing: a used response whose ID is decided
 * (or that has none) is counted when it is merged (FileCells.countLater), and leaves only a pair record
 * (respondent, variant, file: 16 bytes; ledger-records.ts' PairWriter) for the respondent counts. A spilled
 * run's pairs are then counted on the reader threads while the analysis runs (ingest.ts' ingestInStages).
 * Reader threads hand their chunks over as chunk records (7 words: no file, a 32-bit sequence number).
 *
 * One consequence, deliberate: a row's score and date are read before it is known to be a duplicate, so with
 * `--strict` a duplicate response with a blank or invalid score is an error too (before, a duplicate was
 * dropped before its score was looked at), and a duplicate's date takes part in settling day/month order.
 */
import type { DropReason, Tally } from "../tally/tally.js";
import { FileCells, type CellPlace } from "./file-cells.js";
import { combine, Hash64, hashString, hashWholeNumber } from "./hash64.js";
import { InternalError } from "../errors.js";
import { CHUNK_ID_HIGH, CHUNK_ID_LOW, CHUNK_OUTCOME, CHUNK_PERSON_HIGH, CHUNK_PERSON_LOW, CHUNK_SEQ, CHUNK_VARIANT, CHUNK_WORDS, ID_HIGH, MARKER, PAIR_WORDS, PairWriter, PERSON_HIGH, RecordList, RunWriter, SpillDirectory, TOP_PARTITIONS, TWO_32, WORDS, type Route, type SharedRecords } from "./ledger-records.js";
import { IdSet, wholeNumberId } from "./id-set.js";
import type { KeptThreads } from "./kept-threads.js";
import { Outcomes } from "./ledger-outcomes.js";
import { resolveSpilled } from "./ledger-partitions.js";
import { releaseTables, resolveIds, resolveRespondents, type Resolution } from "./ledger-resolve.js";
import { respondentKernel } from "./respondent-kernel.js";
import { DROP_REASONS } from "../tally/tally.js";

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

/** What resolving counts of the respondents: the summary, and each file's repeat responses. */
export interface RespondentCounts {
  readonly summary: RespondentSummary;
  readonly fileRepeats: readonly number[];
}

/** A variant as the ledger keys it: its index in this ledger and the hash of its name. */
export interface VariantKey {
  readonly name: string;
  readonly index: number;
  readonly high: number;
  readonly low: number;
}

/** What a worker thread's ledger noted for one chunk of one file, as plain data for the main thread. */
export interface LedgerChunk {
  /** The chunk records (ledger-records.ts' CHUNK_WORDS), with this chunk's variants and places. */
  readonly records: Int32Array;
  readonly variants: readonly string[];
  readonly places: readonly CellPlace[];
  /** The sequence number of the row that created each cell of the chunk's Tally, in its order. */
  readonly born: readonly number[];
  /** The sequence number of the first row dropped for each reason. */
  readonly firstDrops: ReadonlyMap<DropReason, number>;
}

export interface LedgerOptions {
  /**
   * Records kept in memory before spilling to disk (default 2^17: 4.7 MB, twice that while a run is sorted);
   * a partition resolved at once holds at most this many keys too.
   */
  readonly budgetRecords?: number | undefined;
  /** Room for records made up front (a worker thread's ledger, which knows its chunk's size). */
  readonly initialRecords?: number | undefined;
  /**
   * A worker thread's ledger keeps its records in shared memory (SharedArrayBuffer), which the main thread
   * reads and hands back without copying or transferring it. A transfer detaches an ArrayBuffer, and the first
   * detach in a thread threw away all of its optimized code that reads typed arrays (V8's "ArrayBufferDetaching"
   * protector: `node --trace-protector-invalidation`), made again with a check of every access for a detached
   * buffer.
   *
   * `space` is the memory of an earlier chunk's records, used when large enough: the main thread gives it back
   * once it has merged them. Allocating ~8 MB afresh per chunk and freeing it on another thread left ~25 MB
   * more resident on a 2 GB file (glibc keeps freed blocks of that size for reuse).
   */
  readonly sharedRecords?: SharedRecords | undefined;
  /** Threads that resolve a spilled ledger (default: see resolveSpilled); tests set them. */
  readonly resolveThreads?: number | undefined;
  /**
   * Whole-number response IDs (noteNumericId): `decide` (the run's ledger, the default) finds their copies as
   * the rows come, in file order, in an IdSet; `keep` (a worker thread's ledger for a chunk, which cannot know
   * the rows before it) leaves them for the run's ledger to decide when it merges the chunk; `hash` treats
   * them as any ID, through the ID pass after reading (what `decide` must equal: the tests' oracle).
   */
  readonly numericIds?: "decide" | "keep" | "hash" | undefined;
  /** Bytes the IdSet may hold before its IDs go to the ID pass after all (default 8 MB); tests make it tiny. */
  readonly idSetBytes?: number | undefined;
  /**
   * A worker thread's ledger for one chunk, which the run's ledger merges (exportChunk) and never resolves: it
   * keeps every deferring row as a whole record, with `--dedupe none` too (the run's ledger turns them into
   * pair records as it merges them).
   */
  readonly chunk?: boolean | undefined;
}

/** The top bit of a record's ID_HIGH marks a whole-number ID (below 2^53) not yet decided: hashed keys have it clear. */
const NUMERIC = 0x80000000 | 0;
/** The ID key of a hashed ID: combined with its variant's hash, its top bit cleared (NUMERIC), never (0, 0). */
function idKey(variant: VariantKey, id: Hash64): [number, number] {
  const key = combine(id, variant.high, variant.low);
  const high = key.high & ~NUMERIC;
  return [high, high === 0 && key.low === 0 ? 1 : key.low];
}

/** The run writer's partitions while reading: ID partitions, then respondent partitions. */
const BY_ID_OR_RESPONDENT: Route = { keyWord: ID_HIGH, depth: 0, otherwise: PERSON_HIGH };

export class RespondentLedger {
  private readonly variants = new Map<string, VariantKey>();
  private readonly variantList: VariantKey[] = [];
  private readonly files: FileCells[] = [];
  private readonly scratch = new Hash64();
  private readonly budget: number;
  private readonly resolveThreads: number | undefined;
  /** The records: in memory up to the budget, then in runs on disk. */
  private readonly writer: RunWriter;
  /**
   * With `--dedupe none` (not in a chunk's ledger), the pair records (ledger-records.ts) of the responses
   * counted as they came, by respondent partition: the writer's own respondent partitions then stay empty.
   */
  private readonly pairs: PairWriter | null;
  private readonly chunk: boolean;
  /** A chunk's ledger's records (chunk: true), which the run's ledger merges. */
  private readonly chunkRecords: RecordList | null;
  private directory: SpillDirectory | null = null;
  /** Rows seen in the run: the next row's sequence number. */
  private rows = 0;
  /** The current row's keys ((0, 0): none), noted by noteId / noteRespondent. */
  private idHigh = 0;
  private idLow = 0;
  private personHigh = 0;
  private personLow = 0;
  /** The variant of the row whose response ID was noted. */
  private idVariant = 0;
  /** The ID key decideNumericId leaves for a record. */
  private keyHigh = 0;
  private keyLow = 0;
  private seq = 0;
  private readonly numericIds: "decide" | "keep" | "hash";
  /** The numeric response IDs read so far, while deciding them here (null: they go to the ID pass). */
  private ids: IdSet | null = null;
  private readonly idSetBytes: number;

  constructor(
    readonly dedupe: DedupeMode,
    options: LedgerOptions = {},
  ) {
    this.budget = options.budgetRecords ?? 1 << 17;
    this.resolveThreads = options.resolveThreads;
    this.chunk = options.chunk ?? false;
    // A chunk's ledger keeps its records as chunk records, where the room asked for goes.
    this.chunkRecords = this.chunk ? new RecordList(options.initialRecords, options.sharedRecords, CHUNK_WORDS) : null;
    this.writer = this.chunk ? new RunWriter(this.spillFile, 2 * TOP_PARTITIONS, BY_ID_OR_RESPONDENT, this.budget) : new RunWriter(this.spillFile, 2 * TOP_PARTITIONS, BY_ID_OR_RESPONDENT, this.budget, options.initialRecords, options.sharedRecords);
    this.pairs = dedupe === "none" && !this.chunk ? new PairWriter(this.spillFile, this.budget) : null;
    this.numericIds = options.numericIds ?? "decide";
    if (this.numericIds === "decide") this.ids = new IdSet();
    this.idSetBytes = options.idSetBytes ?? 8 << 20;
  }

  /**
   * Whether the readers are to note whole-number IDs as such (noteNumericId): not when they are hashed anyway
   * (`hash`), where hashing the ID's text as they read it costs less.
   */
  get takesNumericIds(): boolean {
    return this.numericIds !== "hash";
  }

  /** How a worker thread's ledger is to note whole-number IDs: left to this one while it decides them. */
  get numericIdsForChunks(): "keep" | "hash" {
    return this.ids === null ? "hash" : "keep";
  }

  /** A new file in the spill directory, made on first use. */
  private readonly spillFile = (): string => {
    this.directory ??= new SpillDirectory();
    return this.directory.file();
  };

  /** The current file's cells: rows from now on belong to it. */
  cells!: FileCells;

  beginFile(tally: Tally): FileCells {
    this.cells = new FileCells(tally);
    this.files.push(this.cells);
    return this.cells;
  }

  variant(name: string): VariantKey {
    let key = this.variants.get(name);
    if (key === undefined) {
      const { high, low } = hashString(name, this.scratch);
      key = { name, index: this.variants.size, high, low };
      this.variants.set(name, key);
      this.variantList.push(key);
    }
    return key;
  }

  /** A new row: returns its sequence number and forgets the previous row's keys. */
  startRow(): number {
    this.idHigh = this.idLow = this.personHigh = this.personLow = 0;
    this.seq = this.rows;
    this.rows += 1;
    return this.seq;
  }

  /** Takes back the row just started, which nothing has noted yet (a repeated header line: rows.ts). */
  forgetRow(): void {
    this.idHigh = this.idLow = this.personHigh = this.personLow = 0;
    this.rows -= 1;
  }

  /** The row's response ID: the hash of the trimmed, non-blank ID, combined with its variant's. */
  noteId(variant: VariantKey, id: Hash64): void {
    this.setIdKey(variant, id);
    this.idVariant = variant.index;
  }

  /**
   * The row's response ID as text (trimmed, not blank), for the readers that have it as text: a whole number
   * written plainly (wholeNumberId) noted as such, any other text hashed.
   */
  noteIdText(variant: VariantKey, text: string): void {
    const value = this.takesNumericIds ? wholeNumberId(text) : -1;
    if (value >= 0) this.noteNumericId(variant, value);
    else this.noteId(variant, hashString(text, this.scratch));
  }

  /**
   * The row's response ID when it is a whole number written plainly (wholeNumberId): decided as the rows come
   * (see LedgerOptions.numericIds), else hashed as its text, which is `String(value)`.
   */
  noteNumericId(variant: VariantKey, value: number): void {
    this.idVariant = variant.index;
    if (this.numericIds === "hash") {
      this.setIdKey(variant, hashWholeNumber(value, this.scratch));
      return;
    }
    // The two 32-bit halves of a value below 2^53, without a floating-point remainder (`%` on doubles calls
    // fmod: ~10 ns against ~2-3 in a micro-benchmark): dividing by 2^32 and multiplying back are exact.
    const high = Math.floor(value / TWO_32);
    this.idHigh = NUMERIC | high;
    this.idLow = (value - high * TWO_32) | 0;
  }

  /**
   * noteNumericId of the value high x 2^32 + low (unsigned), given as its two 32-bit halves, as the row kernel
   * reads it: kept or decided here, it is stored as those halves, without making the value and splitting it
   * again.
   */
  noteNumericIdWords(variant: VariantKey, high: number, low: number): void {
    if (this.numericIds === "hash") return this.noteNumericId(variant, high * TWO_32 + (low >>> 0));
    this.idVariant = variant.index;
    this.idHigh = NUMERIC | high;
    this.idLow = low | 0;
  }

  private setIdKey(variant: VariantKey, id: Hash64): void {
    [this.idHigh, this.idLow] = idKey(variant, id);
  }

  /** The row's respondent: the hash of the trimmed, lower-cased, non-blank value. */
  noteRespondent(respondent: Hash64): void {
    this.personHigh = respondent.high;
    this.personLow = respondent.low;
  }

  /** Whether the row's outcome must wait for `resolve`: it has a response ID or a respondent. */
  get deferring(): boolean {
    return (this.idHigh | this.idLow | this.personHigh | this.personLow) !== 0;
  }

  /** Drops the row now, or (with a response ID) notes the reason for `resolve`, which may make it a duplicate. */
  drop(reason: DropReason): void {
    if ((this.idHigh | this.idLow) === 0) this.cells.drop(reason, this.seq);
    else this.record(-1 - DROP_REASONS.indexOf(reason), this.idVariant);
  }

  /** Notes the deferring row as used, with its place (FileCells.id) and score, for `resolve`. */
  deferUse(variant: VariantKey, place: number, score: number): void {
    // 16 > the 11 scores: the place and score share one word (see ledger-records.ts).
    this.record(place * 16 + score, variant.index);
  }

  private record(outcome: number, variant: number): void {
    if ((this.idHigh & NUMERIC) !== 0 && this.numericIds === "decide") {
      if (!this.decideNumericId(variant, this.idHigh, this.idLow, (this.personHigh | this.personLow) !== 0, outcome, this.seq)) return;
      this.idHigh = this.keyHigh;
      this.idLow = this.keyLow;
    }
    if (this.chunkRecords !== null) this.chunkRecords.addChunkRecord(this.seq, this.idHigh, this.idLow, this.personHigh, this.personLow, variant, outcome);
    else if (this.pairs !== null && (this.idHigh | this.idLow) === 0 && outcome >= 0) this.countPair(outcome, this.seq, this.personHigh, this.personLow, variant);
    else this.writer.write(this.seq, this.idHigh, this.idLow, this.personHigh, this.personLow, variant, this.files.length - 1, outcome);
  }

  /**
   * `--dedupe none`: a used response of a respondent, with no response ID left to decide, is counted now (that
   * mode drops no repeat) and leaves a pair record for the respondent step.
   */
  private countPair(outcome: number, seq: number, personHigh: number, personLow: number, variant: number): void {
    this.cells.countLater(outcome, seq);
    (this.pairs as PairWriter).addPair(personHigh, personLow, variant, this.files.length - 1);
  }

  /**
   * Whether the row kernel may hand this ledger chunk records it made itself (fast-rows.ts' fastRows): a
   * chunk's ledger that keeps whole-number IDs as such, as the kernel writes them.
   */
  get takesChunkRecords(): boolean {
    return this.chunkRecords !== null && this.numericIds === "keep";
  }

  /** The sequence number the next row gets (startRow). */
  get nextSeq(): number {
    return this.rows;
  }

  /**
   * Rows noted as chunk records made elsewhere (`words`, `count` of them, numbered from nextSeq on), each as
   * startRow then noteNumericIdWords, noteRespondent and deferUse would have noted it.
   */
  addChunkRecords(words: Int32Array, count: number): void {
    const records = this.chunkRecords as RecordList;
    records.reserve(count).set(words, records.length);
    records.length += words.length;
    this.rows += count;
  }

  /** What a worker thread's ledger noted for its chunk (its Tally is the chunk's). */
  exportChunk(): LedgerChunk {
    const records = this.chunkRecords;
    if (records === null) throw new InternalError("only a chunk's ledger is exported");
    return { records: records.words.subarray(0, records.length), variants: [...this.variants.keys()], places: this.cells.places, born: this.cells.bornInOrder(), firstDrops: this.cells.firstDrops };
  }

  /** Adds a chunk of the current file read in a worker thread after everything here, as if read here. */
  mergeChunk(chunk: LedgerChunk, tally: Tally): void {
    const base = this.rows;
    const variants = chunk.variants.map((name) => this.variant(name).index);
    const places = chunk.places.map(({ variant, day, segment }) => this.cells.id(variant, day, segment));
    // The chunk's cells first, with their births: a cell that a record settled below creates is then already
    // there, and createDeferred keeps the earlier birth (FileCells.cell, for a new cell only, would not).
    this.cells.mergeChunk(tally, chunk.born, chunk.firstDrops, base);
    this.admitChunk(chunk.records, base, variants, places);
    this.rows += tally.accounting.rowsRead;
  }

  /**
   * mergeChunk's loop over the chunk's records (CHUNK_WORDS): the records of numeric IDs decided here drop out,
   * the used responses of respondents with `--dedupe none` are counted (countPair), the others go on to the
   * runs. A method of its own: V8 compiles a long loop on the stack (OSR) with its whole function, whose code
   * after the loop then gave way at every chunk (`node --trace-deopt`).
   */
  private admitChunk(records: Int32Array, base: number, variants: readonly number[], places: readonly number[]): void {
    const file = this.files.length - 1;
    const { pairs, writer } = this;
    for (let at = 0; at < records.length; at += CHUNK_WORDS) {
      const seq = base + (records[at + CHUNK_SEQ] as number);
      const variant = variants[records[at + CHUNK_VARIANT] as number] as number;
      let outcome = records[at + CHUNK_OUTCOME] as number;
      if (outcome >= 0) outcome = (places[outcome >>> 4] as number) * 16 + (outcome & 15);
      let idHigh = records[at + CHUNK_ID_HIGH] as number;
      let idLow = records[at + CHUNK_ID_LOW] as number;
      const personHigh = records[at + CHUNK_PERSON_HIGH] as number;
      const personLow = records[at + CHUNK_PERSON_LOW] as number;
      if ((idHigh & NUMERIC) !== 0) {
        if (!this.decideNumericId(variant, idHigh, idLow, (personHigh | personLow) !== 0, outcome, seq)) continue;
        idHigh = this.keyHigh;
        idLow = this.keyLow;
      }
      if (pairs !== null && (idHigh | idLow) === 0 && outcome >= 0) this.countPair(outcome, seq, personHigh, personLow, variant);
      else writer.write(seq, idHigh, idLow, personHigh, personLow, variant, file, outcome);
    }
  }

  /**
   * Decides a row's whole-number response ID (`high`, `low`: NUMERIC and the value) in file order, as the ID
   * pass would: a copy of an ID read before in its variant is dropped now as `duplicate-response`; a first
   * occurrence keeps its outcome, settled now unless a respondent step concerns it (used, with a respondent),
   * which then goes on without an ID key ((0, 0)). Returns whether the row is still to be recorded, with the
   * key `keyHigh`, `keyLow`; false when it is settled. Once the IdSet outgrows its budget, its IDs go to the ID
   * pass as markers and every later one as a hashed key, as with `hash`. (A flag and two fields, not an object:
   * this runs for every row of a large export, on the thread that merges the chunks.)
   */
  private decideNumericId(variant: number, high: number, low: number, hasPerson: boolean, outcome: number, seq: number): boolean {
    const value = (high & ~NUMERIC) * TWO_32 + (low >>> 0);
    const ids = this.ids;
    if (ids === null) {
      this.hashKey(variant, value);
      return true;
    }
    if (!ids.add(variant, value)) {
      this.cells.drop("duplicate-response", seq);
      return false;
    }
    if (ids.bytes > this.idSetBytes || ids.sparse) this.handOverIds(ids);
    if (outcome >= 0 && hasPerson) {
      this.keyHigh = this.keyLow = 0;
      return true;
    }
    if (outcome >= 0) this.cells.countLater(outcome, seq);
    else this.cells.drop(DROP_REASONS[-1 - outcome] as DropReason, seq);
    return false;
  }

  /** Sets `keyHigh`, `keyLow` to the hashed key of a whole-number ID, as noteNumericId makes it with `hash`. */
  private hashKey(variant: number, value: number): void {
    [this.keyHigh, this.keyLow] = idKey(this.variantList[variant] as VariantKey, hashWholeNumber(value, this.scratch));
  }

  /**
   * The IdSet is over its budget: each ID in it becomes a MARKER record for the ID pass (its first occurrence,
   * already settled), so that the copies of it still to come, recorded with hashed keys, are found there.
   */
  private handOverIds(ids: IdSet): void {
    this.ids = null;
    ids.forEach((variant, value) => {
      this.hashKey(variant, value);
      this.writer.write(0, this.keyHigh, this.keyLow, 0, 0, variant, 0, MARKER);
    });
  }

  /**
   * Gives every record its final outcome in its file's Tally and puts each file's cells in order (`declared`:
   * each file's variant named on the command line). Returns once the tallies are final; `counts` then gives
   * the summary and each file's repeat responses. With `--dedupe none` and `warm` threads a spilled ledger's
   * respondents are counted on them meanwhile (resolveSpilled): keep the ledger open (`close`) until then.
   */
  async resolve(declared: readonly (string | undefined)[], warm?: KeptThreads): Promise<{ readonly counts: Promise<RespondentCounts> }> {
    if (this.chunk) throw new InternalError("a chunk's ledger is merged, not resolved");
    // Every row is read: the numeric IDs' set (a few MB on a large run) has done its work.
    this.ids = null;
    const outcomes = new Outcomes(this.files.map((cells) => cells.places.length));
    const resolution: Resolution = { dedupe: this.dedupe, variants: this.variantList, outcomes };
    const { pairs } = this;
    if (this.directory === null) {
      // Never spilled: one partition, in memory.
      const survivors = new RecordList(1024, undefined, pairs === null ? WORDS : PAIR_WORDS);
      const words = this.writer.buffer.view();
      resolveIds(resolution, () => [words], words.length / WORDS, survivors);
      this.writer.release();
      const blocks = pairs === null ? [survivors.view()] : [...pairs.blocks(), survivors.view()];
      const records = blocks.reduce((sum, block) => sum + block.length, 0) / survivors.width;
      const kernel = respondentKernel(this.dedupe, this.variantList, this.files.length, records);
      resolveRespondents({ ...resolution, kernel }, () => blocks, records, records);
      kernel?.addInto(outcomes);
      pairs?.release();
    }
    let respondents = Promise.resolve();
    if (this.directory !== null) {
      for (const writer of [this.writer, pairs]) {
        writer?.flush();
        writer?.release();
      }
      const places = this.files.map((cells) => cells.places.length);
      const spilled = { runs: this.writer.runs, pairRuns: pairs?.runs ?? [], places, dedupe: this.dedupe, variants: this.variantList, budget: this.budget, directory: this.directory.path };
      ({ respondents } = await resolveSpilled(spilled, outcomes, this.resolveThreads, warm));
    }
    releaseTables();
    this.files.forEach((cells, file) => {
      const { uses, firsts } = cells.takeLater();
      outcomes.addUses(file, uses, firsts);
    });
    // Counts still to come add only respondent counts and repeats into `outcomes`, which applyTo does not read.
    outcomes.applyTo(this.files);
    this.files.forEach((cells, index) => cells.finish(declared[index]));
    return { counts: respondents.then(() => ({ summary: { dedupe: this.dedupe, ...outcomes.counts }, fileRepeats: [...outcomes.fileRepeats] })) };
  }

  /** Removes the spill files, if any (call in a `finally`). */
  close(): void {
    this.directory?.remove();
    this.directory = null;
  }
}
