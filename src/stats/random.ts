/**
 * Seeded randomness for the Monte Carlo methods: a uniform generator, standard normal and gamma variates.
 * Randomness is always injected (a `RandomSource`), so every randomised figure is reproducible byte for byte.
 */
import type { RandomSource } from "./types.js";

const MASK_64 = (1n << 64n) - 1n;

/** SplitMix64 (Steele, Lea & Flood 2014, OOPSLA), the seeding generator recommended for xoshiro. */
function splitMix64(state: { value: bigint }): bigint {
  state.value = (state.value + 0x9e3779b97f4a7c15n) & MASK_64;
  let z = state.value;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return z ^ (z >> 31n);
}

/**
 * A seeded uniform generator on [0, 1): xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom
 * number generators", ACM TOMS 47(4), 2021), 128-bit state, period 2^128 - 1, passes BigCrush.
 *
 * The seed (any safe integer, negatives as 64-bit two's complement) goes through SplitMix64 twice to fill the
 * state, as the authors recommend. Each double takes two 32-bit outputs, a 53-bit fraction
 * (a >>> 5) 2^-27 + (b >>> 6) 2^-53 (`genrand_res53` of Matsumoto & Nishimura's mt19937ar.c), so every value
 * is a multiple of 2^-53. Checked against the authors' C code (test/reference/xoshiro128starstar.c).
 *
 * @example seededRandom(42)() // 0.4137016681565887
 */
export function seededRandom(seed: number): RandomSource {
  const generator = new Xoshiro128StarStar(seed);
  const random = (): number => generator.nextDouble();
  generators.set(random, generator);
  return random;
}

/** The generator behind each RandomSource made by seededRandom. */
const generators = new WeakMap<RandomSource, Xoshiro128StarStar>();

/**
 * The xoshiro128** generator behind `random` when seededRandom made it, else undefined: the WebAssembly
 * Monte Carlo (monte-carlo-kernel.ts) continues its sequence from its state and hands the state back.
 */
export function generatorOf(random: RandomSource): Xoshiro128StarStar | undefined {
  return generators.get(random);
}

/**
 * xoshiro128** 1.1's state and steps (see seededRandom). Four fields, not a Uint32Array: ~25% faster for the
 * Monte Carlo, whose every variate takes two to four outputs.
 */
