/**
 * The deferred ledger's records (respondents.ts): one per row that has a response ID or a respondent, nine
 * 32-bit words, kept in memory up to a budget and beyond it spilled to partition files on disk by key hash.
 *
 * Words: the row's run sequence number (low, high: files in order, rows in file order), the response-ID key
 * (high, low; (0, 0): none; the ID's hash combined with its variant's), the respondent key (high, low; (0,
 * 0): none), the variant's index in the ledger, the file's index, and the outcome the row got when read: a
 * place number x 16 + score when it would be used (FileCells.id), or -1 - the index of its drop reason.
 * hash64.ts never gives (0, 0), so it can mark "none".
 *
 * Two families of partitions: records with a response ID go to an ID partition by the ID key, the others (a
 * respondent and no ID) to a respondent partition by the respondent key, where records with both follow once
 * they are found not to be duplicates. All occurrences of a key land in the same partition, in run order.
 *
 * Pair records, four words (PAIR_WORDS), stand for the respondent partitions' records with `--dedupe none`:
 * that mode drops no repeat, so a response found not to be a duplicate is counted at once, and all the
 * respondent step still needs of it is its respondent key (high, low), its variant's index and its file's.
 * The partitions' files then hold 16 bytes a response instead of 36 (respondents.ts).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { InternalError, UsageError } from "../errors.js";
import { dirname, join } from "node:path";

/** Words per record: copyRecord spells them out. */
export const WORDS = 9;
export const SEQ_LOW = 0;
export const SEQ_HIGH = 1;
export const ID_HIGH = 2;
export const ID_LOW = 3;
export const PERSON_HIGH = 4;
export const PERSON_LOW = 5;
export const VARIANT = 6;
export const FILE = 7;
export const OUTCOME = 8;
/**
 * The outcome of a record that only marks a response ID as read (respondents.ts, when its set of numeric IDs
 * outgrows its budget): the ID pass counts it as the ID's first occurrence and settles nothing for it.
 */
export const MARKER = -1000;

/**
 * Words per chunk record, and their places: what a worker thread's ledger notes for a row of its chunk
 * (respondents.ts' exportChunk), without the file (a chunk is of one) and with the sequence number from the
 * chunk's first row (a chunk holds far fewer than 2^31 rows). 28 bytes a row, not 36: the reader threads write
 * them and the main thread reads them once, and that traffic was a large part of both threads' time.
 */
export const CHUNK_WORDS = 7;
export const CHUNK_SEQ = 0;
export const CHUNK_ID_HIGH = 1;
export const CHUNK_ID_LOW = 2;
export const CHUNK_PERSON_HIGH = 3;
export const CHUNK_PERSON_LOW = 4;
export const CHUNK_VARIANT = 5;
export const CHUNK_OUTCOME = 6;

/** Words per pair record (see above), and their places. */
export const PAIR_WORDS = 4;
export const PAIR_PERSON_HIGH = 0;
export const PAIR_PERSON_LOW = 1;
export const PAIR_VARIANT = 2;
export const PAIR_FILE = 3;

export const TWO_32 = 2 ** 32;
/** The sequence number of the record at `at` (an integer below 2^53, so exact in a double). */
export const seqAt = (words: Int32Array, at: number): number => (words[at + SEQ_HIGH] as number) * TWO_32 + ((words[at + SEQ_LOW] as number) >>> 0);
export function setSeq(words: Int32Array, at: number, seq: number): void {
  // Below 2^31 (a run of two billion rows), without the floating-point remainder, which costs ~20-40 ns.
  if (seq < 0x80000000) {
    words[at + SEQ_LOW] = seq;
    words[at + SEQ_HIGH] = 0;
    return;
  }
  words[at + SEQ_LOW] = seq % TWO_32 | 0;
  words[at + SEQ_HIGH] = Math.floor(seq / TWO_32);
}

/**
 * Copies one record word by word: a subarray and `set` per record cost several times more, and a loop over the
 * words ~1.5x more than these nine assignments (a sort of 2^17 records: 18 against 12 ns a record).
 */
