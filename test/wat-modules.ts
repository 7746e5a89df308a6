/** The WebAssembly text sources assembled as scripts/build-wasm.mjs does, for tests that run from the TypeScript sources. */
import { readFileSync } from "node:fs";
import wabt from "wabt";

async function assemble(source: string): Promise<Uint8Array> {
  const path = new URL(`../src/${source}`, import.meta.url);
  const module = (await wabt()).parseWat(source, readFileSync(path, "utf8"), { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

export const specialsBinary = (): Promise<Uint8Array> => assemble("ingest/fast/specials.wat");
export const monteCarloBinary = (): Promise<Uint8Array> => assemble("stats/monte-carlo.wat");
export const rowKernelBinary = (): Promise<Uint8Array> => assemble("ingest/fast/row-kernel.wat");
export const respondentKernelBinary = (): Promise<Uint8Array> => assemble("ingest/respondent-kernel.wat");
