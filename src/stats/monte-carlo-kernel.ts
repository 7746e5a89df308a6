/**
 * Posterior draws of the NPS by the WebAssembly module monte-carlo.wat (compiled to monte-carlo.wasm by
 * `npm run build`): the same draws as intervals/bayes.ts' JavaScript, double for double, ~4 times sooner in a
 * run that draws once (see the module's comment). It continues a seededRandom's xoshiro128** sequence from
 * its state and hands the state back, so the source then goes on as if JavaScript had drawn. Where the module
 * is not there (the TypeScript sources, as in unit tests that do not load it) or cannot run, `kernelDraws`
 * gives null and bayes.ts draws in JavaScript; test/stats/monte-carlo-kernel.test.ts holds the two equal.
 */
import { memoryOf, ShippedModule } from "../wasm-module.js";
import { gammaConstants, generatorOf, ZIGGURAT } from "./random.js";
import type { CategoryCounts, RandomSource } from "./types.js";

interface KernelExports {
  readonly setState: (s0: number, s1: number, s2: number, s3: number) => void;
  readonly stateWord: (index: number) => number;
  readonly draw: (out: number, count: number, posteriors: number) => number;
  readonly quantile: (base: number, count: number, probability: number) => number;
}

/** Byte offsets in the module's memory (see monte-carlo.wat). */
const EDGES_AT = 0;
const RATIOS_AT = 1032;
const SHAPES_AT = 2064;
const DRAWS_AT = 4096;
/**
 * Draws per call into the module: V8 first runs a WebAssembly function as quickly compiled code and swaps in
 * its optimised code for the calls after it is ready, so one call for all the draws would stay in the first.
 */
const BATCH = 8192;

/**
 * Its draws are read through a Float64Array in the machine's byte order; a big-endian machine still gets the
 * JavaScript's draws (see ShippedModule).
 */
const kernelModule = new ShippedModule(new URL("./monte-carlo.wasm", import.meta.url), true);

/** Uses `bytes` (a compiled monte-carlo.wat), or no module (null), instead of the file next to this one: for tests. */
export function useMonteCarloKernel(bytes: Uint8Array | null): void {
  kernelModule.use(bytes);
}

export interface Draws {
  readonly values: Float64Array;
  /** How many of the values are > 0. */
  readonly positive: number;
  /** The sample quantile of the values, as quantile.ts' `quantile` (which reorders them). */
  readonly quantile: (probability: number) => number;
}

/**
 * `count` posterior draws of the NPS in points under Dirichlet(counts + prior) posteriors: of the first's NPS
 * alone, or of the first's minus the second's, each draw taking its variates in that order; null when the
 * module is not there, `random` is not a seededRandom, or a shape is below 1 (the JavaScript's boost).
 */
export function kernelDraws(posteriors: readonly CategoryCounts[], prior: CategoryCounts, count: number, random: RandomSource): Draws | null {
  const module = kernelModule.compiled;
  const generator = generatorOf(random);
  if (module === null || generator === undefined) return null;
  const shapes = posteriors.flatMap((counts) => [counts.detractors + prior.detractors, counts.passives + prior.passives, counts.promoters + prior.promoters]);
  if (shapes.some((shape) => !(shape >= 1 && Number.isFinite(shape)))) return null;
  let kernel: KernelExports;
  let memory: WebAssembly.Memory;
  try {
    memory = memoryOf(DRAWS_AT + count * 8);
    kernel = new WebAssembly.Instance(module, { math: { exp: Math.exp, log: Math.log }, kernel: { memory } }).exports as unknown as KernelExports;
  } catch {
    // Out of memory for the draws: JavaScript may still have it (a Float64Array outside the module's 4 GB).
    return null;
  }
  const { buffer } = memory;
  new Float64Array(buffer, EDGES_AT, ZIGGURAT.edges.length).set(ZIGGURAT.edges);
  new Float64Array(buffer, RATIOS_AT, ZIGGURAT.ratios.length).set(ZIGGURAT.ratios);
  new Float64Array(buffer, SHAPES_AT, 2 * shapes.length).set(
    shapes.flatMap((shape) => {
      const { d, c } = gammaConstants(shape);
      return [d, c];
    }),
  );
  kernel.setState(...generator.state);
  let positive = 0;
  for (let done = 0; done < count; done += BATCH) positive += kernel.draw(DRAWS_AT + done * 8, Math.min(BATCH, count - done), posteriors.length);
  generator.state = [kernel.stateWord(0), kernel.stateWord(1), kernel.stateWord(2), kernel.stateWord(3)];
  // The module's quickselect: quantile.ts' in JavaScript, whose first run on 200,000 draws took ~15 ms.
  return { values: new Float64Array(buffer, DRAWS_AT, count), positive, quantile: (probability) => kernel.quantile(DRAWS_AT, count, probability) };
}