export function copyRecord(from: Int32Array, at: number, to: Int32Array, toAt: number): void {
  to[toAt] = from[at] as number;
  to[toAt + 1] = from[at + 1] as number;
  to[toAt + 2] = from[at + 2] as number;
  to[toAt + 3] = from[at + 3] as number;
  to[toAt + 4] = from[at + 4] as number;
  to[toAt + 5] = from[at + 5] as number;
  to[toAt + 6] = from[at + 6] as number;
  to[toAt + 7] = from[at + 7] as number;
  to[toAt + 8] = from[at + 8] as number;
}

/** copyRecord for pair records. */
export function copyPair(from: Int32Array, at: number, to: Int32Array, toAt: number): void {
  to[toAt] = from[at] as number;
  to[toAt + 1] = from[at + 1] as number;
  to[toAt + 2] = from[at + 2] as number;
  to[toAt + 3] = from[at + 3] as number;
}

/** Copies a record of `width` words: a record (WORDS), a pair record (PAIR_WORDS) or a chunk record (CHUNK_WORDS). */
function copyOf(width: number, from: Int32Array, at: number, to: Int32Array, toAt: number): void {
  if (width === WORDS) copyRecord(from, at, to, toAt);
  else if (width === PAIR_WORDS) copyPair(from, at, to, toAt);
  else to.set(from.subarray(at, at + width), toAt);
}

/** The width of records: WORDS, PAIR_WORDS or CHUNK_WORDS, nothing else. */
function checkedWidth(width: number): number {
  if (width !== WORDS && width !== PAIR_WORDS && width !== CHUNK_WORDS) throw new InternalError(`records of ${width} words`);
  return width;
}

/** Records in memory: `shared`, in a SharedArrayBuffer (see LedgerOptions.sharedRecords). */
function recordWords(words: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(words * 4)) : new Int32Array(words);
}

/** Records kept in shared memory, in `space` when given and large enough (see LedgerOptions.sharedRecords). */
export interface SharedRecords {
  readonly space?: SharedArrayBuffer | undefined;
}

/** A growing array of records (of `width` words: WORDS, PAIR_WORDS for pair records, CHUNK_WORDS for chunk records). */
export class RecordList {
  words: Int32Array;
  length = 0;
  private readonly shared: boolean;
  readonly width: number;

  /**
   * `shared`: the records are kept in shared memory, growth included, reusing `shared.space` when it holds
   * `records` of them (see LedgerOptions.sharedRecords).
   */
  constructor(records = 1024, shared?: SharedRecords, width = WORDS) {
    this.width = checkedWidth(width);
    const words = Math.max(1, records) * width;
    const space = shared?.space;
    this.shared = shared !== undefined;
    this.words = space !== undefined && space.byteLength >= words * 4 ? new Int32Array(space) : recordWords(words, this.shared);
  }

  /** Room for one more record; returns its first word's index. */
  append(): number {
    if (this.length + this.width > this.words.length) this.reserve(1);
    const at = this.length;
    this.length += this.width;
    return at;
  }

  /** Room for `count` more records (one growth at most); returns `words`, which it may replace. */
  reserve(count: number): Int32Array {
    let size = this.words.length;
    while (this.length + count * this.width > size) size *= 2;
    if (size > this.words.length) {
      const bigger = recordWords(size, this.shared);
      bigger.set(this.words);
      this.words = bigger;
    }
    return this.words;
  }

  /** Adds a copy of the record at `at` of `from` (of this list's width). */
  add(from: Int32Array, at: number): void {
    // append first: it may replace `words`.
    const to = this.append();
    copyOf(this.width, from, at, this.words, to);
  }

  /** Adds a chunk record (a list of CHUNK_WORDS records). */
  addChunkRecord(seq: number, idHigh: number, idLow: number, personHigh: number, personLow: number, variant: number, outcome: number): void {
    const at = this.append();
    const { words } = this;
    words[at + CHUNK_SEQ] = seq;
    words[at + CHUNK_ID_HIGH] = idHigh;
    words[at + CHUNK_ID_LOW] = idLow;
    words[at + CHUNK_PERSON_HIGH] = personHigh;
    words[at + CHUNK_PERSON_LOW] = personLow;
    words[at + CHUNK_VARIANT] = variant;
    words[at + CHUNK_OUTCOME] = outcome;
  }

