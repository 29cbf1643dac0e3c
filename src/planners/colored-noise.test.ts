import { describe, expect, it } from 'vitest';
import { Generator } from '../rng/generator.ts';
import { ColoredNoise } from './colored-noise.ts';
import { FastNormal } from './fast-normal.ts';

/** Variance and lag-1 autocorrelation over many sequences. */
function stats(beta: number, length: number, count: number) {
  const noise = new FastNormal(Generator.fromSeed(5));
  const gen = new ColoredNoise(beta, length);
  const seq = new Float32Array(length);
  let s2 = 0;
  let lag = 0;
  for (let c = 0; c < count; c++) {
    gen.sample(noise, seq);
    for (let t = 0; t < length; t++) s2 += seq[t]! ** 2;
    for (let t = 1; t < length; t++) lag += seq[t]! * seq[t - 1]!;
  }
  return { variance: s2 / (count * length), lag1: lag / (count * (length - 1)) / (s2 / (count * length)) };
}

describe('ColoredNoise', () => {
  it('is white for beta 0 and smoother as beta grows, with unit variance', () => {
    const white = stats(0, 30, 4000);
    const pink = stats(1, 30, 4000);
    const red = stats(2, 30, 4000);
    expect(Math.abs(white.lag1)).toBeLessThan(0.03);
    expect(pink.lag1).toBeGreaterThan(0.3);
    expect(red.lag1).toBeGreaterThan(pink.lag1 + 0.2);
    for (const s of [white, pink, red]) expect(Math.abs(s.variance - 1)).toBeLessThan(0.05);
  });

  it('handles odd and one-sample lengths and writes with a stride', () => {
    const noise = new FastNormal(Generator.fromSeed(1));
    const out = new Float32Array(2 * 15);
    new ColoredNoise(2, 15).sample(noise, out, 1, 2);
    for (let t = 0; t < 15; t++) {
      expect(out[2 * t]).toBe(0);
      expect(Number.isFinite(out[2 * t + 1]!)).toBe(true);
    }
    const one = new Float32Array(1);
    new ColoredNoise(2, 1).sample(noise, one);
    expect(Number.isFinite(one[0]!)).toBe(true);
    expect(() => new ColoredNoise(-1, 5)).toThrow(RangeError);
  });
});
