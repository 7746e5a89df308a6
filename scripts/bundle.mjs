#!/usr/bin/env node
/**
 * Part of `npm run build`, after tsc and build-wasm.mjs: bundles the compiled CLI and its two worker-thread
 * scripts into one file each, in dist/bundle/, which bin/nps-ab.js runs. The library (`exports`: dist/index.js)
 * stays unbundled.
 *
 * Why: Node 20 loads an ES module graph file by file. The CLI's graph (~110 of our files, and commander,
 * chalk, csv-parse, jstat, cli-table3, simple-statistics) took ~110 ms to load before any work began, on the
 * main thread and again in each reader thread. As one file each, `nps-ab --version` went from ~170 to ~90 ms
 * and the 2M-row bench file from ~1.60 to ~1.43 s (BENCHMARKS.md).
 *
 * Rollup, not esbuild: esbuild turns every top-level `const` of a bundle into `var` (by design, with no option
 * to keep it), and V8 then no longer takes a module's constants and helper functions (`WORDS`, `isSpace`) as
 * constants when it optimises the loops over rows: the reader's steady state was ~3-5% slower, the 2 GB file
 * ~0.5 s. Rollup keeps the declarations as written. Its WebAssembly build (@rollup/wasm-node), so that the
 * build needs no platform-specific binary (the registry these machines reach serves only Linux ones, and a
 * lockfile written here could not name the others: scripts/prune-lockfile.mjs). The CommonJS dependencies
 * (commander, jstat, cli-table3) go through @rollup/plugin-commonjs, found by @rollup/plugin-node-resolve.
 *
 * The bundles keep the files' relative URLs working: the three sit side by side under the names the code
 * starts them by (`new URL("./worker.js", import.meta.url)` in parallel.ts, "./ledger-worker.js" in
 * ledger-partitions.ts), beside copies of the WebAssembly modules (scripts/wasm-sources.mjs), two levels below
 * package.json as dist/cli/main.js is.
 * test/cli/bundle.test.ts checks every such URL in them against the files.
 */
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import commonjs from "@rollup/plugin-commonjs";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { rollup } from "@rollup/wasm-node";
import { WASM_SOURCES } from "./wasm-sources.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const out = join(dist, "bundle");

/** Bundle name (without .js) -> compiled entry point. */
const ENTRY_POINTS = {
  cli: "cli/main.js",
  worker: "ingest/fast/worker.js",
  "ledger-worker": "ingest/ledger-worker.js",
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [name, path] of Object.entries(ENTRY_POINTS)) {
  const warnings = [];
  const bundle = await rollup({
    input: join(dist, path),
    plugins: [nodeResolve({ preferBuiltins: true }), commonjs()],
    // Import cycles among the dependencies' own modules are theirs, and harmless; anything else fails the build.
    onwarn: (warning) => {
      if (warning.code !== "CIRCULAR_DEPENDENCY") warnings.push(`${warning.code}: ${warning.message}`);
    },
  });
  try {
    await bundle.write({ file: join(out, `${name}.js`), format: "es" });
  } finally {
    await bundle.close();
  }
  if (warnings.length > 0) {
    console.error(`scripts/bundle.mjs: ${name}: ${warnings.join("\n")}`);
    process.exit(1);
  }
}
for (const source of WASM_SOURCES) {
  const wasm = source.replace(/\.wat$/, ".wasm");
  copyFileSync(join(dist, wasm), join(out, basename(wasm)));
}
