#!/usr/bin/env node
/**
 * Part of `npm run build`, after tsc and build-wasm.mjs: bundles the compiled CLI and its two worker-thread
 * scripts into one file each, in dist/bundle/, which bin/nps-ab.js runs. The library (`exports`: dist/index.js)
 * stays unbundled.
 *
 * Why: Node 20 loads an ES module graph file by file. The CLI's graph (~110 of our files, and commander,
 * chalk, csv-parse, jstat, cli-table3, simple-statistics) took ~110 ms to load before any work began, on the
 * main thread and again in each reader thread. As one file each, `nps-ab --version` went from ~170 to ~90 ms
 * and the 2M-row bench file from ~1.57 to ~1.47 s (BENCHMARKS.md).
 *
 * esbuild-wasm, not esbuild: the same bundler compiled to WebAssembly, so that the build needs no
 * platform-specific binary (the registry these machines reach serves only Linux ones, and a lockfile written
 * here could not name the others: scripts/prune-lockfile.mjs).
 *
 * The bundles keep the files' relative URLs working: the three sit side by side under the names the code
 * starts them by (`new URL("./worker.js", import.meta.url)` in parallel.ts, "./ledger-worker.js" in
 * ledger-partitions.ts), beside a copy of specials.wasm, two levels below package.json as dist/cli/main.js is.
 * test/cli/bundle.test.ts checks every such URL in them against the files.
 */
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild-wasm";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const out = join(dist, "bundle");

/** Bundle name (without .js) -> compiled entry point. */
export const ENTRY_POINTS = {
  cli: "cli/main.js",
  worker: "ingest/fast/worker.js",
  "ledger-worker": "ingest/ledger-worker.js",
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: Object.fromEntries(Object.entries(ENTRY_POINTS).map(([name, path]) => [name, join(dist, path)])),
  outdir: out,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // CommonJS dependencies (commander, jstat, cli-table3) call require() for Node's modules; an ES module has
  // no require, so each bundle makes one (names unlikely to meet the bundled code's own).
  banner: { js: 'import { createRequire as npsAbCreateRequire } from "node:module";\nconst require = npsAbCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
copyFileSync(join(dist, "ingest/fast/specials.wasm"), join(out, "specials.wasm"));
