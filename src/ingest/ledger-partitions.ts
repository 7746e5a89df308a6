/**
 * Resolving a spilled ledger (respondents.ts) partition by partition: the ID partitions first (duplicates),
 * whose survivors join the respondent partitions, then those (repeat respondents). Partitions are independent
 * and their outcomes add up (ledger-outcomes.ts), so groups of them are resolved in worker threads (the
 * reader threads, done reading, or ledger-worker.ts' started for it) when there are cores to spare, each
 * thread writing its own survivors' runs into the spill directory; or here, on this thread, by the same
 * functions. With `--dedupe none` the respondent partitions only count (pair records), and the reader threads
 * count them while this thread goes on with the analysis (resolveSpilled).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { InternalError } from "../errors.js";
import { KeptThreads } from "./kept-threads.js";
import { closeRuns, ID_HIGH, inSpillDirectory, MAX_DEPTH, PAIR_PERSON_HIGH, PAIR_WORDS, PERSON_HIGH, readRecords, recordsIn, recordsInRuns, RunWriter, segmentsOf, spillFailure, SUB_PARTITIONS, TOP_PARTITIONS, WORDS, type Run, type Segments } from "./ledger-records.js";
import { Outcomes, type OutcomeData } from "./ledger-outcomes.js";
import { resolveIds, resolveRespondents, type Blocks, type Resolution } from "./ledger-resolve.js";
import { respondentKernel } from "./respondent-kernel.js";
import type { DedupeMode } from "./respondents.js";

export interface SpilledLedger {
  /** The reading runs, partitioned: ID partitions, then respondent partitions. */
  readonly runs: readonly Run[];
  /** With `--dedupe none`, the reading's pair records (ledger-records.ts), by respondent partition; else none. */
  readonly pairRuns: readonly Run[];
  /** How many places each file has (FileCells.places). */
  readonly places: readonly number[];
  readonly dedupe: DedupeMode;
  readonly variants: readonly { readonly high: number; readonly low: number }[];
  readonly budget: number;
  /** The spill directory. */
  readonly directory: string;
}

/** A group of partitions to resolve, as plain data (it crosses to a worker thread): the ledger and its share. */
export interface GroupJob extends SpilledLedger {
  readonly kind: "ids" | "respondents";
  readonly index: number;
  /** Its top partitions (of each family). */
  readonly partitions: readonly number[];
  /**
   * For a respondent group: the ID groups' survivors, in runs of TOP_PARTITIONS respondent partitions (pair
   * records with `--dedupe none`).
   */
  readonly survivors: readonly Run[];
  /** A prefix for the names of this group's files in the spill directory. */
  readonly prefix: string;
}

export interface GroupAnswer {
  readonly index: number;
  readonly outcomes: OutcomeData;
  /** For an ID group: its survivors' runs (by respondent partition). */
  readonly survivors: readonly Run[];
}

/** Records of a kind: their width (ledger-records.ts) and the word where the key a partition goes by starts. */
interface Kind {
  readonly width: number;
  readonly keyWord: number;
}
const BY_ID: Kind = { width: WORDS, keyWord: ID_HIGH };
const BY_RESPONDENT: Kind = { width: WORDS, keyWord: PERSON_HIGH };
const PAIRS: Kind = { width: PAIR_WORDS, keyWord: PAIR_PERSON_HIGH };

/**
 * Resolves one partition with `run`, first splitting it by further hash bits while it holds more records than
 * the budget (all occurrences of a key stay together, in order). At the last depth a partition is resolved
 * whatever its size: its keys then share 40 hash bits, so they are few.
 */
function resolvePartition(segments: Segments, kind: Kind, depth: number, budget: number, spillFile: () => string, run: (blocks: Blocks, expected: number, records: number) => void): void {
  const records = recordsIn(segments);
  if (records === 0) return;
  const { width, keyWord } = kind;
  if (records <= budget || depth === MAX_DEPTH) {
    run(() => readRecords(segments, width), Math.min(records, budget), records);
    return;
  }
  const parts = new RunWriter(spillFile, SUB_PARTITIONS, { keyWord, depth: depth + 1, otherwise: null }, budget, undefined, undefined, width);
  for (const words of readRecords(segments, width)) for (let at = 0; at < words.length; at += width) parts.add(words, at);
  parts.flush();
  parts.release();
  for (let part = 0; part < SUB_PARTITIONS; part += 1) resolvePartition(parts.segmentsOf(part), kind, depth + 1, budget, spillFile, run);
}

/** Resolves a group of partitions (on whichever thread). */
export function resolveGroup(job: GroupJob): GroupAnswer {
  try {
    return resolveGroupOf(job);
  } finally {
    // Before the spill directory may be removed, and so that open files do not pile up between groups.
    closeRuns();
  }
}

