/**
 * Cheap Gaussian noise for planning. Trajectory sampling draws one normal per particle, state
 * dimension and horizon step (the PETS budget: ~27 M per action), which the numpy-exact
 * {@link Generator} (~15 M/s) would spend seconds on. Planning noise needs a good distribution and
 * a seed, not numpy's exact stream, so this uses xoshiro128** (Blackman & Vigna) and Marsaglia's
 * polar method, seeded from the numpy-compatible generator so one seed still fixes everything.
 * @module
 */
import type { Generator } from '../rng/generator.ts';

/** A seeded source of standard normals (xoshiro128** + polar method). */
export class FastNormal {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spare = 0;
  #hasSpare = false;

  /** Seeds the 128-bit state from `rng` (never all zero). */
  constructor(rng: Generator) {
    this.#s0 = rng.nextUint32() | 0;
    this.#s1 = rng.nextUint32() | 0;
    this.#s2 = rng.nextUint32() | 0;
    this.#s3 = rng.nextUint32() | 1;
  }

  /** A uint32 as a JS number (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 32 random bits. */
  random(): number {
    return this.nextUint32() * 2.3283064365386963e-10;
  }

  /** One standard normal. */
  normal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.nextUint32() * 4.656612873077393e-10 - 1;
      v = this.nextUint32() * 4.656612873077393e-10 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spare = v * f;
    this.#hasSpare = true;
    return u * f;
  }

  /** Fills `out` with standard normals and returns it. */
  fill(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
