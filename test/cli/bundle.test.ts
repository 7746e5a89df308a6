/**
 * bin/nps-ab.js runs the CLI bundled into one file, beside its worker threads' bundles (scripts/bundle.mjs).
 * The other CLI tests run it on small files, which never start a worker thread; these check that the bundles
 * find the files they start and load by relative URL, and that a file large enough for reader threads and a
 * spilled ledger gives the report the unbundled compiled CLI (dist/cli/main.js) gives. `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { root } from "./run-cli.js";

const bundle = join(root, "dist", "bundle");

/**
 * Counts the worker threads the process starts (the `worker` event), printed by the main thread as it exits.
 * Worker threads inherit --import; they print nothing.
 */
const COUNT_WORKERS =
  'data:text/javascript,import { isMainThread } from "node:worker_threads"; let started = 0; process.on("worker", () => { started += 1; }); if (isMainThread) process.on("exit", () => process.stderr.write(`worker threads started: ${started}\\n`));';

function run(script: string[], args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", COUNT_WORKERS, ...script, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { PATH: process.env["PATH"], FORCE_COLOR: "0", TMPDIR: tmpdir() },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A Delighted-style export of two sites over 16 MB (parallel.ts reads such a file in chunks on reader threads)
 * with more rows than the ledger holds in memory (2^17 records: respondents.ts), so that it spills (and, with
 * three cores or more, is resolved on ledger threads too). Some IDs repeat, some emails answer on both sites.
 */
function largeExport(): string {
  const path = join(tmpdir(), "bundle-large.csv");
  const lines = ["Response ID,Score,Comment,Created At,Email,Site"];
  const start = Date.UTC(2023, 0, 1);
  for (let row = 0; row < 200_000; row += 1) {
    // Every thousandth row repeats the ID of a row of the same site (row - 3): a response exported twice.
    const id = row % 1000 === 999 ? 5_000_000 + row - 3 : 5_000_000 + row;
    const created = new Date(start + row * 150_000).toISOString();
    const comment = row % 9 === 0 ? '"Long comment, with a comma and ""quotes""\nover two lines"' : "Fast payouts and a friendly support team";
    lines.push(`${id},${(row * 7) % 11},${comment},${created},m${(row * 37) % 40_000}@example.com,${row % 3 === 0 ? "ebates" : "rakuten"}`);
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe("the bundled CLI", () => {
  it("finds every file it loads by relative URL", () => {
    const bundles = readdirSync(bundle).filter((name) => name.endsWith(".js"));
    expect(bundles.sort()).toEqual(["cli.js", "ledger-worker.js", "worker.js"]);
    for (const name of bundles) {
      const text = readFileSync(join(bundle, name), "utf8");
      const targets = [...text.matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)].map((match) => match[1] as string);
      expect(targets.length, `${name} loads files by relative URL`).toBeGreaterThan(0);
      for (const target of targets) expect(existsSync(fileURLToPath(new URL(target, `file://${join(bundle, name)}`))), `${name}: ${target}`).toBe(true);
    }
  });

  it("reads a large export on worker threads and reports what the unbundled CLI reports", () => {
    const path = largeExport();
    const args = ["analyze", path, "--variant-column", "Site", "--format", "json", "--draws", "1000"];
    const bundled = run([join(root, "bin", "nps-ab.js")], args);
    expect(bundled.status, bundled.stderr).toBe(0);
    // With two cores or more: a reader thread per core (one core reads alone); ledger threads from three cores.
    if (availableParallelism() > 1) expect(bundled.stderr).toMatch(/worker threads started: ([2-9]|1\d)\n/);
    // A script file, not --input-type: worker threads inherit the process's options, and that one fails them.
    const unbundledCli = join(tmpdir(), "unbundled-cli.mjs");
    writeFileSync(unbundledCli, `import { main } from ${JSON.stringify(pathToFileURL(join(root, "dist", "cli", "main.js")).href)};\nmain(process.argv.slice(2));\n`);
    const unbundled = run([unbundledCli], args);
    expect(unbundled.status, unbundled.stderr).toBe(0);
    expect(bundled.stdout).toBe(unbundled.stdout);
    const report = JSON.parse(bundled.stdout) as { data: { sources: { rowsRead: number; rowsDropped: Record<string, number> }[] } };
    expect(report.data.sources[0]?.rowsRead).toBe(200_000);
    expect(report.data.sources[0]?.rowsDropped["duplicate-response"]).toBe(200);
  });

  it("starts its ledger thread, which answers a group of partitions", async () => {
    // A machine with fewer than three cores resolves a spilled ledger on the main thread alone
    // (ledger-partitions.ts), so the run above may not start this bundle: it is started here, and sent a group
    // with no partitions (its answer: nothing decided, no survivors).
    const worker = new Worker(join(bundle, "ledger-worker.js"));
    try {
      const job = { kind: "ids", index: 3, partitions: [], survivors: [], prefix: "ids3", runs: [], places: [2], dedupe: "none", variants: [], budget: 1000, directory: tmpdir() };
      const answer = await new Promise<{ index: number; survivors: unknown[]; outcomes: { drops: Int32Array } }>((resolve, reject) => {
        worker.once("message", resolve).once("error", reject);
        worker.postMessage(job);
      });
      expect(answer.index).toBe(3);
      expect(answer.survivors).toEqual([]);
      expect([...answer.outcomes.drops].every((count) => count === 0)).toBe(true);
    } finally {
      await worker.terminate();
    }
  });

  it("detaches no ArrayBuffer in any thread while it reads a large export", () => {
    // The first detach (a transfer, say) in a thread throws away all of its optimized code that reads typed
    // arrays, then made again with slower checks (LedgerOptions.sharedRecords). V8 prints to stdout when that
    // happens; its flags hold for every thread of the process.
    const traced = run(["--trace-protector-invalidation", join(root, "bin", "nps-ab.js")], ["analyze", largeExport(), "--variant-column", "Site", "--format", "json", "--draws", "1000"]);
    expect(traced.status, traced.stderr).toBe(0);
    if (availableParallelism() > 1) expect(traced.stderr).toMatch(/worker threads started: ([2-9]|1\d)\n/);
    expect(traced.stdout).not.toMatch(/ArrayBufferDetaching/);
  });
});