  /** Adds a pair record (a list of PAIR_WORDS records). */
  addPair(personHigh: number, personLow: number, variant: number, file: number): void {
    const at = this.append();
    const { words } = this;
    words[at + PAIR_PERSON_HIGH] = personHigh;
    words[at + PAIR_PERSON_LOW] = personLow;
    words[at + PAIR_VARIANT] = variant;
    words[at + PAIR_FILE] = file;
  }

  view(): Int32Array {
    return this.words.subarray(0, this.length);
  }
}

/** Partition of a key at a depth: 8 low bits at the top, then 4 bits at a time of the high word. */
export function partitionOf(high: number, low: number, depth: number): number {
  return depth === 0 ? low & (TOP_PARTITIONS - 1) : (high >>> ((depth - 1) * 4)) & (SUB_PARTITIONS - 1);
}
export const TOP_PARTITIONS = 256;
export const SUB_PARTITIONS = 16;
/** The high word gives 8 levels of 4 bits below the top. */
export const MAX_DEPTH = 8;

/**
 * How a RunWriter routes a record: by the key at `keyWord` (its high word, then its low word) at `depth`
 * (partitionOf); with `otherwise`, a record whose key there is (0, 0) goes by the key at `otherwise`, to the
 * TOP_PARTITIONS partitions after the first ones. Data, not a function: with a function per writer, the
 * routing loop's call met a new target with each writer and V8 gave up its compiled loop each time (~20 times
 * a run on the 2M-row file, `node --trace-deopt`).
 */
export interface Route {
  readonly keyWord: number;
  readonly depth: number;
  readonly otherwise: number | null;
}

/** The partition of the record at `at` by `route`. */
export function partitionFor(route: Route, words: Int32Array, at: number): number {
  const high = words[at + route.keyWord] as number;
  const low = words[at + route.keyWord + 1] as number;
  const { otherwise } = route;
  if (otherwise !== null && (high | low) === 0) return TOP_PARTITIONS + partitionOf(words[at + otherwise] as number, words[at + otherwise + 1] as number, route.depth);
  return partitionOf(high, low, route.depth);
}

/** Where a partition's records lie: stretches (record offsets) of run files, in the order they were written. */
export type Segments = { readonly path: string; readonly start: number; readonly end: number }[];

/**
 * A run file: partition `p`'s records are records `starts[p]` to `starts[p + 1]` of it. Kept as one small
 * array per run (2 KB for 512 partitions), not a stretch object per partition and run: those grew with the
 * input (86,000 objects, ~5 MB of heap, for 22 million rows).
 */
export interface Run {
  readonly path: string;
  readonly starts: Int32Array;
}

/** Where a partition's records lie in `runs`, in run order. */
export function segmentsOf(runs: readonly Run[], partition: number): Segments {
  const segments: Segments = [];
  for (const { path, starts } of runs) {
    const [start, end] = [starts[partition] as number, starts[partition + 1] as number];
    if (end > start) segments.push({ path, start, end });
  }
  return segments;
}

/** All the records of `runs`. */
export const recordsInRuns = (runs: readonly Run[]): number => runs.reduce((sum, { starts }) => sum + (starts[starts.length - 1] as number), 0);

/**
 * Records routed to `partitions` partitions by `route`, written in runs: up to `budget` records are kept, then
 * sorted by partition (a counting sort, stable, so each partition keeps its records' order) and written as one
 * file, in which each partition is one stretch. One file per run, not per partition: creating a file costs
 * about a millisecond on a journaled disk, and 128 partitions x every split would add up.
 */
export class RunWriter {
  readonly buffer: RecordList;
  private sorted = new Int32Array(0);
  private routes = new Uint16Array(0);
  readonly runs: Run[] = [];

  /** Words per record: WORDS, or PAIR_WORDS for pair records. */
  readonly width: number;

