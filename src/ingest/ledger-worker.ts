/** A worker thread of ledger-partitions.ts: resolves groups of a spilled ledger's partitions. */
import { parentPort, workerData } from "node:worker_threads";
import { keepYoungGenerationSmall } from "../young-generation.js";
import { resolveGroup, type GroupJob } from "./ledger-partitions.js";

// The starting thread asked for a small young generation (young-generation.ts): ask again once started.
if ((workerData as { smallYoungGeneration?: boolean } | null)?.smallYoungGeneration === true) keepYoungGenerationSmall();

parentPort?.on("message", (job: GroupJob) => parentPort?.postMessage(resolveGroup(job)));
