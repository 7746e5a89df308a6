/** A worker thread of parallel.ts: does the jobs it is sent (chunk-reader.ts) and sends back the answers. */
import { parentPort, workerData } from "node:worker_threads";
import { ChunkReader } from "./chunk-reader.js";
import { keepYoungGenerationSmall } from "../../young-generation.js";
import type { WorkerJob, WorkerSetup } from "./worker-protocol.js";

const setup = workerData as WorkerSetup;
if (setup.smallYoungGeneration) keepYoungGenerationSmall();
const reader = new ChunkReader(setup);

parentPort?.on("message", (job: WorkerJob) => {
  const answer = reader.run(job);
  // A chunk's records are handed over, not copied.
  parentPort?.postMessage(answer, answer.kind === "chunk" ? [answer.ledger.records.buffer as ArrayBuffer] : []);
});
