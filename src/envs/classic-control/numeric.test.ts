import { describe, expect, it } from 'vitest';
import { Generator } from '../../rng/generator.ts';
import { cosf32, floorMod, fmaf, sinf32 } from './numeric.ts';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** x = m · 2^e exactly, for a finite double. */
function dyadic(x: number): [bigint, number] {
  f64[0] = x;
  const bits = u64[0]!;
  const sign = bits >> 63n ? -1n : 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  if (biased === 0) return [sign * frac, -1074];
  return [sign * (frac | (1n << 52n)), biased - 1075];
}

/** The float32 neighbour of a float32 value, one step up (+1) or down (-1). */
function step32(x: number, dir: 1 | -1): number {
  f32[0] = x;
  if (x === 0) return dir * 2 ** -149;
  u32[0] = x > 0 === dir > 0 ? u32[0]! + 1 : u32[0]! - 1;
  return f32[0]!;
}

/** Correctly rounded float32 of a·b + c, from exact integer arithmetic. */
function referenceFmaf(a: number, b: number, c: number): number {
  const [ma, ea] = dyadic(a);
  const [mb, eb] = dyadic(b);
  const [mc, ec] = dyadic(c);
  const e = Math.min(ea + eb, ec);
  const exact = ((ma * mb) << BigInt(ea + eb - e)) + (mc << BigInt(ec - e));
  const distance = (v: number): bigint => {
    const [m, ev] = dyadic(v);
    const d = ev >= e ? (m << BigInt(ev - e)) - exact : m - (exact << BigInt(e - ev));
    return d < 0n ? -d : d;
  };
  const guess = Math.fround(a * b + c);
  let best = guess;
  for (const cand of [step32(guess, -1), step32(guess, 1)]) {
    const dc = distance(cand);
    const db = distance(best);
    f32[0] = cand;
    if (dc < db || (dc === db && (u32[0]! & 1) === 0)) best = cand;
  }
  return best;
}

describe('fmaf', () => {
  it('rounds once where the double sum is a float32 midpoint but the exact sum is not', () => {
    // m1 · m2 = 2^47 + d with small d: a·b = 2^-24 + d·2^-71, so 1 + a·b rounds to the double
    // 1 + 2^-24, a float32 tie that fround would send to 1; fmaf must give 1 + 2^-23.
    let m1 = 2 ** 23 + 1;
    let m2 = 0;
    for (; m1 < 2 ** 24; m1++) {
      m2 = Math.ceil(2 ** 47 / m1);
      const d = BigInt(m1) * BigInt(m2) - 2n ** 47n;
      if (d > 0n && d < 2n ** 18n) break;
    }
    const a = m1 / 2 ** 23;
    const b = (m2 / 2 ** 23) * 2 ** -25;
    expect(Math.fround(a)).toBe(a);
    expect(Math.fround(b)).toBe(b);
    expect(Math.fround(a * b + 1)).toBe(1);
    expect(fmaf(a, b, 1)).toBe(1 + 2 ** -23);
    expect(fmaf(-a, b, -1)).toBe(-1 - 2 ** -23);
    expect(referenceFmaf(a, b, 1)).toBe(1 + 2 ** -23);
  });

  it('matches exact rounding on random float32 triples', () => {
    const rng = Generator.fromSeed(7);
    const draw = () => Math.fround((rng.random() - 0.5) * 2 ** Math.floor(rng.uniform(-30, 30)));
    for (let i = 0; i < 20_000; i++) {
      const a = draw();
      const b = draw();
      const c = i % 2 ? draw() : Math.fround(-a * b * (1 + (rng.random() - 0.5) * 2 ** -20));
      expect(fmaf(a, b, c), `${a} * ${b} + ${c}`).toBe(referenceFmaf(a, b, c));
    }
  });
});

describe('float32 sin/cos as numpy 1.24 computes them', () => {
  it('reproduces values where the float32 rounding of libm differs', () => {
    // From numpy 1.24 np.cos / np.sin on float32 inputs (AVX512F, FMA3).
    expect(sinf32(-2.961808443069458)).toBe(-0.1788172572851181);
    expect(cosf32(-1.0480550527572632)).toBe(0.4992571771144867);
    expect(cosf32(1.302743673324585)).toBe(0.26485416293144226);
    expect(sinf32(2.533891439437866)).toBe(0.5709818005561829);
    expect(cosf32(2.417621374130249)).toBe(-0.7491811513900757);
    expect(sinf32(2.417621374130249)).toBe(0.6623651385307312);
    expect(Math.fround(Math.cos(-1.0480550527572632))).not.toBe(0.4992571771144867);
  });

  it('agrees on ordinary values', () => {
    expect(cosf32(0)).toBe(1);
    expect(Object.is(sinf32(-0), -0)).toBe(true);
    expect(cosf32(0.1)).toBe(0.9950041770935059);
    expect(sinf32(0.1)).toBe(0.0998334214091301);
    expect(cosf32(-0.05)).toBe(0.9987502694129944);
    expect(sinf32(-0.05)).toBe(-0.04997916892170906);
    expect(cosf32(3)).toBe(-0.9899924993515015);
    expect(sinf32(-3.1)).toBe(-0.04158075898885727);
    expect(cosf32(Number.NaN)).toBeNaN();
  });
});

describe('floorMod', () => {
  it('takes the sign of the divisor, like Python', () => {
    expect(floorMod(7, 3)).toBe(1);
    expect(floorMod(-7, 3)).toBe(2);
    expect(floorMod(7, -3)).toBe(-2);
    expect(floorMod(-0.5, 2 * Math.PI)).toBe(-0.5 + 2 * Math.PI);
    expect(Object.is(floorMod(-6, 3), 0)).toBe(true);
    expect(Object.is(floorMod(6, -3), -0)).toBe(true);
  });
});