export class Xoshiro128StarStar {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    const seeding = { value: BigInt.asUintN(64, BigInt(seed)) };
    const first = splitMix64(seeding);
    const second = splitMix64(seeding);
    this.s0 = Number(first & 0xffffffffn) | 0;
    this.s1 = Number(first >> 32n) | 0;
    this.s2 = Number(second & 0xffffffffn) | 0;
    this.s3 = Number(second >> 32n) | 0;
  }

  /**
   * The next 32-bit output, as a signed integer (`| 0`, where the reference C code has an unsigned one): callers
   * take its bits with `>>>`, which reads it as unsigned, so the doubles are the same, and a signed 32-bit
   * integer is a small integer to V8 where an unsigned one of 2^31 or more was a heap number allocated per output.
   */
  next32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) | 0;
    const s2 = this.s2 ^ this.s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 ^= s3;
    this.s2 = s2 ^ (s1 << 9);
    this.s3 = rotateLeft(s3, 11);
    return result;
  }

  /** The next double on [0, 1), a multiple of 2^-53 (see seededRandom). */
  nextDouble(): number {
    const high = this.next32() >>> 5;
    const low = this.next32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** The state as four signed 32-bit words (s0, s1, s2, s3). */
  get state(): [number, number, number, number] {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  set state([s0, s1, s2, s3]: readonly [number, number, number, number]) {
    [this.s0, this.s1, this.s2, this.s3] = [s0 | 0, s1 | 0, s2 | 0, s3 | 0];
  }
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** Ziggurat of 128 layers under the normal density (Marsaglia & Tsang 2000; constants from Doornik 2005). */
const LAYERS = 128;
const TAIL_START = 3.442619855899;
const LAYER_AREA = 9.91256303526217e-3;
const EDGES = new Float64Array(LAYERS + 1);
const RATIOS = new Float64Array(LAYERS);
{
  let density = Math.exp(-0.5 * TAIL_START * TAIL_START);
  EDGES[0] = LAYER_AREA / density;
  EDGES[1] = TAIL_START;
  for (let layer = 2; layer < LAYERS; layer++) {
    EDGES[layer] = Math.sqrt(-2 * Math.log(LAYER_AREA / EDGES[layer - 1]! + density));
    density = Math.exp(-0.5 * EDGES[layer]! * EDGES[layer]!);
  }
  EDGES[LAYERS] = 0;
  for (let layer = 0; layer < LAYERS; layer++) RATIOS[layer] = EDGES[layer + 1]! / EDGES[layer]!;
}

/** The ziggurat's tables, for the WebAssembly Monte Carlo (monte-carlo-kernel.ts), which must not change them. */
export const ZIGGURAT = { edges: EDGES, ratios: RATIOS } as const;

/** The normal tail beyond `start` (Marsaglia 1964): x = -ln(U1)/start, accepted if -2 ln U2 > x^2. */
function normalTail(start: number, negative: boolean, random: RandomSource): number {
  let x: number;
  let y: number;
  do {
    x = -Math.log(1 - random()) / start;
    y = -Math.log(1 - random());
  } while (2 * y < x * x);
  return negative ? -(start + x) : start + x;
}

/**
 * A standard normal variate N(0, 1) by the ziggurat method (Marsaglia & Tsang, "The Ziggurat Method for
 * Generating Random Variables", J. Statistical Software 5(8), 2000), in Doornik's floating-point form
 * ("An Improved Ziggurat Method to Generate Normal Random Samples", 2005): 128 equal-area layers; a point
 * u X_i, u uniform on (-1, 1), is accepted at once when it falls in the layer's inner rectangle (~98.8% of
 * draws), otherwise by a wedge test, or from the exact tail beyond R = 3.4426. Exact, and ~3 times faster
 * than Box-Muller. One uniform gives both the layer (its top 7 of 53 bits) and u (the other 46 bits), which are
 * independent, avoiding the layer/value correlation Leong et al. (2005, JSS 12(7)) found in the original.
 *
 * @example standardNormal(seededRandom(42)) // 1.5437253193903941
 */
export function standardNormal(random: RandomSource): number {
  for (;;) {
    const scaled = random() * LAYERS;
    const layer = scaled | 0;
    const u = 2 * (scaled - layer) - 1;
    const x = u * EDGES[layer]!;
    if (Math.abs(u) < RATIOS[layer]!) return x;
    if (layer === 0) return normalTail(TAIL_START, u < 0, random);
    const outer = Math.exp(-0.5 * (EDGES[layer]! * EDGES[layer]! - x * x));
    const inner = Math.exp(-0.5 * (EDGES[layer + 1]! * EDGES[layer + 1]! - x * x));
    if (inner + random() * (outer - inner) < 1) return x;
  }
}

/**
 * A sampler of Gamma(shape, 1) variates by Marsaglia & Tsang's squeeze method ("A simple method for generating
 * gamma variables", ACM TOMS 26(3), 2000): with d = shape - 1/3, c = 1/sqrt(9d), draw x ~ N(0,1),
 * v = (1 + cx)^3, accept d v if U < 1 - 0.0331 x^4 (the squeeze, ~98% of draws) or
 * ln U < x^2/2 + d - d v + d ln v. For shape < 1, the paper's boost: Gamma(shape) = Gamma(shape + 1) U^(1/shape).
 * The constants are computed once, for drawing many variates of one shape (the Dirichlet posteriors).
 *
 * @example gammaSampler(2.5)(seededRandom(42)) // 1.250993386093152
 */
export function gammaSampler(shape: number): (random: RandomSource) => number {
  if (!(shape > 0 && Number.isFinite(shape))) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) {
    const boosted = gammaSampler(shape + 1);
    return (random) => boosted(random) * Math.pow(1 - random(), 1 / shape);
  }
  const { d, c } = gammaConstants(shape);
  return (random) => {
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = standardNormal(random);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - random();
      const xSquared = x * x;
      if (u < 1 - 0.0331 * xSquared * xSquared) return d * v;
      if (Math.log(u) < 0.5 * xSquared + d * (1 - v + Math.log(v))) return d * v;
    }
  };
}

/** Marsaglia & Tsang's constants for a shape >= 1: d = shape - 1/3, c = 1/sqrt(9d) (see gammaSampler). */
export function gammaConstants(shape: number): { d: number; c: number } {
  const d = shape - 1 / 3;
  return { d, c: 1 / Math.sqrt(9 * d) };
}

/**
 * One Gamma(shape, 1) variate, Marsaglia & Tsang (2000) with the boost for shape < 1; see `gammaSampler`.
 *
 * @example gammaVariate(2.5, seededRandom(42)) // 1.250993386093152
 */
export function gammaVariate(shape: number, random: RandomSource): number {
  return gammaSampler(shape)(random);
}
