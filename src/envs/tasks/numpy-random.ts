/**
 * numpy 1.24 `Generator` routines that the task families need beyond src/rng/generator.ts,
 * written draw for draw on top of it so that a task sampled here can be sampled again in
 * Python from the same seed: `permutation`, `dirichlet` (all alphas 1), `choice` with
 * probabilities, and `linspace`.
 * @module
 */
import type { Generator } from '../../rng/generator.ts';

/**
 * numpy's `random_interval(max)`: an integer in [0, max] by masked rejection on 32-bit draws
 * (`max` < 2^32 here), the draw `Generator.shuffle` makes for each swap.
 */
export function randomInterval(rng: Generator, max: number): number {
  if (max === 0) return 0;
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  mask >>>= 0;
  for (;;) {
    const value = (rng.nextUint32() & mask) >>> 0;
    if (value <= max) return value;
  }
}

/**
 * numpy's `Generator.permutation(n)`: `arange(n)` shuffled in place by Fisher-Yates from the end
 * (`for i in reversed(range(1, n)): j = random_interval(i); swap(i, j)`).
 */
export function permutation(rng: Generator, n: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i >= 1; i--) {
    const j = randomInterval(rng, i);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

/**
 * numpy's `Generator.dirichlet(np.ones(k))` (one row): for alpha = 1, numpy's standard case
 * draws `standard_gamma(1.0)`, which is `standard_exponential()` (ziggurat), for each of the k
 * components, sums them in order, and multiplies each by `1 / sum`.
 */
export function flatDirichlet(rng: Generator, k: number): number[] {
  const out = new Array<number>(k);
  let acc = 0;
  for (let j = 0; j < k; j++) {
    const g = rng.standardExponential();
    out[j] = g;
    acc = acc + g;
  }
  const invacc = 1 / acc;
  for (let j = 0; j < k; j++) out[j] = out[j]! * invacc;
  return out;
}

/**
 * numpy's `Generator.choice(len(p), p=p)` for one draw: the cumulative sum of `p`, divided by
 * its last element, searched (`side='right'`) for one `random()` draw.
 */
export function choiceIndex(rng: Generator, p: readonly number[]): number {
  const cdf = new Array<number>(p.length);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    sum += p[i]!;
    cdf[i] = sum;
  }
  const last = cdf[p.length - 1]!;
  for (let i = 0; i < p.length; i++) cdf[i] = cdf[i]! / last;
  const u = rng.random();
  // searchsorted(side='right'): the number of cdf entries <= u.
  let lo = 0;
  let hi = p.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! <= u) lo = mid + 1;
    else hi = mid;
  }
  // cdf[last] = 1 > u always; the guard only protects against NaN probabilities.
  return Math.min(lo, p.length - 1);
}

/** numpy's `linspace(start, stop, num)` (endpoint included): `i * step + start`, last = stop. */
export function linspace(start: number, stop: number, num: number): number[] {
  const div = num - 1;
  const step = (stop - start) / div;
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  if (num > 1) out[num - 1] = stop;
  return out;
}
