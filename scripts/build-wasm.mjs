#!/usr/bin/env node
/**
 * Part of `npm run build`: assembles the WebAssembly text sources under src/ (scripts/wasm-sources.mjs; each
 * loaded by a module beside it, e.g. specials.wat by src/ingest/fast/special-index.ts) into binaries
 * beside the compiled JavaScript in dist/, with wabt (the WebAssembly Binary Toolkit's wat2wasm, compiled to
 * JavaScript). The binaries are build output, not in git.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import wabt from "wabt";
import { WASM_SOURCES } from "./wasm-sources.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

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
  for (const source of WASM_SOURCES) {
    const binary = await assemble(join(root, "src", source));
    const target = join(root, "dist", source.replace(/\.wat$/, ".wasm"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, binary);
  }
}
