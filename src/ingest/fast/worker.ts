/**
 * A worker thread of parallel.ts: kept from one file to the next (readerThreads), it takes a file's setup,
 * then does the jobs it is sent (chunk-reader.ts) and sends back the answers, until the next file's setup.
 * Once every file is read, it may be sent groups of the ledger's partitions to resolve, as a thread of
 * ledger-worker.ts would be (ledger-partitions.ts' resolveSpilled): it is running already, and its code warm.
 */
import { parentPort } from "node:worker_threads";
import { InternalError } from "../../errors.js";
import { resolveGroup, type GroupJob } from "../ledger-partitions.js";
import { ChunkReader } from "./chunk-reader.js";
import type { WorkerMessage } from "./worker-protocol.js";

let reader: ChunkReader | null = null;

const isGroupJob = (message: WorkerMessage | GroupJob): message is GroupJob => message.kind === "ids" || message.kind === "respondents";

parentPort?.on("message", (message: WorkerMessage | GroupJob) => {
  if (isGroupJob(message)) {
    // The reading is over: its buffers go, before the resolution's tables come.
    reader = null;
    parentPort?.postMessage(resolveGroup(message));
    return;
  }
  if (message.kind === "setup") {
    reader = new ChunkReader(message.setup);
    return;
  }
  if (reader === null) throw new InternalError("a reader thread was sent a job before its setup");
  const answer = reader.run(message);
  // A chunk's records are in shared memory (LedgerOptions.sharedRecords): handed over, neither copied nor
  // transferred. This thread lets go of them: the next chunk's ledger is a new one.
  parentPort?.postMessage(answer);
});
