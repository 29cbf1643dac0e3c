/**
 * Bit-exact ports of the libm routines whose *results* flow into numpy's draws.
 *
 * numpy's ziggurat tails return `r - log1p(-u)`, so the last bit of log1p is part of the
 * stream. V8's `Math.log1p` is a different fdlibm build and disagrees with glibc in the last
 * bit for roughly 1 input in 1,400 (measured over 2M uniform inputs), which would make about
 * one normal draw in 20M differ from numpy. glibc (what numpy calls on Linux) uses Shimizu's
 * reordering of fdlibm's log1p, and on x86-64 CPUs with FMA an ifunc picks a build of the same
 * C source compiled with `-mfma`, where GCC fused some multiply-adds. Both are ported here
 * operation for operation; {@link log1p} is the FMA build (any x86-64 CPU since ~2013 with a
 * glibc that ships the FMA variant), {@link log1pNoFma} the baseline SSE2 build.
 *
 * `exp` is deliberately not ported: numpy only compares `exp(...)` against a random double
 * in the ziggurat wedge, so a last-bit difference can change a draw only if that double equals
 * glibc's result exactly, which has probability ~1e-15 per wedge test.
 */

// Scratch space for reading/writing the IEEE-754 words of a double (native endianness).
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = LITTLE_ENDIAN ? 0 : 1;

/** GET_HIGH_WORD as a signed int32, like glibc's `int32_t hx`. */
function highWord(x: number): number {
  f64[0] = x;
  return u32[HI]! | 0;
}

/** SET_HIGH_WORD: replaces the sign/exponent/top-mantissa word, keeping the low word. */
function withHighWord(x: number, hi: number): number {
  f64[0] = x;
  u32[HI] = hi >>> 0;
  return f64[0];
}

/** Veltkamp splitter for 53-bit doubles: 2^27 + 1. */
const SPLITTER = 134217729;

/**
 * Correctly rounded fused multiply-add `a * b + c` (one rounding), as the x86 `vfmadd`
 * instructions compute it. Emulated with Boldo & Melquiond's algorithm ("Emulation of FMA and
 * correctly rounded sums: proved algorithms using rounding to odd", IEEE TC 2008):
 * exact product and sum as double-double, the low parts added with round-to-odd, then one
 * round-to-nearest. Exact for finite operands whose product terms neither overflow nor fall into
 * the subnormal range (|a|, |b|, |c|, |a*b| within ~2^±500), which covers every call made here;
 * other inputs fall back to an exact BigInt evaluation.
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!inSafeRange(a) || !inSafeRange(b) || !inSafeRange(p) || !(c === 0 || inSafeRange(c))) {
    return fmaExact(a, b, c);
  }
  // Exact product p + pe (Dekker/Veltkamp).
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pe = al * bl - (p - ah * bh - al * bh - ah * bl);
  // Exact sum c + p = sh + se (Knuth's TwoSum).
  const sh = c + p;
  let bb = sh - c;
  const se = c - (sh - bb) + (p - bb);
  // v = round-to-odd(se + pe): round to nearest, and if inexact with an even last bit step
  // one ulp towards the exact value (the odd neighbour).
  let v = se + pe;
  bb = v - se;
  const ve = se - (v - bb) + (pe - bb);
  if (ve !== 0) {
    f64[0] = v;
    if ((u32[LO]! & 1) === 0) v = stepTowards(v, ve);
  }
  return sh + v;
}

/** Magnitude in [2^-500, 2^500] (or exactly zero for the product): far from under/overflow. */
function inSafeRange(x: number): boolean {
  const m = Math.abs(x);
  return (m >= 3.054936363499605e-151 && m <= 3.273390607896142e150) || m === 0;
}

/** The neighbouring double of `v` in the direction of the sign of `dir` (v finite, non-zero). */
function stepTowards(v: number, dir: number): number {
  f64[0] = v;
  // Adding/subtracting one to the 64-bit pattern moves one ulp away from/towards zero.
  const away = v > 0 === dir > 0;
  let lo = u32[LO]!;
  let hi = u32[HI]!;
  if (away) {
    lo = (lo + 1) >>> 0;
    if (lo === 0) hi = (hi + 1) >>> 0;
  } else {
    if (lo === 0) hi = (hi - 1) >>> 0;
    lo = (lo - 1) >>> 0;
  }
  u32[LO] = lo;
  u32[HI] = hi;
  return f64[0];
}

/** Exact `a * b + c` with a single rounding, via BigInt. Slow; the fallback for extreme operands. */
export function fmaExact(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return a * b + c;
  if (a === 0 || b === 0) return a * b + c;
  if (c === 0) return a * b;
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const sum = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
  return roundToDouble(sum, e);
}

