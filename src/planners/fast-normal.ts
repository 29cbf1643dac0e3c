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

  /** Seeds the 128-bit state from `rng` (never all zero), or takes saved {@link FastNormal.state} words. */
  constructor(source: Generator | readonly number[]) {
    const word = Array.isArray(source)
      ? (i: number) => source[i]!
      : (_: number) => (source as Generator).nextUint32();
    this.#s0 = word(0) | 0;
    this.#s1 = word(1) | 0;
    this.#s2 = word(2) | 0;
    this.#s3 = word(3) | (Array.isArray(source) ? 0 : 1);
  }

  /** The four state words (the spare normal, if any, is not part of it). */
  state(): [number, number, number, number] {
    return [this.#s0, this.#s1, this.#s2, this.#s3];
  }

  /**
   * An independent stream for a shard of work: a copy of this generator, after which this one
   * jumps 2^64 draws ahead (xoshiro128's jump polynomial), so the streams never overlap and the
   * split is deterministic.
   */
  split(): FastNormal {
    const child = new FastNormal(this.state());
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          s0 ^= this.#s0;
          s1 ^= this.#s1;
          s2 ^= this.#s2;
          s3 ^= this.#s3;
        }
        this.nextUint32();
      }
    }
    this.#s0 = s0;
    this.#s1 = s1;
    this.#s2 = s2;
    this.#s3 = s3;
    this.#hasSpare = false;
    return child;
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

/** xoshiro128's jump polynomial (equivalent to 2^64 calls), from its reference implementation. */
const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
