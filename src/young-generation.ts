/**
 * A process-wide memory setting for long runs, asked for by the CLI (cli/main.ts) and passed on to the worker
 * threads the library starts.
 *
 * V8 grows a thread's young generation from ~1 MB up to two 16 MB semi-spaces as objects survive its
 * collections, and on a long run every thread gets there: up to ~30 MB each for the CLI's thread and each
 * reader or resolver thread, of issue 5's 200 MB peak budget, for nothing on this workload (its bulk lives in
 * typed arrays, off the young generation). With the growth factor at 1 the space keeps its initial size. On the
 * 1.9 GB bench file the peak went from 165-214 MB to 143-147 MB; on the 172 MB file from 160-188 MB to 150-154 MB,
 * ~2% slower (BENCHMARKS.md).
 *
 * Two facts of Node 20 shape this: V8 reads the flag each time it considers growing a space, so setting it at
 * run time holds from then on; and a Worker, as it starts, puts the runtime-set V8 flags back to the command
 * line's (set again before its "online" event, the flag was lost; after it, it held), so it is set again once
 * each worker thread the library starts is online (for every thread of the process: flags are global). It is
 * the CLI's choice, not the library's: a program that calls `ingest` owns its process's flags, and only when it
 * has asked for this (`keepYoungGenerationSmall`) are they set again.
 *
 * Newer V8 sources raise this flag to a minimum of 2; on a Node built with one, setting it does nothing (no
 * error, no saving), and test/young-generation.test.ts skips its check across a worker thread.
 */
import { setFlagsFromString } from "node:v8";
import type { Worker } from "node:worker_threads";

let asked = false;

export function keepYoungGenerationSmall(): void {
  asked = true;
  setFlagsFromString("--semi-space-growth-factor=1");
}

/** Asks again once `worker`, just started, is online, if this process asked (see above). */
export function keepAfterStart(worker: Worker): Worker {
  if (asked) worker.once("online", keepYoungGenerationSmall);
  return worker;
}
