/**
 * Reading the bulk of a large file in worker threads, with the same result as reading it in order.
 *
 * Chunks: the bytes after the head are cut at even offsets. A first pass counts the quotes of each range in
 * parallel; the parity of the quotes before an offset says whether it lies inside a quoted field, so each
 * worker starts its chunk at the first record boundary after its offset (just after a line feed outside
 * quotes) and reads the records that start before the next offset, past it if a record runs over.
 *
 * Merging, in file order: a chunk's partial Tally and ledger records are added only if the chunk started
 * exactly where the previous one ended (this checks the parity guess, whatever the quoting), read without
 * any error and without reading a date while the day/month order was still open. Otherwise this thread
 * re-reads that chunk itself, in order: then every error names the right line, exactly as in a sequential
 * read. Duplicates and repeat respondents are found after the whole run is read, from the records' sequence
 * numbers (respondents.ts), so every `--dedupe` mode reads in parallel.
 *
 * Threads: a worker per core while this thread merges, kept from one file of a run to the next (readerThreads);
 * for a file over 512 MB, this thread reads chunks too with one worker fewer, which keeps the peak memory under
 * 200 MB (see ParallelOptions.mainReads).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import { InternalError } from "../../errors.js";
import { KeptThreads } from "../kept-threads.js";
import type { RowContext } from "../rows.js";
import { readRange } from "./chunk.js";
import { ChunkReader } from "./chunk-reader.js";
import type { FastRowCounter } from "./fast-rows.js";
import { RecordStream } from "./record-stream.js";
import { RD_CRLF, RD_LF } from "./scanner.js";
import type { WorkerAnswer, WorkerJob, WorkerMessage, WorkerSetup } from "./worker-protocol.js";

export interface ParallelOptions {
  /**
   * Whether this thread reads chunks too, with one worker thread fewer (default: for files over 512 MB). It
   * saves a V8 isolate (~25-30 MB at the peak) and costs ~10% of the reading time: this thread then merges
   * the workers' chunks between its own, not as they come.
   */
  readonly mainReads?: boolean | undefined;
  /** Worker threads besides this one (default: the cores available, at most 8, less one when it reads too). */
  readonly workers?: number | undefined;
  /** Bytes per chunk (default: about a quarter of each reading thread's share, 4-16 MB: what a chunk holds in memory). */
  readonly chunkBytes?: number | undefined;
  /** Below this many bytes after the head, starting workers costs more than it saves (default 16 MB). */
  readonly minBytes?: number | undefined;
}

export interface ParallelPlan {
  readonly workers: number;
  readonly mainReads: boolean;
  /** Chunk offsets: the first is the end of the head, the last the file's size. */
  readonly offsets: readonly number[];
}

export interface ParallelIo {
  readonly fd: number;
  readonly size: number;
  readonly stream: RecordStream;
  readonly context: RowContext;
  readonly counter: FastRowCounter;
  readonly onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined;
  readonly setup: Omit<WorkerSetup, "fd" | "size" | "recordDelimiter" | "headerLength" | "bytesPerRecord">;
  /** Bytes per record in the head (see WorkerSetup). */
  readonly bytesPerRecord: number;
  /** Reader threads (readerThreads). */
  readonly threads: KeptThreads;
}

const WORKER = new URL("./worker.js", import.meta.url);
const MB = 1 << 20;
/**
 * Files above this size are read with memory before speed (see ParallelOptions.mainReads): on the 1.9 GB
 * bench file the peak went from ~205 MB to ~177 MB while reading; the 172 MB file peaks below 185 MB either way.
 */
const MAIN_READS_ABOVE = 512 * MB;

/** The worker threads that read `bytes` of records in parallel (0: none, the file is read on this thread). */
export function plannedWorkers(options: ParallelOptions | false | undefined, bytes: number): { workers: number; mainReads: boolean } {
  if (options === false) return { workers: 0, mainReads: false };
  const mainReads = options?.mainReads ?? bytes > MAIN_READS_ABOVE;
  const here = mainReads ? 1 : 0;
  const workers = options?.workers ?? Math.min(availableParallelism(), 8) - here;
  // From the TypeScript sources (as in the unit tests) there is no compiled worker to start.
  if (workers < 1 || workers + here < 2 || bytes < (options?.minBytes ?? 16 * MB) || !existsSync(fileURLToPath(WORKER))) return { workers: 0, mainReads };
  return { workers, mainReads };
}

