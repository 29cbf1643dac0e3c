/**
 * numpy's `SeedSequence` (numpy/random/bit_generator.pyx), restricted to what
 * `np.random.default_rng(seed)` uses: an integer entropy, no spawn key, pool size 4.
 *
 * The hash is O'Neill's seed_seq-style mixing as numpy implements it; every step is
 * uint32 arithmetic, done here with `Math.imul` + `>>> 0` so it wraps exactly as C does.
 */

import { getRandomValues } from 'node:crypto';

/** numpy's `DEFAULT_POOL_SIZE` (in 32-bit words). */
export const DEFAULT_POOL_SIZE = 4;

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;

/**
 * Splits a non-negative integer into 32-bit words, least significant first, as numpy's
 * `_int_to_uint32_array` does. Zero becomes `[0]` (one word), not an empty array: that
 * difference changes the hash, so it matters for seed 0.
 */
export function intToUint32Words(n: bigint): number[] {
  if (n < 0n) throw new RangeError(`SeedSequence entropy must be non-negative, got ${n}`);
  if (n === 0n) return [0];
  const words: number[] = [];
  while (n > 0n) {
    words.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  return words;
}

/** `hashmix`: the hash constant is threaded through every call, so it lives in a small mutable box. */
function hashmix(value: number, hashConst: { h: number }): number {
  value = (value ^ hashConst.h) >>> 0;
  hashConst.h = Math.imul(hashConst.h, MULT_A) >>> 0;
  value = Math.imul(value, hashConst.h) >>> 0;
  return (value ^ (value >>> XSHIFT)) >>> 0;
}

/** `mix`: `MIX_MULT_L * x - MIX_MULT_R * y` in uint32, then an xorshift. */
function mix(x: number, y: number): number {
  // Both imul results are int32, so their difference is within ±2^32 and `>>> 0` reduces it mod 2^32.
  const result = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  return (result ^ (result >>> XSHIFT)) >>> 0;
}

/**
 * A numpy-compatible SeedSequence for integer entropy.
 *
 * `new SeedSequence(s).generateStateU64(4)` equals numpy's
 * `SeedSequence(s).generate_state(4, np.uint64)`.
 */
export class SeedSequence {
  /** The entropy this sequence was built from (numpy's `.entropy`). */
  readonly entropy: bigint;
  /** The mixed entropy pool (numpy's `.pool`), `DEFAULT_POOL_SIZE` uint32 words. */
  readonly pool: Uint32Array;

  /** @param entropy non-negative integer of any size; omit for 128 bits of OS entropy, as numpy does. */
  constructor(entropy?: bigint) {
    this.entropy = entropy ?? osEntropy128();
    this.pool = new Uint32Array(DEFAULT_POOL_SIZE);
    this.mixEntropy(intToUint32Words(this.entropy));
  }

  private mixEntropy(entropy: readonly number[]): void {
    const pool = this.pool;
    const hashConst = { h: INIT_A };
    // Add in the entropy up to the pool size; a short entropy keeps running the hash on zeros.
    for (let i = 0; i < pool.length; i++) {
      pool[i] = hashmix(i < entropy.length ? entropy[i]! : 0, hashConst);
    }
    // Mix all bits together so late bits can affect earlier bits.
    for (let src = 0; src < pool.length; src++) {
      for (let dst = 0; dst < pool.length; dst++) {
        if (src !== dst) pool[dst] = mix(pool[dst]!, hashmix(pool[src]!, hashConst));
      }
    }
    // Entropy beyond the pool size is folded into every pool word.
    for (let src = pool.length; src < entropy.length; src++) {
      for (let dst = 0; dst < pool.length; dst++) {
        pool[dst] = mix(pool[dst]!, hashmix(entropy[src]!, hashConst));
      }
    }
  }

  /** numpy's `generate_state(nWords, np.uint32)`. */
  generateState(nWords: number): Uint32Array {
    const out = new Uint32Array(nWords);
    let hashConst = INIT_B;
    for (let i = 0; i < nWords; i++) {
      let v = (this.pool[i % this.pool.length]! ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_B) >>> 0;
      v = Math.imul(v, hashConst) >>> 0;
      out[i] = (v ^ (v >>> XSHIFT)) >>> 0;
    }
    return out;
  }

  /**
   * numpy's `generate_state(nWords, np.uint64)`: twice as many uint32 words, paired
   * little-endian (first word is the low half), independent of host endianness.
   */
  generateStateU64(nWords: number): bigint[] {
    const words = this.generateState(nWords * 2);
    const out: bigint[] = [];
    for (let i = 0; i < nWords; i++) {
      out.push((BigInt(words[2 * i + 1]!) << 32n) | BigInt(words[2 * i]!));
    }
    return out;
  }
}

/** 128 bits from the OS CSPRNG as one integer, like numpy's `randbits(pool_size * 32)`. */
export function osEntropy128(): bigint {
  const words = getRandomValues(new Uint32Array(4));
  let n = 0n;
  for (const w of words) n = (n << 32n) | BigInt(w);
  return n;
}
