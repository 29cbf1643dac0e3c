/**
 * Gaussian candidates around a mean sequence, kept inside the action bounds: clipped, or
 * truncated the way mbrl-lib's CEM does it (standard deviation shrunk to half the distance to the
 * nearer bound, draws beyond two standard deviations redrawn).
 * @module
 */
import type { FastNormal } from './fast-normal.ts';
import { type BoxActions, clamp } from './planner.ts';

/** How Gaussian candidates are kept inside the bounds. */
export type BoundMode = 'clip' | 'truncated';

/**
 * `population` sequences `mean + std * z` (`mean`, `std` `[horizon, actionDim]`), written into
 * `out` `[population, horizon, actionDim]` from row `offset` on.
 */
export function sampleGaussian(
  mean: Float32Array,
  std: Float32Array,
  actions: BoxActions,
  population: number,
  mode: BoundMode,
  noise: FastNormal,
  out: Float32Array = new Float32Array(population * mean.length),
  offset = 0,
): Float32Array {
  const len = mean.length;
  const w = actions.low.length;
  const scale = new Float32Array(len);
  for (let i = 0; i < len; i++) {
    const j = i % w;
    const m = mean[i]!;
    if (mode === 'truncated') {
      const toBound = Math.min(m - actions.low[j]!, actions.high[j]! - m) / 2;
      scale[i] = Math.min(std[i]!, Math.max(toBound, 0));
    } else {
      scale[i] = std[i]!;
    }
  }
  for (let p = 0; p < population; p++) {
    const row = (offset + p) * len;
    for (let i = 0; i < len; i++) {
      let z = noise.normal();
      if (mode === 'truncated') while (z < -2 || z > 2) z = noise.normal();
      const j = i % w;
      const v = mean[i]! + scale[i]! * z;
      out[row + i] = clamp(v, actions.low[j]!, actions.high[j]!);
    }
  }
  return out;
}

/** Mean and standard deviation over the rows `picked` of `[*, len]` samples. */
export function rowMoments(
  samples: Float32Array,
  picked: ArrayLike<number>,
  len: number,
): { mean: Float32Array; std: Float32Array } {
  const mean = new Float32Array(len);
  const std = new Float32Array(len);
  const k = picked.length;
  for (let e = 0; e < k; e++) {
    const row = picked[e]! * len;
    for (let i = 0; i < len; i++) mean[i]! += samples[row + i]! / k;
  }
  for (let e = 0; e < k; e++) {
    const row = picked[e]! * len;
    for (let i = 0; i < len; i++) std[i]! += (samples[row + i]! - mean[i]!) ** 2 / k;
  }
  for (let i = 0; i < len; i++) std[i] = Math.sqrt(std[i]!);
  return { mean, std };
}

/** `alpha * old + (1 - alpha) * fresh`, in place on `old`. */
export function smooth(old: Float32Array, fresh: Float32Array, alpha: number): Float32Array {
  for (let i = 0; i < old.length; i++) old[i] = alpha * old[i]! + (1 - alpha) * fresh[i]!;
  return old;
}
