/**
 * A worker thread of parallel.ts: counts the quotes of byte ranges (the first pass), then reads whole chunks
 * into a partial Tally and the chunk's ledger records, which the main thread merges in file order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { emptyTally } from "../../tally/tally.js";
import { DateReader } from "../date-formats.js";
import { choosePlatform } from "../platforms/index.js";
import { RespondentLedger } from "../respondents.js";
import type { RowContext } from "../rows.js";
import { countQuotes, findBoundary, readRange } from "./chunk.js";
import { FastRowCounter } from "./fast-rows.js";
import { RecordStream } from "./record-stream.js";
import { RD_CRLF, RecordScanner } from "./scanner.js";
import type { WorkerAnswer, WorkerJob, WorkerSetup } from "./worker-protocol.js";

const setup = workerData as WorkerSetup;
const layout = choosePlatform(setup.headerCandidates, setup.source).layout(setup.headerCandidates, setup.file);
const block = Buffer.allocUnsafe(4 << 20);

function contextFor(bytes: number): RowContext {
  const { dates } = setup;
  const tally = emptyTally();
  // The chunk's records stay in memory (a chunk is at most 16 MB of CSV): they go to the main thread. Room
  // for them up front, as growing by doubling leaves the smaller arrays behind as garbage.
  const ledger = new RespondentLedger("none", { budgetRecords: Number.POSITIVE_INFINITY, initialRecords: Math.ceil((bytes / setup.bytesPerRecord) * 1.1) });
  ledger.beginFile(tally);
  return {
    ...setup,
    tally,
    layout,
    ledger,
    dates: dates === null ? null : new DateReader({ order: dates.order, zone: dates.zone, file: setup.file, column: dates.column }),
  };
}

function readChunk(job: Extract<WorkerJob, { kind: "chunk" }>): WorkerAnswer {
  const { fd, size } = setup;
  const start = job.exact ? job.from : findBoundary(fd, size, job.from, job.insideQuotes, setup.recordDelimiter === RD_CRLF, block);
  const context = contextFor(job.stopAt - start);
  const counter = new FastRowCounter(context);
  const scanner = new RecordScanner(setup.delimiter, counter.columns);
  scanner.recordDelimiter = setup.recordDelimiter;
  const stream = new RecordStream(scanner, setup.file, setup.relax, { previousEnd: 0, headerLength: setup.headerLength, offset: start });
  let clean = true;
  try {
    readRange(fd, size, stream, job.stopAt, (bytes, line, record) => void counter.count(bytes, line, record), block);
  } catch {
    // An error (or invalid UTF-8) may read differently after what comes before: the main thread re-reads.
    clean = false;
  }
  if (context.dates?.readUnsettled === true) clean = false;
  return { kind: "chunk", index: job.index, start, end: stream.offset, lines: stream.previousEnd, clean, tally: context.tally, ledger: context.ledger.exportChunk() };
}

parentPort?.on("message", (job: WorkerJob) => {
  if (job.kind === "quotes") {
    const answer: WorkerAnswer = { kind: "quotes", index: job.index, quotes: countQuotes(setup.fd, job.start, job.end, block) };
    parentPort?.postMessage(answer);
    return;
  }
  const answer = readChunk(job);
  if (answer.kind !== "chunk") return;
  // The records' array is handed over, not copied.
  parentPort?.postMessage(answer, [answer.ledger.records.buffer as ArrayBuffer]);
});
