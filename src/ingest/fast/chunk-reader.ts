/**
 * The jobs of parallel.ts' first and second passes, done on whichever thread takes them: a worker thread
 * (worker.ts) or, for a large file, the main thread too, while it waits (ParallelOptions.mainReads). Counts
 * the quotes of byte ranges, then reads whole chunks into a partial Tally and the chunk's ledger records,
 * which the main thread merges in file order.
 */
import { emptyTally } from "../../tally/tally.js";
import { DateReader } from "../date-formats.js";
import { choosePlatform, type Layout } from "../platforms/index.js";
import { RespondentLedger } from "../respondents.js";
import type { RowContext } from "../rows.js";
import { countQuotes, findBoundary, readRange } from "./chunk.js";
import { FastRowCounter } from "./fast-rows.js";
import { RecordStream } from "./record-stream.js";
import { BLOCK_BYTES, rowKernel, type RowKernel } from "./row-kernel.js";
import { RD_CRLF, RecordScanner } from "./scanner.js";
import type { WorkerAnswer, WorkerJob, WorkerSetup } from "./worker-protocol.js";

export class ChunkReader {
  private readonly layout: Layout;
  /** The row kernel (made with the first chunk's context: every chunk's columns and dialect are the setup's). */
  private kernel: RowKernel | null | undefined;
  private block: Buffer = Buffer.allocUnsafe(BLOCK_BYTES);

  constructor(private readonly setup: WorkerSetup) {
    this.layout = choosePlatform(setup.headerCandidates, setup.source).layout(setup.headerCandidates, setup.file);
  }

  run(job: WorkerJob): WorkerAnswer {
    if (job.kind === "quotes") return { kind: "quotes", index: job.index, quotes: countQuotes(this.setup.fd, job.start, job.end, this.block) };
    return this.readChunk(job);
  }

  private contextFor(bytes: number, recordSpace: SharedArrayBuffer | undefined, numericIds: "keep" | "hash"): RowContext {
    const { setup } = this;
    const { dates } = setup;
    const tally = emptyTally();
    // The chunk's records stay in memory (a chunk is at most 16 MB of CSV): they go to the main thread. Room
    // for them up front, as growing by doubling leaves the smaller arrays behind as garbage.
    // Whole-number response IDs are left to the main thread, which merges the chunks in file order, while it
    // decides them.
    const ledger = new RespondentLedger("none", { chunk: true, budgetRecords: Number.POSITIVE_INFINITY, initialRecords: Math.ceil((bytes / setup.bytesPerRecord) * 1.1), sharedRecords: { space: recordSpace }, numericIds });
    ledger.beginFile(tally);
    return {
      ...setup,
      tally,
      layout: this.layout,
      ledger,
      dates: dates === null ? null : new DateReader({ order: dates.given, settled: dates.order, zone: dates.zone, file: setup.file, column: dates.column }),
    };
  }

  private readChunk(job: Extract<WorkerJob, { kind: "chunk" }>): WorkerAnswer {
    const { setup } = this;
    const { fd, size } = setup;
    const start = job.exact ? job.from : findBoundary(fd, size, job.from, job.insideQuotes, setup.recordDelimiter === RD_CRLF, this.block);
    const context = this.contextFor(job.stopAt - start, job.recordSpace, job.numericIds);
    const counter = new FastRowCounter(context);
    const scanner = new RecordScanner(setup.delimiter, counter.columns);
    scanner.recordDelimiter = setup.recordDelimiter;
    const stream = new RecordStream(scanner, setup.file, setup.relax, { previousEnd: 0, headerLength: setup.headerLength, offset: start });
    if (this.kernel === undefined) {
      this.kernel = rowKernel(context, setup.delimiter, setup.recordDelimiter, setup.headerLength);
      // The file's bytes are read into the kernel's memory.
      if (this.kernel !== null) this.block = this.kernel.block;
    }
    if (this.kernel !== null) stream.useKernel({ kernel: this.kernel, counter });
    let clean = true;
    try {
      readRange(fd, size, stream, job.stopAt, (bytes, line, record) => void counter.count(bytes, line, record), this.block);
    } catch {
      // An error (or invalid UTF-8) may read differently after what comes before: the main thread re-reads.
      clean = false;
    }
    if (context.dates?.readUnsettled === true) clean = false;
    return { kind: "chunk", index: job.index, start, end: stream.offset, lines: stream.previousEnd, clean, tally: context.tally, ledger: context.ledger.exportChunk() };
  }
}
