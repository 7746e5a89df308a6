/**
 * A WebAssembly module shipped as a file beside the compiled JavaScript that uses it (`npm run build`
 * assembles the .wat sources under src/ into dist/, and scripts/bundle.mjs copies them beside the bundles),
 * compiled once on first use. Where the file is not there (the TypeScript sources, as in unit tests that do
 * not load it) or cannot be compiled, `compiled` is null and the caller does the work in JavaScript, with the
 * same results. `littleEndian`: also null on a big-endian machine, for a module whose results are read
 * through typed arrays in the machine's byte order (WebAssembly memory is always little-endian).
 */
import { existsSync, readFileSync } from "node:fs";
import { endianness } from "node:os";
import { fileURLToPath } from "node:url";

export class ShippedModule {
  private module: WebAssembly.Module | null | undefined;

  /** `url`: the file, made relative to the `import.meta.url` of the module that uses it (the bundles keep such URLs). */
  constructor(
    private readonly url: URL,
    private readonly littleEndian: boolean,
  ) {}

  get compiled(): WebAssembly.Module | null {
    if (this.module !== undefined) return this.module;
    if (this.littleEndian && endianness() !== "LE") return (this.module = null);
    const path = fileURLToPath(this.url);
    try {
      this.module = existsSync(path) ? new WebAssembly.Module(readFileSync(path)) : null;
    } catch {
      this.module = null;
    }
    return this.module;
  }

  /** Uses `bytes` (the compiled .wat source), or no module (null), instead of the file: for tests. */
  use(bytes: Uint8Array | null): void {
    this.module = bytes === null ? null : new WebAssembly.Module(bytes);
  }
}

/** WebAssembly's page: memories are made and grown by pages. */
const PAGE = 65536;

/**
 * A memory of at least `bytes`, made at its size for a module that imports it. Not grown later: growing a
 * memory detaches its buffer, and the first buffer detached in a thread makes V8 throw away its optimised code
 * that reads typed arrays (see fast/parallel.ts).
 */
export function memoryOf(bytes: number): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
}