  constructor(
    private readonly directory: () => string,
    private readonly partitions: number,
    private readonly route: Route,
    private readonly budget: number,
    initialRecords = 1024,
    shared?: SharedRecords,
    width = WORDS,
  ) {
    this.buffer = new RecordList(initialRecords, shared, width);
    this.width = this.buffer.width;
  }

  /** Where a partition's records lie (see segmentsOf). */
  segmentsOf(partition: number): Segments {
    return segmentsOf(this.runs, partition);
  }

  add(words: Int32Array, at: number): void {
    this.buffer.add(words, at);
    this.flushIfFull();
  }

  /** Adds a record made of these words (a sequence number below 2^53 and the 32-bit fields). */
  write(seq: number, idHigh: number, idLow: number, personHigh: number, personLow: number, variant: number, file: number, outcome: number): void {
    const at = this.buffer.append();
    const { words } = this.buffer;
    setSeq(words, at, seq);
    words[at + ID_HIGH] = idHigh;
    words[at + ID_LOW] = idLow;
    words[at + PERSON_HIGH] = personHigh;
    words[at + PERSON_LOW] = personLow;
    words[at + VARIANT] = variant;
    words[at + FILE] = file;
    words[at + OUTCOME] = outcome;
    this.flushIfFull();
  }

  /** Adds a pair record (a writer of PAIR_WORDS records). */
  addPair(personHigh: number, personLow: number, variant: number, file: number): void {
    this.buffer.addPair(personHigh, personLow, variant, file);
    this.flushIfFull();
  }

  flushIfFull(): void {
    if (this.buffer.length >= this.budget * this.width) this.flush();
  }

  /** Writes the records kept as a run. */
  flush(): void {
    this.writeRun(this.buffer.view());
    this.buffer.length = 0;
  }

  /**
   * Writes `words` (at most `budget` records) as a run. Each loop is a method of its own: V8 compiles a long
   * loop on the stack (OSR) with the whole function, so code after the loop, without type feedback yet, made
   * the compiled code give way at every run (~30 deoptimizations and recompilations of ~20-35 ms each on
   * the 2M-row file; `node --trace-deopt`).
   */
  private writeRun(words: Int32Array): void {
    if (words.length === 0) return;
    const { width } = this;
    const records = words.length / width;
    // Room for a full run (at most `budget` records) at once: runs of chunks differ a little in size, and
    // growing by steps would leave each smaller array behind as garbage.
    const room = Number.isFinite(this.budget) ? Math.max(words.length, this.budget * width) : words.length;
    if (this.routes.length < records) this.routes = new Uint16Array(room / width);
    if (this.sorted.length < words.length) this.sorted = new Int32Array(room);
    const starts = this.routeAll(words, records);
    this.sortByPartition(words, records, starts);
    const path = this.directory();
    writeRunFile(path, new Uint8Array(this.sorted.buffer, 0, words.length * 4));
    this.runs.push({ path, starts });
  }

  /** Each record's partition, into `routes` (routing is most of the cost of a counting sort of 36-byte records); returns where each partition starts. */
  private routeAll(words: Int32Array, records: number): Int32Array {
    const { routes, route, width } = this;
    const starts = new Int32Array(this.partitions + 1);
    for (let record = 0; record < records; record += 1) {
      const partition = partitionFor(route, words, record * width);
      routes[record] = partition;
      starts[partition + 1] += 1;
    }
    for (let partition = 0; partition < this.partitions; partition += 1) starts[partition + 1] += starts[partition] as number;
    return starts;
  }

  /** Copies the records into `sorted` by partition, in order within each (a stable counting sort). */
  private sortByPartition(words: Int32Array, records: number, starts: Int32Array): void {
    const { routes, sorted, width } = this;
    const next = starts.slice(0, this.partitions);
    for (let record = 0; record < records; record += 1) {
      const partition = routes[record] as number;
      copyOf(width, words, record * width, sorted, (next[partition] as number) * width);
      next[partition] += 1;
    }
  }