/**
 * Starts the reader threads a file of `size` bytes will use before its head is read (readerThreads), so that
 * their start and module loading overlap this thread's sniffing and head (~50-100 ms on 2 cores).
 */
export async function prestartReaders(options: ParallelOptions | false | undefined, size: number, threads: KeptThreads): Promise<void> {
  const { workers } = plannedWorkers(options, size);
  if (workers > 0) await threads.prestart(workers);
}

export function parallelPlan(options: ParallelOptions | false | undefined, stream: RecordStream, size: number): ParallelPlan | null {
  if (options === false) return null;
  const delimiter = stream.scanner.recordDelimiter;
  if (delimiter !== RD_LF && delimiter !== RD_CRLF) return null;
  const bytes = size - stream.offset;
  const { workers, mainReads } = plannedWorkers(options, bytes);
  if (workers === 0) return null;
  const readers = workers + (mainReads ? 1 : 0);
  const chunk = options?.chunkBytes ?? Math.min(16 * MB, Math.max(4 * MB, Math.ceil(bytes / (readers * 4))));
  const offsets: number[] = [];
  for (let offset = stream.offset; offset < size; offset += chunk) offsets.push(offset);
  offsets.push(size);
  return { workers, mainReads, offsets };
}

/**
 * Reader threads, kept from one file of a run to the next (a run usually reads two large exports).
 *
 * Started before the first file's head is read (prestartReaders), but this thread waits until they are online:
 * a starting worker puts the V8 flags back (young-generation.ts), and while this thread read the head during
 * that time its young generation grew to 8 MB, with peaks up to ~179 MB against ~155 MB.
 */
export const readerThreads = (): KeptThreads => new KeptThreads(WORKER);

/**
 * Worker threads taking jobs in order; answers come back by index. With `mainReads`, while it waits for an
 * answer this thread does the next job no worker has been sent yet, and each worker is sent two jobs ahead
 * so that it never waits for this thread, busy reading, to send the next.
 */
class Pool {
  private readonly workers: Worker[];
  private readonly posted = new Map<Worker, number>();
  private readonly queue: WorkerJob[] = [];
  private readonly waiting = new Map<string, (answer: WorkerAnswer) => void>();
  private readonly answers = new Map<string, WorkerAnswer>();
  private failure: unknown = null;
  private here: ChunkReader | null = null;
  readonly postedAhead: number;

  constructor(
    count: number,
    private readonly setup: WorkerSetup,
    private readonly mainReads: boolean,
    private readonly threads: KeptThreads,
  ) {
    this.postedAhead = mainReads ? 2 : 1;
    this.workers = threads.take(count);
    for (const worker of this.workers) {
      worker.on("message", (answer: WorkerAnswer) => this.answer(worker, answer));
      worker.on("error", (error) => this.fail(error));
      this.posted.set(worker, 0);
      worker.postMessage({ kind: "setup", setup } satisfies WorkerMessage);
    }
  }

  submit(job: WorkerJob): void {
    this.queue.push(job);
    this.dispatch();
  }

