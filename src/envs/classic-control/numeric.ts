/**
 * Small numeric helpers that reproduce numpy 1.24's arithmetic where JavaScript's differs.
 * @module
 */

/**
 * Single-precision fused multiply-add, `fround(a * b + c)` with one rounding (C's `fmaf`), for
 * float32 inputs. `a * b` is exact in a double (24 + 24 bits); the double sum `s` can mislead
 * the final rounding only when it lands exactly halfway between two float32 values while the
 * exact sum does not, and that case is settled with the sum's exact error (TwoSum).
 */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s) return r;
  // s is a float32 midpoint exactly when its mirror image about s, 2s - r, is a float32 value.
  const mirror = s + (s - r);
  if (Math.fround(mirror) !== mirror) return r;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0) return r; // a true tie: fround already rounded it to even
  return err > 0 === s > r ? mirror : r;
}

// numpy's vectorised float32 sin/cos (loops_trigonometric.dispatch), used whenever the CPU has
// FMA3 (every x86-64 CPU numpy 1.24 dispatches AVX2/AVX512 code for): Cody-Waite reduction by
// pi/2, then minimax polynomials on [-pi/4, pi/4], all in float32 with fused multiply-adds.
const TWO_OVER_PI = 0.6366197466850281; // 0x1.45f306p-1f
const PIO2_HIGH = -1.570796012878418; // -0x1.921fb0p+00f
const PIO2_MED = -3.1391647326017846e-7; // -0x1.5110b4p-22f
const PIO2_LOW = -5.390302529957765e-15; // -0x1.846988p-48f
const RINT_MAGIC = 12582912; // 0x1.8p+23f
const COS_C8 = 2.4372266125283204e-5; // 0x1.98e616p-16f
const COS_C6 = -0.001388652017340064; // -0x1.6c06dcp-10f
const COS_C4 = 0.04166661947965622; // 0x1.55553cp-05f
const SIN_C9 = 2.8404097065504175e-6; // 0x1.7d3bbcp-19f
const SIN_C7 = -1.9856491417158395e-4; // -0x1.a06bbap-13f
const SIN_C5 = 0.008333397097885609; // 0x1.11119ap-07f
const SIN_C3 = -0.1666666716337204; // -0x1.555556p-03f
const COS_MAX_CODY = 71476.0625;
const SIN_MAX_CODY = 117435.9921875; // 117435.992f

function sincosf(x: number, cosine: boolean): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (Math.abs(x) > (cosine ? COS_MAX_CODY : SIN_MAX_CODY)) {
    // numpy calls libm's cosf/sinf out there (correctly rounded in glibc).
    return Math.fround(cosine ? Math.cos(x) : Math.sin(x));
  }
  let quadrant = Math.fround(x * TWO_OVER_PI);
  quadrant = Math.fround(Math.fround(quadrant + RINT_MAGIC) - RINT_MAGIC);
  let r = fmaf(quadrant, PIO2_HIGH, x);
  r = fmaf(quadrant, PIO2_MED, r);
  r = fmaf(quadrant, PIO2_LOW, r);
  const r2 = Math.fround(r * r);
  let k = quadrant | 0;
  if (cosine) k += 1;
  let v: number;
  if ((k & 1) === 0) {
    let p = fmaf(SIN_C9, r2, SIN_C7);
    p = fmaf(p, r2, SIN_C5);
    p = fmaf(p, r2, SIN_C3);
    p = fmaf(p, r2, 0);
    v = fmaf(p, r, r);
  } else {
    let p = fmaf(COS_C8, r2, COS_C6);
    p = fmaf(p, r2, COS_C4);
    p = fmaf(p, r2, -0.5);
    v = fmaf(p, r2, 1);
  }
  return (k & 2) === 2 ? 0 - v : v;
}

/** numpy 1.24's `np.cos` on a float32 value (result is a float32 value). */
export function cosf32(x: number): number {
  return sincosf(Math.fround(x), true);
}

/** numpy 1.24's `np.sin` on a float32 value (result is a float32 value). */
export function sinf32(x: number): number {
  return sincosf(Math.fround(x), false);
}

/** Python's / numpy's floored modulo for floats: the result takes the sign of `b`. */
export function floorMod(a: number, b: number): number {
  let mod = a % b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) mod += b;
  } else {
    mod = b < 0 ? -0 : 0;
  }
  return mod;
}
