/**
 * The WebAssembly text sources under src/, for scripts/build-wasm.mjs (which assembles each into dist/, its
 * .wasm beside the compiled JavaScript that loads it) and scripts/bundle.mjs (which copies each .wasm beside
 * the bundles).
 */
export const WASM_SOURCES = ["ingest/fast/specials.wat", "ingest/fast/row-kernel.wat", "ingest/respondent-kernel.wat", "stats/monte-carlo.wat"];
