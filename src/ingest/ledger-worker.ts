/** A worker thread of ledger-partitions.ts: resolves groups of a spilled ledger's partitions. */
import { parentPort } from "node:worker_threads";
import { resolveGroup, type GroupJob } from "./ledger-partitions.js";

parentPort?.on("message", (job: GroupJob) => parentPort?.postMessage(resolveGroup(job)));
