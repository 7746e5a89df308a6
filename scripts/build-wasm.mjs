#!/usr/bin/env node
/**
 * Part of `npm run build`: assembles the WebAssembly text sources under src/ (specials.wat, see
 * src/ingest/fast/special-index.ts; monte-carlo.wat, see src/stats/monte-carlo-kernel.ts) into binaries
 * beside the compiled JavaScript in dist/, with wabt (the WebAssembly Binary Toolkit's wat2wasm, compiled to
 * JavaScript). The binaries are build output, not in git.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import wabt from "wabt";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCES = ["ingest/fast/specials.wat", "ingest/fast/row-kernel.wat", "ingest/respondent-kernel.wat", "stats/monte-carlo.wat"];

/** The binary of a .wat file (SIMD on: the module uses 128-bit vectors). */
export async function assemble(path) {
  const toolkit = await wabt();
  const module = toolkit.parseWat(path, readFileSync(path, "utf8"), { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const source of SOURCES) {
    const binary = await assemble(join(root, "src", source));
    const target = join(root, "dist", source.replace(/\.wat$/, ".wasm"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, binary);
  }
}