/** x = m * 2^e exactly, m a signed integer. */
function decompose(x: number): [bigint, number] {
  f64[0] = x;
  const hi = u32[HI]!;
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(u32[LO]!);
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return [hi >>> 31 ? -m : m, e];
}

/** Round m * 2^e to the nearest double, ties to even. */
function roundToDouble(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const neg = m < 0n;
  if (neg) m = -m;
  let shift = m.toString(2).length - 53;
  if (e + shift < -1074) shift = -1074 - e; // subnormal result: fewer significant bits
  if (shift > 0) {
    const sh = BigInt(shift);
    const q = m >> sh;
    const r = m - (q << sh);
    const half = 1n << (sh - 1n);
    m = r > half || (r === half && (q & 1n) === 1n) ? q + 1n : q;
    e += shift;
  }
  // m has at most 54 bits here; scale in two steps so 2^e itself cannot under/overflow early.
  const v = Number(m) * 2 ** Math.trunc(e / 2) * 2 ** (e - Math.trunc(e / 2));
  return neg ? -v : v;
}

const LN2_HI = 0.6931471803691238; // 3fe62e42 fee00000
const LN2_LO = 1.9082149292705877e-10; // 3dea39ef 35793c76
// glibc's Lp[1..7]: Reme polynomial for log(1+s) - log(1-s) on [0, 0.1716].
const LP1 = 0.6666666666666735;
const LP2 = 0.3999999999940942;
const LP3 = 0.2857142874366239;
const LP4 = 0.22222198432149784;
const LP5 = 0.1818357216161805;
const LP6 = 0.15313837699209373;
const LP7 = 0.14798198605116586;

/** A multiply-add, fused or not: the only difference between glibc's two x86-64 builds. */
type MulAdd = (a: number, b: number, c: number) => number;
const unfused: MulAdd = (a, b, c) => a * b + c;

/**
 * glibc's `__log1p` (sysdeps/ieee754/dbl-64/s_log1p.c). `fused` selects the `-mfma` build:
 * the multiply-adds it fuses were read off the disassembly of `__log1p_fma` (glibc 2.36,
 * Debian 12) and verified bit-for-bit against it over 2M inputs. The unfused build follows the
 * C expressions exactly.
 */
function glibcLog1p(x: number, fused: boolean): number {
  const F: MulAdd = fused ? fma : unfused;
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3fda827a) {
    // x < 0.41422
    if (ax >= 0x3ff00000) return x === -1 ? Number.NEGATIVE_INFINITY : Number.NaN; // x <= -1
    if (ax < 0x3e200000) {
      // |x| < 2^-29
      if (ax < 0x3c900000) return x; // |x| < 2^-54
      return F(-(x * x), 0.5, x); // x - x*x*0.5
    }
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      // -0.2929 < x < 0.41422: f = x exactly
      k = 0;
      f = x;
      hu = 1;
    }
  } else if (hx >= 0x7ff00000) {
    return x + x;
  }
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // correction term for the rounding of 1 + x
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000); // normalize u
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000); // normalize u/2
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c = F(k, LN2_LO, c);
      return F(k, LN2_HI, c);
    }
    const R = hfsq * F(-0.6666666666666666, f, 1.0);
    if (k === 0) return f - R;
    return F(k, LN2_HI, -(R - F(k, LN2_LO, c) - f));
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const z2 = z * z;
  const R2 = F(z, LP3, LP2);
  const z4 = z2 * z2;
  const R3 = F(z, LP5, LP4);
  const z6 = z4 * z2;
  const R4 = F(z, LP7, LP6);
  // R = R1 + z2*R2 + z4*R3 + z6*R4 with R1 = z*Lp1; GCC fused R1's product, not z2*R2's.
  const R = fused ? fma(z6, R4, fma(z4, R3, fma(z, LP1, z2 * R2))) : z * LP1 + z2 * R2 + z4 * R3 + z6 * R4;
  const sR = s * (hfsq + R); // never fused in either build
  if (k === 0) return f - (hfsq - sR);
  return F(k, LN2_HI, -(hfsq - (sR + F(k, LN2_LO, c)) - f));
}

/**
 * `log1p` exactly as glibc computes it on x86-64 with FMA (the `__log1p_fma` ifunc variant),
 * which is what numpy's C code gets on current Linux machines.
 */
export function log1p(x: number): number {
  return glibcLog1p(x, true);
}

/** `log1p` exactly as glibc's baseline (SSE2, no FMA) x86-64 build computes it. */
export function log1pNoFma(x: number): number {
  return glibcLog1p(x, false);
}