  /** Lets go of the memory kept (the runs stay). */
  release(): void {
    this.buffer.words = new Int32Array(0);
    this.sorted = new Int32Array(0);
    this.routes = new Uint16Array(0);
  }
}

/**
 * Pair records (`--dedupe none`) routed to the TOP_PARTITIONS respondent partitions as they come, each into
 * its partition's bucket, and written as one run file, its partitions in order, once `budget` of them are kept
 * (or at `flush`): what a RunWriter of pair records writes, without its routing pass and counting sort over a
 * buffer of records (~50 ms of the main thread's ~300 while reading the 2M-row bench file).
 */
export class PairWriter {
  readonly runs: Run[] = [];
  private buckets: Int32Array[];
  /** Words in each bucket. */
  private readonly lengths = new Int32Array(TOP_PARTITIONS);
  /** Records kept. */
  private kept = 0;
  /** The run being written, reused. */
  private out = new Int32Array(0);

  constructor(
    private readonly directory: () => string,
    private readonly budget: number,
  ) {
    // Room for a little more than a partition's share of a run (the hash spreads them evenly): grown by
    // doubling from small buckets, they held ~3 MB more.
    const records = Number.isFinite(budget) ? Math.max(16, Math.ceil((budget / TOP_PARTITIONS) * 1.25)) : 16;
    this.buckets = Array.from({ length: TOP_PARTITIONS }, () => new Int32Array(records * PAIR_WORDS));
  }

  addPair(personHigh: number, personLow: number, variant: number, file: number): void {
    const partition = personLow & (TOP_PARTITIONS - 1);
    let bucket = this.buckets[partition] as Int32Array;
    const at = this.lengths[partition] as number;
    if (at + PAIR_WORDS > bucket.length) bucket = this.grow(partition);
    bucket[at + PAIR_PERSON_HIGH] = personHigh;
    bucket[at + PAIR_PERSON_LOW] = personLow;
    bucket[at + PAIR_VARIANT] = variant;
    bucket[at + PAIR_FILE] = file;
    this.lengths[partition] = at + PAIR_WORDS;
    this.kept += 1;
    if (this.kept >= this.budget) this.flush();
  }

  private grow(partition: number): Int32Array {
    const bucket = this.buckets[partition] as Int32Array;
    const bigger = new Int32Array(bucket.length * 2);
    bigger.set(bucket);
    this.buckets[partition] = bigger;
    return bigger;
  }

  /** The records kept, by partition (blocks of whole records, in the order added within each partition). */
  blocks(): Int32Array[] {
    return this.buckets.map((bucket, partition) => bucket.subarray(0, this.lengths[partition] as number));
  }

  /** Writes the records kept as a run. */
  flush(): void {
    if (this.kept === 0) return;
    if (this.out.length < this.kept * PAIR_WORDS) this.out = new Int32Array(Number.isFinite(this.budget) ? Math.max(this.kept, this.budget) * PAIR_WORDS : this.kept * PAIR_WORDS);
    const starts = new Int32Array(TOP_PARTITIONS + 1);
    let words = 0;
    this.buckets.forEach((bucket, partition) => {
      const length = this.lengths[partition] as number;
      this.out.set(bucket.subarray(0, length), words);
      words += length;
      starts[partition + 1] = words / PAIR_WORDS;
    });
    const path = this.directory();
    writeRunFile(path, new Uint8Array(this.out.buffer, 0, words * 4));
    this.runs.push({ path, starts });
    this.lengths.fill(0);
    this.kept = 0;
  }

  /** Lets go of the memory kept (the runs stay). */
  release(): void {
    this.buckets = [];
    this.out = new Int32Array(0);
  }
}

/** Writes a run file, reporting an unusable spill directory as such (inSpillDirectory). */
function writeRunFile(path: string, bytes: Uint8Array): void {
  inSpillDirectory(dirname(path), () => {
    const fd = openSync(path, "w");
    try {
      writeAll(fd, bytes);
    } finally {
      closeSync(fd);
    }
  });
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}

export const recordsIn = (segments: Segments): number => segments.reduce((sum, { start, end }) => sum + end - start, 0);