function resolveGroupOf(job: GroupJob): GroupAnswer {
  const outcomes = new Outcomes(job.places);
  const resolution: Resolution = { dedupe: job.dedupe, variants: job.variants, outcomes };
  let files = 0;
  const spillFile = (): string => join(job.directory, `${job.prefix}-${(files += 1)}.bin`);
  const pairs = job.dedupe === "none";
  const respondents = pairs ? PAIRS : BY_RESPONDENT;
  if (job.kind === "respondents") {
    const segments = job.partitions.map((partition) => [...(pairs ? segmentsOf(job.pairRuns, partition) : segmentsOf(job.runs, TOP_PARTITIONS + partition)), ...segmentsOf(job.survivors, partition)]);
    // Tables for the largest partition resolved at once, not for the budget: ~1 MB for a 5M-row run's, not ~7.
    const largest = Math.min(job.budget, Math.max(0, ...segments.map(recordsIn)));
    const kernel = respondentKernel(job.dedupe, job.variants, job.places.length, largest);
    const withKernel = { ...resolution, kernel };
    for (const partition of segments) resolvePartition(partition, respondents, 0, job.budget, spillFile, (blocks, expected, records) => resolveRespondents(withKernel, blocks, expected, records));
    kernel?.addInto(outcomes);
    return { index: job.index, outcomes, survivors: [] };
  }
  // Survivors of (a) join the respondent partitions, by the same hash, in runs of their own (half the
  // budget: this runs beside a partition's table).
  const survivors = new RunWriter(spillFile, TOP_PARTITIONS, { keyWord: respondents.keyWord, depth: 0, otherwise: null }, Math.max(1, job.budget >> 1), undefined, undefined, respondents.width);
  for (const partition of job.partitions) resolvePartition(segmentsOf(job.runs, partition), BY_ID, 0, job.budget, spillFile, (blocks, expected) => resolveIds(resolution, blocks, expected, survivors));
  survivors.flush();
  survivors.release();
  return { index: job.index, outcomes, survivors: survivors.runs };
}

const WORKER = new URL("./ledger-worker.js", import.meta.url);

/**
 * Runs jobs on this thread and `threads - 1` worker threads, or only here with one thread, giving each answer
 * to `take` as it comes (so that only a few groups' outcomes, ~3 MB each on a 2 GB file, are held at once).
 * This thread takes jobs too: it has nothing else to do, and a thread fewer is ~30 MB less. Jobs go to
 * whichever thread is free: a worker is sent WORKER_AHEAD jobs at a time (so it never waits for this thread,
 * busy with a job of its own, to send the next), this thread takes the next one when it is done. Dealt out up
 * front, round robin, this thread finished its share while the worker, which starts ~0.1 s later, still had
 * one or two groups to go. Not `here`, the workers alone take the jobs, dealt out up front, while this thread
 * goes on with other work.
 */
