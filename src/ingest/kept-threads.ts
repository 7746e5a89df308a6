/**
 * Worker threads of one script, kept idle between uses instead of ended and started again (a thread takes
 * ~0.1-0.2 s to start and load its modules): the reader threads from one file of a run to the next
 * (parallel.ts), the resolution's from the ID pass to the respondent pass (ledger-partitions.ts). An idle
 * thread is unreferenced (it keeps no process alive); `close` ends the idle ones.
 */
import { Worker } from "node:worker_threads";
import { keepAfterStart } from "../young-generation.js";

export class KeptThreads {
  private idle: Worker[] = [];
  private readonly failed = new Set<Worker>();

  constructor(private readonly script: URL) {}

  /** Threads idle now (started, and not failed as far as is known). */
  get idleCount(): number {
    return this.idle.filter((worker) => !this.failed.has(worker)).length;
  }

  /** `count` threads (idle ones first), referenced, with no listeners: the caller adds its own. */
  take(count: number): Worker[] {
    const taken: Worker[] = [];
    for (const worker of this.idle.splice(0, count)) {
      if (this.failed.has(worker)) void worker.terminate();
      else taken.push(worker);
    }
    while (taken.length < count) taken.push(this.start());
    for (const worker of taken) {
      worker.removeAllListeners("error");
      worker.ref();
    }
    return taken;
  }

  /**
   * Starts threads until `count` are idle, and waits until each is online: a starting thread puts V8's flags
   * back (young-generation.ts), which is harmless before this thread allocates much, and the modules they then
   * load load while this thread goes on.
   */
  async prestart(count: number): Promise<void> {
    const started: Promise<void>[] = [];
    while (this.idle.length < count) {
      const worker = this.start();
      this.idle.push(worker);
      // Referenced until online: an idle thread keeps no process alive, and nothing else may be waiting.
      worker.ref();
      started.push(
        new Promise<void>((resolve) => {
          const online = (): void => {
            worker.unref();
            resolve();
          };
          worker.once("online", online).once("exit", online);
        }),
      );
    }
    await Promise.all(started);
  }

  /** Takes back threads that have answered every job they were sent. */
  give(workers: readonly Worker[]): void {
    for (const worker of workers) {
      worker.removeAllListeners("message");
      this.watch(worker);
      this.idle.push(worker);
    }
  }

  async close(): Promise<void> {
    const idle = this.idle;
    this.idle = [];
    await Promise.all(idle.map((worker) => worker.terminate()));
  }

  private start(): Worker {
    const worker = keepAfterStart(new Worker(this.script));
    this.watch(worker);
    return worker;
  }

  /** While idle: unreferenced, and a failure (seen when it is next taken) makes it replaced, not thrown. */
  private watch(worker: Worker): void {
    worker.removeAllListeners("error");
    worker.on("error", () => this.failed.add(worker));
    worker.unref();
  }
}