  async result(kind: WorkerAnswer["kind"], index: number): Promise<WorkerAnswer> {
    const key = `${kind}:${index}`;
    for (;;) {
      const ready = this.answers.get(key);
      if (ready !== undefined) {
        this.answers.delete(key);
        return ready;
      }
      if (this.failure !== null) throw this.failure;
      const job = this.mainReads ? this.queue.shift() : undefined;
      if (job === undefined) break;
      this.here ??= new ChunkReader(this.setup);
      this.store(this.here.run(job));
      // Let the workers' answers in (and send them their next jobs) before doing another.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return new Promise((resolve) => this.waiting.set(key, resolve));
  }

  /** `done`: every job was answered, so the threads can read the next file; else they are ended. */
  async close(done: boolean): Promise<void> {
    if (done && this.failure === null && [...this.posted.values()].every((jobs) => jobs === 0)) this.threads.give(this.workers);
    else await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private answer(worker: Worker, answer: WorkerAnswer): void {
    this.posted.set(worker, (this.posted.get(worker) as number) - 1);
    this.dispatch();
    this.store(answer);
  }

  private store(answer: WorkerAnswer): void {
    const key = `${answer.kind}:${answer.index}`;
    const resolve = this.waiting.get(key);
    if (resolve === undefined) this.answers.set(key, answer);
    else {
      this.waiting.delete(key);
      resolve(answer);
    }
  }

  private dispatch(): void {
    for (const worker of this.workers) {
      while (this.queue.length > 0 && (this.posted.get(worker) as number) < this.postedAhead) {
        // Not a transfer: a chunk's record space is shared memory (LedgerOptions.sharedRecords).
        worker.postMessage(this.queue.shift() as WorkerJob);
        this.posted.set(worker, (this.posted.get(worker) as number) + 1);
      }
    }
  }

  /** The error to report for an answer that is not the one asked for. */
  failureOr(answer: WorkerAnswer): Error {
    return this.failure instanceof Error ? this.failure : new InternalError(`unexpected answer from a reader thread (${answer.kind})`);
  }

  private fail(error: unknown): void {
    this.failure = new InternalError(`a reader thread failed: ${error instanceof Error ? error.message : String(error)}`);
    for (const resolve of this.waiting.values()) resolve({ kind: "quotes", index: -1, quotes: -1 });
  }
}

/** Counts the records from the stream's offset to the end of the file. */
export async function countInParallel(plan: ParallelPlan, io: ParallelIo): Promise<void> {
  const { stream, fd, size } = io;
  const { bytesPerRecord } = io;
  const setup: WorkerSetup = { ...io.setup, fd, size, recordDelimiter: stream.scanner.recordDelimiter, headerLength: stream.headerLength, bytesPerRecord };
  const pool = new Pool(plan.workers, setup, plan.mainReads, io.threads);
  let done = false;
  try {
    const { offsets } = plan;
    const chunks = offsets.length - 1;
    // Chunks are handed out a few ahead of the merge (those posted to the workers, and one for this thread or
    // waiting for the next idle worker), so answers waiting to be merged stay few (memory).
    const ahead = plan.workers * pool.postedAhead + 1;
    let quotes = 0;
    let submitted = 0;
    // The memory of merged chunks' records, handed back to the workers for the next chunks (see recordSpace).
    const spaces: SharedArrayBuffer[] = [];
    const submitUpTo = async (last: number): Promise<void> => {
      for (; submitted <= Math.min(last, chunks - 1); submitted += 1) {
        if (submitted > 0) quotes += await quoteCount(pool, submitted);
        const [from, stopAt] = [offsets[submitted] as number, offsets[submitted + 1] as number];
        const numericIds = io.context.ledger.numericIdsForChunks;
        pool.submit({ kind: "chunk", index: submitted, from, exact: submitted === 0, insideQuotes: quotes % 2 === 1, stopAt, recordSpace: spaces.pop(), numericIds });
      }
    };
    // The first chunk starts where the head ends, so it needs no quote count: it goes first, and this thread
    // has it to merge while the other threads still count quotes.
    await submitUpTo(0);
    for (let index = 1; index < chunks; index += 1) pool.submit({ kind: "quotes", index, start: offsets[index - 1] as number, end: offsets[index] as number });
    for (let index = 0; index < chunks; index += 1) {
      await submitUpTo(index + ahead);
      const answer = await pool.result("chunk", index);
      if (answer.kind !== "chunk") throw pool.failureOr(answer);
      mergeOrReread(answer, offsets[index + 1] as number, io);
      spaces.push(answer.ledger.records.buffer as SharedArrayBuffer);
      io.onProgress?.(Math.min(stream.offset, size), size);
    }
    done = true;
  } finally {
    await pool.close(done);
  }
}

async function quoteCount(pool: Pool, index: number): Promise<number> {
  const answer = await pool.result("quotes", index);
  if (answer.kind !== "quotes" || answer.quotes < 0) throw pool.failureOr(answer);
  return answer.quotes;
}

function mergeOrReread(answer: Extract<WorkerAnswer, { kind: "chunk" }>, stopAt: number, io: ParallelIo): void {
  const { stream, context, counter } = io;
  if (answer.start === stream.offset && answer.clean) {
    context.ledger.mergeChunk(answer.ledger, answer.tally);
    stream.offset = answer.end;
    stream.previousEnd += answer.lines;
    return;
  }
  if (stream.offset >= stopAt) return;
  // Read this chunk here, in order: exactly what a sequential read does, errors included.
  readRange(io.fd, io.size, stream, stopAt, (bytes, line, scanner) => counter.count(bytes, line, scanner), Buffer.allocUnsafe(4 * MB));
}