async function runAll(jobs: readonly GroupJob[], threads: number, directory: string, take: (answer: GroupAnswer) => void, pool: KeptThreads, here = true): Promise<void> {
  const resolveHere = (job: GroupJob): void => inSpillDirectory(directory, () => take(resolveGroup(job)));
  if (threads < 2 || (here && jobs.length < 2)) return jobs.forEach(resolveHere);
  const queue = [...jobs];
  const workers = pool.take(here ? Math.min(threads, jobs.length) - 1 : Math.min(threads - 1, jobs.length));
  // Not `here`: this thread goes on with other work (the analysis), beside which idle threads' heaps would only
  // raise the peak; and, busy with it, it would send a worker its next job late (by ~50 ms on the bench file).
  if (!here) void pool.close();
  const ahead = here ? WORKER_AHEAD : Math.ceil(jobs.length / workers.length);
  let done = false;
  try {
    const fromWorkers = workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          let posted = 0;
          const post = (): void => {
            for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
              worker.postMessage(job);
              posted += 1;
              if (posted >= ahead) break;
            }
            if (posted === 0) resolve();
          };
          worker.on("message", (answer: GroupAnswer) => {
            take(answer);
            posted -= 1;
            post();
          });
          // An unusable spill directory is the user's to fix (spillFailure); anything else is a bug.
          worker.on("error", (error) => {
            const failure = spillFailure(error, directory);
            reject(failure !== error ? failure : new InternalError(`a ledger thread failed: ${error instanceof Error ? error.message : String(error)}`));
          });
          post();
        }),
    );
    for (let job = here ? queue.shift() : undefined; job !== undefined; job = queue.shift()) {
      resolveHere(job);
      // Lets the workers' answers in, and sends them their next jobs, before this thread takes another.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(fromWorkers);
    done = true;
  } finally {
    if (done) pool.give(workers);
    else await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Jobs a worker thread holds at once: the one it resolves and the next. */
const WORKER_AHEAD = 2;

/**
 * Above this many records the partitions are resolved on this thread alone: a worker thread's isolate and
 * tables came on top of this thread's heap, which holds the run's cells by then. On the 1.9 GB bench export
 * (22 million records) that made the peak ~225 MB against ~170 MB, for ~10-25% less time (single runs). 6 million records is
 * about where parallel.ts starts reading with the main thread (a 512 MB export of the bench's shape); the
 * 473 MB one (5.5 million) peaked at 161-187 MB with two threads. Below it, with the reader threads counting
 * pair records beside the analysis (2026-12-02), 5M rows peak at ~144 MB (Node 24: 158-165 MB).
 */
export const ONE_THREAD_ABOVE = 6_000_000;

/**
 * With fewer cores than this the partitions are resolved on this thread alone. On 2 cores the worker thread
 * never paid for its start: it came online ~50 ms into the resolution with its code not yet compiled, and this
 * thread then waited for its last groups. Alone, this thread took the 2M-row bench file 1-3% faster (medians
 * of 8 and 12 alternating runs: 1.10 s against 1.13 s, 1.145 s against 1.16 s) with ~0.1 s less CPU, and 5M
 * rows in 2.10 s either way (BENCHMARKS.md). Not measured with more cores.
 */
const MIN_CORES_FOR_THREADS = 3;

/**
 * Resolves every partition of a spilled ledger, adding what it decides into `outcomes`: the ID pass, then the
 * respondent pass. Returns once every outcome a file's Tally takes is in `outcomes` (duplicates, and the
 * repeats `--dedupe first` or `last` drops); `respondents` settles once the respondent counts are in too.
 * With `none`, whose respondent pass only counts (pair records), and `warm` threads, that pass runs on them
 * alone, while this thread goes on (to the analysis: ingest.ts' ingestInStages); else it has run by then.
 *
 * `threads`: this one and workers (default: the cores available, at most 8; one above ONE_THREAD_ABOVE
 * records, or with fewer than MIN_CORES_FOR_THREADS cores unless there are `warm` threads). `warm`: threads
 * running already that take GroupJobs (the reader threads, done reading: fast/worker.ts), used instead of
 * starting any (as many as are idle, at most), and closed at once when the ledger is resolved on this thread
 * alone (their heaps are then only in the way).
 */
export async function resolveSpilled(ledger: SpilledLedger, outcomes: Outcomes, threadsWanted?: number, warm?: KeptThreads): Promise<{ readonly respondents: Promise<void> }> {
  const cores = Math.min(availableParallelism(), 8);
  const large = recordsInRuns(ledger.runs) + recordsInRuns(ledger.pairRuns) > ONE_THREAD_ABOVE;
  const idle = warm?.idleCount ?? 0;
  const helping = idle > 0 ? warm : undefined;
  const wanted = threadsWanted ?? (large ? 1 : helping !== undefined ? Math.min(cores, idle + 1) : cores < MIN_CORES_FOR_THREADS ? 1 : cores);
  // Threads that help: the warm ones idle now (no more), else ledger-worker.js ones started for it (none from
  // the TypeScript sources, as in the unit tests).
  const threads = helping !== undefined ? Math.min(wanted, idle + 1) : existsSync(fileURLToPath(WORKER)) ? wanted : 1;
  if (threads < 2) await warm?.close();
  // A few groups per thread, so that one slow group does not leave the other threads idle for long; one group
  // (one set of outcomes and survivor runs) on one thread.
  const groups = threads < 2 ? 1 : Math.min(TOP_PARTITIONS, threads * 4);
  const jobsOf = (kind: GroupJob["kind"], survivors: readonly Run[]): GroupJob[] =>
    Array.from({ length: groups }, (_, index) => ({
      ...ledger,
      kind,
      index,
      partitions: Array.from({ length: TOP_PARTITIONS }, (__, partition) => partition).filter((partition) => partition % groups === index),
      survivors,
      prefix: `${kind}${index}`,
    }));
  // Survivors by group index: the respondent partitions list them in group order, whichever thread ends first.
  const survivors: (readonly Run[])[] = [];
  // Kept from the ID pass to the respondent pass: a thread takes ~0.1 s to start, during which this thread,
  // with a share of the same size, got ahead and then waited for it (2M-row bench file, once per pass).
  const workers = helping ?? new KeptThreads(WORKER);
  try {
    const fromIds = (answer: GroupAnswer): void => {
      outcomes.add(answer.outcomes);
      survivors[answer.index] = answer.survivors;
    };
    // No record in an ID partition (whole-number IDs are decided as they are read): no ID pass.
    const idRecords = ledger.runs.reduce((sum, { starts }) => sum + (starts[TOP_PARTITIONS] as number), 0);
    if (idRecords > 0) await runAll(jobsOf("ids", []), threads, ledger.directory, fromIds, workers);
    const jobs = jobsOf("respondents", survivors.flat());
    const addCounts = (answer: GroupAnswer): void => outcomes.add(answer.outcomes);
    if (ledger.dedupe === "none" && helping !== undefined && threads >= 2) return { respondents: runAll(jobs, threads, ledger.directory, addCounts, workers, false) };
    await runAll(jobs, threads, ledger.directory, addCounts, workers);
    return { respondents: Promise.resolve() };
  } finally {
    if (helping === undefined) await workers.close();
  }
}
