import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadRngVectors } from '../../test/helpers/rng-vectors.ts';
import { defaultRng } from './generator.ts';
import { fma, fmaExact, log1p, log1pNoFma } from './libm.ts';

const vectors = loadRngVectors();

/** The script's log1p inputs, rebuilt from our own numpy-identical random(). */
function log1pInputs(): number[] {
  const xs: number[] = [];
  for (const sec of vectors.log1p.sections) {
    const g = defaultRng(sec.seed);
    for (let i = 0; i < sec.count; i++) xs.push(sec.scale * g.random());
  }
  return xs;
}

function sha256Floats(values: number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  values.forEach((v, i) => {
    view.setFloat64(i * 8, v, true);
  });
  return createHash('sha256').update(new Uint8Array(view.buffer)).digest('hex');
}

function firstMismatch(got: number[], want: number[]): string {
  const i = got.findIndex((g, j) => !Object.is(g, want[j]));
  return i === -1 ? 'none' : `index ${i}: got ${got[i]}, want ${want[i]}`;
}

describe('glibc log1p port', () => {
  const xs = log1pInputs();

  it('matches glibc baseline (SSE2) log1p bit for bit', () => {
    const got = xs.map(log1pNoFma);
    expect(firstMismatch(got.slice(0, 50), vectors.log1p.sse2_first)).toBe('none');
    expect(sha256Floats(got)).toBe(vectors.log1p.sse2_sha256);
  });

  it.skipIf(vectors.log1p.fma_sha256 === null)('matches glibc FMA log1p bit for bit', () => {
    const got = xs.map(log1p);
    expect(firstMismatch(got.slice(0, 50), vectors.log1p.fma_first ?? [])).toBe('none');
    expect(sha256Floats(got)).toBe(vectors.log1p.fma_sha256);
  });

  it('handles the special cases like C', () => {
    for (const f of [log1p, log1pNoFma]) {
      expect(f(-1)).toBe(Number.NEGATIVE_INFINITY);
      expect(f(-1.5)).toBeNaN();
      expect(f(Number.NaN)).toBeNaN();
      expect(f(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
      expect(Object.is(f(-0), -0)).toBe(true);
      expect(f(0)).toBe(0);
      expect(f(1e-300)).toBe(1e-300);
      expect(f(Math.E - 1)).toBeCloseTo(1, 15);
      expect(f(1e300)).toBeCloseTo(Math.log(1e300), 12);
    }
  });
});

describe('fma emulation', () => {
  it('agrees with exact BigInt evaluation on random and adversarial operands', () => {
    const g = defaultRng(2024);
    const rand = (lo: number, hi: number): number => {
      const m = 1 + g.random();
      const e = g.integers(lo, hi);
      return (g.random() < 0.5 ? -m : m) * 2 ** e;
    };
    const cases: [number, number, number][] = [
      [1 + 2 ** -52, 1 - 2 ** -53, -1],
      [1 + 2 ** -27, 1 - 2 ** -27, -1],
      [0.1, 10, -1],
      [3, 1 / 3, -1],
      [2 ** 500, 2 ** -480, 1],
      [1e-200, 1e-200, 1e-300],
      [1e300, 1e10, -1e300],
      [0, 5, -0],
      [-0, 5, 0],
    ];
    for (let i = 0; i < 20000; i++) {
      const a = rand(-40, 40);
      const b = rand(-40, 40);
      // c close to -a*b makes massive cancellation, the hard case for emulation.
      const c = i % 3 === 0 ? -(a * b) * (1 + rand(-60, -20)) : rand(-90, 90);
      cases.push([a, b, c]);
      // Products that are exactly halfway between two doubles plus a tiny nudge.
      const h = 1 + g.integers(0, 2 ** 26) * 2 ** -26;
      cases.push([h, h, i % 2 ? 2 ** -100 : -(2 ** -100)]);
    }
    for (const [a, b, c] of cases) {
      const want = fmaExact(a, b, c);
      const got = fma(a, b, c);
      if (!Object.is(got, want)) expect(`${a} * ${b} + ${c} = ${got}`).toBe(`${want}`);
    }
  });

  it('differs from unfused a*b+c exactly where double rounding bites', () => {
    const a = 1 + 2 ** -30;
    // a*a = 1 + 2^-29 + 2^-60: the 2^-60 is lost when the product is rounded first.
    expect(fma(a, a, -1)).toBe(2 ** -29 + 2 ** -60);
    expect(a * a - 1).toBe(2 ** -29);
  });
});
