/**
 * Where the special bytes (the delimiter, `"`, CR, LF) of a stretch of bytes lie, found 16 bytes at a time by
 * a WebAssembly SIMD loop (specials.wat, compiled to specials.wasm by `npm run build`). The scanner's
 * byte-at-a-time loop in JavaScript ran at ~3 ns a byte, near what any JavaScript loop over a Uint8Array
 * does; fields average ~10 bytes, so the scanner now visits one position in ten. Where the module is not
 * there (the TypeScript sources, as in unit tests that do not load it) or cannot run, `specialIndex` gives
 * null and the scanner keeps its byte loop: the same records either way (test/ingest/scanner.test.ts).
 */
import { ShippedModule } from "../../wasm-module.js";

/** Bytes indexed at once: positions for these fit the module's memory (8 pages: input, then positions). */
export const SEGMENT_BYTES = 1 << 16;
const INPUT_AT = 0;
const POSITIONS_AT = 1 << 17;

interface SpecialsModule {
  readonly memory: WebAssembly.Memory;
  readonly specials: (start: number, end: number, out: number, delimiter: number) => number;
}

/** This thread's instance of the module, shared by its indexes: the one that built last owns its memory. */
interface Shared {
  readonly exports: SpecialsModule;
  readonly input: Uint8Array;
  readonly positions: Int32Array;
  owner: SpecialIndex | null;
}

/** The module writes its positions little-endian, read through an Int32Array (see ShippedModule). */
const specials = new ShippedModule(new URL("./specials.wasm", import.meta.url), true);
let shared: Shared | null = null;

/** Uses `bytes` (a compiled specials.wat) instead of the file next to this module: for tests. */
export function useSpecialsModule(bytes: Uint8Array | null): void {
  specials.use(bytes);
  shared = null;
}

export class SpecialIndex {
  /** The bytes indexed, and the stretch `start..end` of them. */
  bytes: Uint8Array | null = null;
  start = 0;
  end = 0;
  /** Offsets from `start` of the special bytes, in order (valid while `covers` says so); `count` of them. */
  readonly positions: Int32Array;
  count = 0;

  constructor(
    private readonly shared: Shared,
    private readonly delimiter: number,
    readonly segmentBytes: number,
  ) {
    this.positions = shared.positions;
  }

  /** Indexes `bytes` from `start` to at most `limit` (a segment). */
  build(bytes: Uint8Array, start: number, limit: number): void {
    const end = Math.min(limit, start + this.segmentBytes);
    const { shared } = this;
    shared.input.set(bytes.subarray(start, end));
    this.count = shared.exports.specials(INPUT_AT, INPUT_AT + end - start, POSITIONS_AT, this.delimiter);
    shared.owner = this;
    [this.bytes, this.start, this.end] = [bytes, start, end];
  }

  /** Whether `start` lies in the stretch of `bytes` indexed, and the positions are still this index's. */
  covers(bytes: Uint8Array, start: number): boolean {
    return bytes === this.bytes && start >= this.start && start < this.end && this.shared.owner === this;
  }

  /** Forgets the bytes indexed (their memory may be reused for other bytes). */
  forget(): void {
    this.bytes = null;
  }
}

/** An index for `delimiter`, or null (see the module comment). `segmentBytes`: smaller in tests. */
export function specialIndex(delimiter: number, segmentBytes = SEGMENT_BYTES): SpecialIndex | null {
  const module = specials.compiled;
  if (module === null) return null;
  if (shared === null) {
    let exports: SpecialsModule;
    try {
      exports = new WebAssembly.Instance(module).exports as unknown as SpecialsModule;
    } catch {
      specials.use(null);
      return null;
    }
    const { buffer } = exports.memory;
    shared = { exports, input: new Uint8Array(buffer, INPUT_AT, SEGMENT_BYTES + 16), positions: new Int32Array(buffer, POSITIONS_AT, SEGMENT_BYTES), owner: null };
  }
  return new SpecialIndex(shared, delimiter, Math.min(segmentBytes, SEGMENT_BYTES));
}
