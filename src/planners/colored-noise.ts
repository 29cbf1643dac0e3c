/**
 * Gaussian noise with power spectral density proportional to 1/f^beta along the time axis (iCEM,
 * Pinneri et al. 2020: beta = 0 is white noise, larger beta gives smoother, lower-frequency
 * action sequences). Made as in Timmer & König (1995), the construction of the `colorednoise`
 * package iCEM uses: random Fourier coefficients scaled by f^(-beta/2), an inverse real DFT, and a
 * exact normalisation to unit variance. The horizon is short, so the inverse DFT is a direct sum over
 * precomputed cosine/sine tables.
 * @module
 */
import type { FastNormal } from './fast-normal.ts';

/** Draws colored noise sequences of one length and exponent. */
export class ColoredNoise {
  readonly #n: number;
  readonly #scale: Float64Array;
  readonly #cos: Float64Array;
  readonly #sin: Float64Array;
  readonly #norm: number;

  /** @param beta spectral exponent (>= 0); @param length samples per sequence (the horizon). */
  constructor(
    readonly beta: number,
    length: number,
  ) {
    if (!(beta >= 0) || !Number.isFinite(beta))
      throw new RangeError(`colored noise exponent must be >= 0, got ${beta}`);
    if (!Number.isInteger(length) || length < 1)
      throw new RangeError(`colored noise length must be >= 1, got ${length}`);
    const n = length;
    const bins = Math.floor(n / 2) + 1;
    this.#n = n;
    // Frequencies k/n; the zero frequency gets the lowest non-zero one's scale (fmin = 1/n).
    const scale = new Float64Array(bins);
    for (let k = 0; k < bins; k++) scale[k] = Math.max(k, 1) / n;
    for (let k = 0; k < bins; k++) scale[k] = scale[k]! ** (-beta / 2);
    this.#scale = scale;
    // Exact standard deviation of the unnormalised output (every bin, the zero one included, so
    // that the result has unit variance at every t; the colorednoise package leaves bin 0 out).
    let variance = 0;
    for (let k = 0; k < bins; k++) {
      const real = k === 0 || (n % 2 === 0 && k === n / 2);
      variance += real ? 2 * scale[k]! ** 2 : 4 * scale[k]! ** 2;
    }
    this.#norm = Math.sqrt(variance) / n;
    this.#cos = new Float64Array(bins * n);
    this.#sin = new Float64Array(bins * n);
    for (let k = 0; k < bins; k++) {
      // Weight of bin k in the inverse real DFT: 1 for the zero and (even n) Nyquist bins, else 2.
      const c = k === 0 || (n % 2 === 0 && k === n / 2) ? 1 : 2;
      for (let t = 0; t < n; t++) {
        this.#cos[k * n + t] = (c * Math.cos((2 * Math.PI * k * t) / n)) / n;
        this.#sin[k * n + t] = (c * Math.sin((2 * Math.PI * k * t) / n)) / n;
      }
    }
  }

  /** Writes one sequence of `length` values into `out` at `offset` with stride `stride`. */
  sample(noise: FastNormal, out: Float32Array, offset = 0, stride = 1): void {
    const n = this.#n;
    if (n === 1 || this.beta === 0) {
      for (let t = 0; t < n; t++) out[offset + t * stride] = noise.normal();
      return;
    }
    const bins = this.#scale.length;
    const re = new Float64Array(bins);
    const im = new Float64Array(bins);
    for (let k = 0; k < bins; k++) {
      re[k] = noise.normal() * this.#scale[k]!;
      im[k] = noise.normal() * this.#scale[k]!;
    }
    // Real signal: the zero (and even-length Nyquist) bins are real, with their variance kept.
    im[0] = 0;
    re[0]! *= Math.SQRT2;
    if (n % 2 === 0) {
      im[bins - 1] = 0;
      re[bins - 1]! *= Math.SQRT2;
    }
    for (let t = 0; t < n; t++) {
      let y = 0;
      for (let k = 0; k < bins; k++) y += re[k]! * this.#cos[k * n + t]! - im[k]! * this.#sin[k * n + t]!;
      out[offset + t * stride] = y / this.#norm;
    }
  }
}
