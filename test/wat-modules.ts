/** specials.wat assembled as scripts/build-wasm.mjs does, for tests that run from the TypeScript sources. */
import { readFileSync } from "node:fs";
import wabt from "wabt";

export async function specialsBinary(): Promise<Uint8Array> {
  const path = new URL("../../src/ingest/fast/specials.wat", import.meta.url);
  const module = (await wabt()).parseWat("specials.wat", readFileSync(path, "utf8"), { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
