/**
 * The part of the WebAssembly JavaScript API that special-index.ts and monte-carlo-kernel.ts use. Node has it
 * as a global, but its types live in TypeScript's DOM library, which this project does not load (it runs on
 * Node only).
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
  }
}
