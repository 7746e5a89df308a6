import { describe, expect, it } from "vitest";
import { gammaCdf, normalCdf } from "../../src/stats/distributions.js";
import { gammaVariate, generatorOf, seededRandom, standardNormal, Xoshiro128StarStar } from "../../src/stats/random.js";
import type { RandomSource } from "../../src/stats/types.js";
import { expectClose } from "./close.js";
import { EXTRA } from "./reference.js";

/** Kolmogorov-Smirnov distance between a sample and a CDF. */
function ksDistance(sample: Float64Array, cdf: (x: number) => number): number {
  sample.sort();
  let distance = 0;
  sample.forEach((x, index) => {
    const f = cdf(x);
    distance = Math.max(distance, f - index / sample.length, (index + 1) / sample.length - f);
  });
  return distance;
}

/** 1% critical value of the KS distance for large n: 1.628 / sqrt(n) (Smirnov 1948). */
const ksCritical = (n: number): number => 1.628 / Math.sqrt(n);

function draw(count: number, generate: () => number): Float64Array {
  const sample = new Float64Array(count);
  for (let index = 0; index < count; index++) sample[index] = generate();
  return sample;
}

describe("seededRandom (xoshiro128**)", () => {
  it.each(Object.entries(EXTRA.xoshiro128starstar))("seed %s matches the authors' C code bit for bit", (seed, expected) => {
    const random = seededRandom(Number(seed));
    expect(expected.map(() => random())).toStrictEqual(expected);
  });
  it("is reproducible byte for byte and differs between seeds", () => {
    const first = draw(1000, seededRandom(20180101));
    const second = draw(1000, seededRandom(20180101));
    expect(Buffer.from(second.buffer)).toEqual(Buffer.from(first.buffer));
    expect(draw(10, seededRandom(20180102))).not.toEqual(first.slice(0, 10));
  });
  it("stays in [0, 1) with mean 1/2 and variance 1/12", () => {
    const sample = draw(200_000, seededRandom(3));
    expect(sample.every((u) => u >= 0 && u < 1)).toBe(true);
    const mean = sample.reduce((a, b) => a + b, 0) / sample.length;
    const variance = sample.reduce((a, b) => a + (b - mean) ** 2, 0) / sample.length;
    // SE of the mean: sqrt(1/12 / 2e5) = 6.5e-4; of the variance ~ 1.9e-4.
    expectClose(mean, 0.5, { abs: 4 * 6.5e-4 }, "uniform mean");
    expectClose(variance, 1 / 12, { abs: 4 * 1.9e-4 }, "uniform variance");
  });
  it("hands its generator's state over: set on another generator, the sequence goes on there", () => {
    const random = seededRandom(2024);
    const generator = generatorOf(random) as Xoshiro128StarStar;
    draw(5, random);
    const other = new Xoshiro128StarStar(1);
    other.state = generator.state;
    const expected = draw(20, random);
    expect(draw(20, () => other.nextDouble())).toStrictEqual(expected);
    expect(generatorOf(() => 0.5)).toBeUndefined();
  });
  it("rejects a seed that is not a safe integer", () => {
    expect(() => seededRandom(1.5)).toThrow(RangeError);
    expect(() => seededRandom(2 ** 60)).toThrow(RangeError);
  });
});

describe("standardNormal (ziggurat)", () => {
  const random: RandomSource = seededRandom(11);
  const sample = draw(200_000, () => standardNormal(random));
  it("passes a Kolmogorov-Smirnov test against Phi at the 1% level", () => {
    expect(ksDistance(Float64Array.from(sample), normalCdf)).toBeLessThan(ksCritical(sample.length));
  });
  it("has mean 0, variance 1 and the normal share beyond the ziggurat's tail start", () => {
    const n = sample.length;
    const mean = sample.reduce((a, b) => a + b, 0) / n;
    const variance = sample.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expectClose(mean, 0, { abs: 4 / Math.sqrt(n) }, "normal mean");
    expectClose(variance, 1, { abs: 4 * Math.sqrt(2 / n) }, "normal variance");
    const tail = sample.filter((x) => Math.abs(x) > 3.442619855899).length / n;
    const expected = 2 * normalCdf(-3.442619855899);
    expectClose(tail, expected, { abs: 4 * Math.sqrt(expected / n) }, "share beyond R");
  });
});

describe("gammaVariate (Marsaglia & Tsang)", () => {
  it.each([0.3, 1, 2.5, 41, 500])("shape %d: moments and a KS test against jStat's gamma CDF", (shape) => {
    const random = seededRandom(Math.round(shape * 1000));
    const n = 100_000;
    const sample = draw(n, () => gammaVariate(shape, random));
    const mean = sample.reduce((a, b) => a + b, 0) / n;
    const variance = sample.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    // Gamma(k, 1): mean k, variance k; SE of the mean sqrt(k/n), of the variance ~ k sqrt((2 + 6/k)/n).
    expectClose(mean, shape, { abs: 4 * Math.sqrt(shape / n) }, `Gamma(${shape}) mean`);
    expectClose(variance, shape, { abs: 4 * shape * Math.sqrt((2 + 6 / shape) / n) }, `Gamma(${shape}) variance`);
    expect(ksDistance(sample, (x) => gammaCdf(x, shape))).toBeLessThan(ksCritical(n));
  });
  it("is reproducible and rejects a non-positive shape", () => {
    expect(gammaVariate(3.5, seededRandom(9))).toBe(gammaVariate(3.5, seededRandom(9)));
    expect(() => gammaVariate(0, seededRandom(9))).toThrow(RangeError);
  });
});