let sharedBlock = new Int32Array(0);

/** Lets go of this thread's block (see ledger-resolve.ts' releaseTables). */
export function releaseBlock(): void {
  sharedBlock = new Int32Array(0);
}

/**
 * This thread's open run files, by path. A partition is read from a stretch of every run, so each run file
 * was opened once per partition: ~19,000 opens and closes (~0.15 s of CPU) resolving the 2M-row bench file.
 * At most MAX_OPEN_RUNS at once (a file of hundreds of millions of rows has thousands of runs).
 */
const openRuns = new Map<string, number>();
const MAX_OPEN_RUNS = 256;

function runFile(path: string): number {
  let fd = openRuns.get(path);
  if (fd === undefined) {
    if (openRuns.size >= MAX_OPEN_RUNS) closeRuns();
    fd = openSync(path, "r");
    openRuns.set(path, fd);
  }
  return fd;
}

/** Closes the run files this thread has open: once a group of partitions is resolved (see resolveGroup). */
export function closeRuns(): void {
  for (const fd of openRuns.values()) closeSync(fd);
  openRuns.clear();
}

/**
 * The records of a partition (of `width` words: WORDS, or PAIR_WORDS for pair records), block by block (a block
 * is whole records), in order. A block is only valid until the next one, and one partition is read at a time.
 */
export function* readRecords(segments: Segments, width = WORDS, blockRecords = 1 << 15): Generator<Int32Array> {
  // One block per thread, reused (partitions are read one at a time): see ledger-resolve.ts' tables.
  if (sharedBlock.length !== blockRecords * width) sharedBlock = new Int32Array(blockRecords * width);
  const block = sharedBlock;
  const bytes = new Uint8Array(block.buffer);
  const recordBytes = width * 4;
  for (const { path, start, end } of segments) {
    const fd = runFile(path);
    for (let record = start; record < end; ) {
      const count = Math.min(end - record, blockRecords);
      const length = count * recordBytes;
      for (let filled = 0; filled < length; ) {
        const read = readSync(fd, bytes, filled, length - filled, record * recordBytes + filled);
        if (read === 0) throw new InternalError(`the ledger's spill file ${path} ended early`);
        filled += read;
      }
      yield block.subarray(0, count * width);
      record += count;
    }
  }
}

/**
 * A temporary directory for partition files, removed by `remove` (called in a `finally`) or, if the process
 * is interrupted first, on exit / SIGINT / SIGTERM.
 */
/** File-system failures that say the temporary directory is unusable (no room, no rights), not a bug. */
const SPILL_ENVIRONMENT_CODES = new Set(["ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "ENOENT", "ENOTDIR"]);

/**
 * The error to report for `error`, met while creating, writing or reading the spill directory: a UsageError
 * (exit 2, one line, what to do) when the temporary directory is unusable, else `error` itself.
 */
export function spillFailure(error: unknown, directory: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !SPILL_ENVIRONMENT_CODES.has(code)) return error;
  return new UsageError(
    `cannot use the temporary directory ${directory} to find duplicate responses (${code})`,
    "set TMPDIR to a writable directory with room for ~72 bytes per response that has a response ID or email",
  );
}

/** Runs `action` on the spill directory, reporting an unusable directory as such (spillFailure). */
export function inSpillDirectory<T>(directory: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw spillFailure(error, directory);
  }
}

export class SpillDirectory {
  readonly path = inSpillDirectory(tmpdir(), () => mkdtempSync(join(tmpdir(), "nps-ab-ledger-")));
  private files = 0;
  private readonly onExit = (): void => this.remove();
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.remove();
    // The default action, now that the directory is gone: end as the signal would have.
    process.kill(process.pid, signal);
  };

  constructor() {
    process.once("exit", this.onExit);
    process.once("SIGINT", this.onSignal);
    process.once("SIGTERM", this.onSignal);
  }

  file(): string {
    this.files += 1;
    return join(this.path, `p${this.files}.bin`);
  }

  remove(): void {
    process.off("exit", this.onExit);
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
    rmSync(this.path, { recursive: true, force: true });
  }
}
