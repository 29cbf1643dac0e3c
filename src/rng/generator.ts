/**
 * A numpy-compatible random generator: `Generator.fromSeed(s)` produces exactly the same
 * stream as numpy 1.24's `np.random.default_rng(s)` (Generator(PCG64(SeedSequence(s)))),
 * which is what Gymnasium's `reset(seed=s)` uses. Every method mirrors the numpy routine
 * named in its doc comment (numpy/random/src/distributions/distributions.c), draw for draw,
 * so an episode seeded here can be replayed bit-for-bit in Python and vice versa.
 */

import { log1p } from './libm.ts';
import { PCG64, PCG64_PACKED_BYTES } from './pcg64.ts';
import { SeedSequence } from './seed-sequence.ts';
import {
  FE_DOUBLE,
  FI_DOUBLE,
  KE_DOUBLE,
  KI_DOUBLE,
  WE_DOUBLE,
  WI_DOUBLE,
  ZIGGURAT_EXP_R,
  ZIGGURAT_NOR_INV_R,
  ZIGGURAT_NOR_R,
} from './ziggurat-tables.ts';

/**
 * Serialisable generator state: the same fields as numpy's `rng.bit_generator.state`, with the
 * 128-bit integers as decimal strings so the object survives JSON and msgpack unchanged.
 * `{ ...state, state: { state: int(s), inc: int(i) } }` can be assigned to numpy's
 * `bit_generator.state` to continue the stream in Python.
 */
export interface RngState {
  bit_generator: 'PCG64';
  state: { state: string; inc: string };
  has_uint32: number;
  uinteger: number;
}

const TWO_POW_128 = 1n << 128n;
const UINT64_MAX = (1n << 64n) - 1n;
const MASK64 = UINT64_MAX;
const UINT32_MAX = 0xffffffff;
const TWO_POW_32 = 4294967296;
const DECIMAL = /^[0-9]{1,39}$/;

/** numpy-compatible random generator. Create with {@link defaultRng}, {@link Generator.fromSeed} or {@link Generator.fromState}. */
export class Generator {
  private readonly bg: PCG64;

  private constructor(bg: PCG64) {
    this.bg = bg;
  }

  /**
   * numpy's `default_rng(seed)`. `null`/`undefined` seeds from 128 bits of OS entropy through
   * SeedSequence, as numpy does.
   * @throws RangeError for a negative, non-integer or unsafe-integer (> 2^53 - 1) number, or a
   *   negative bigint (use a bigint for seeds beyond 2^53).
   */
  static fromSeed(seed?: number | bigint | null): Generator {
    let entropy: bigint | undefined;
    if (seed === null || seed === undefined) {
      entropy = undefined;
    } else if (typeof seed === 'number') {
      if (!Number.isSafeInteger(seed) || seed < 0) {
        throw new RangeError(
          `seed must be a non-negative safe integer (use a bigint for larger seeds), got ${seed}`,
        );
      }
      entropy = BigInt(seed);
    } else if (typeof seed === 'bigint') {
      if (seed < 0n) throw new RangeError(`seed must be non-negative, got ${seed}`);
      entropy = seed;
    } else {
      throw new TypeError(`seed must be a number, bigint, null or undefined, got ${typeof seed}`);
    }
    return new Generator(PCG64.fromSeedSequence(new SeedSequence(entropy)));
  }

  /**
   * Rebuilds a generator from {@link Generator.getState} output (or numpy's PCG64 state with
   * the integers written as decimal strings). Untrusted input is validated completely.
   * @throws RangeError naming the offending field when the shape or a value is invalid.
   */
  static fromState(state: unknown): Generator {
    if (!isRecord(state)) throw new RangeError('rng state must be an object');
    if (state['bit_generator'] !== 'PCG64') {
      throw new RangeError(
        `rng state.bit_generator must be 'PCG64', got ${describe(state['bit_generator'])}`,
      );
    }
    const inner = state['state'];
    if (!isRecord(inner)) throw new RangeError('rng state.state must be an object with state and inc');
    const s = parseUint128(inner['state'], 'state.state');
    const inc = parseUint128(inner['inc'], 'state.inc');
    if ((inc & 1n) === 0n) throw new RangeError('rng state.state.inc must be odd (PCG64 increments are odd)');
    const hasUint32 = state['has_uint32'];
    if (hasUint32 !== 0 && hasUint32 !== 1) {
      throw new RangeError(`rng state.has_uint32 must be 0 or 1, got ${describe(hasUint32)}`);
    }
    const uinteger = state['uinteger'];
    if (
      typeof uinteger !== 'number' ||
      !Number.isInteger(uinteger) ||
      uinteger < 0 ||
      uinteger > UINT32_MAX
    ) {
      throw new RangeError(`rng state.uinteger must be an integer in [0, 2^32), got ${describe(uinteger)}`);
    }
    return new Generator(PCG64.fromRaw({ state: s, inc, hasUint32, uinteger }));
  }

  /** Rebuilds a generator from {@link Generator.pack} bytes (37 bytes at `offset`). */
  static unpack(bytes: Uint8Array, offset = 0): Generator {
    if (offset < 0 || offset + PCG64_PACKED_BYTES > bytes.byteLength) {
      throw new RangeError(`packed rng state needs ${PCG64_PACKED_BYTES} bytes at offset ${offset}`);
    }
    return new Generator(
      PCG64.unpack(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset),
    );
  }

  /** Writes the state compactly (37 bytes at `offset`); the batch form of {@link Generator.getState}. */
  pack(bytes: Uint8Array, offset = 0): void {
    this.bg.pack(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset);
  }

  /** The current state as a fresh plain object (JSON/msgpack-safe). */
  getState(): RngState {
    const raw = this.bg.getRaw();
    return {
      bit_generator: 'PCG64',
      state: { state: raw.state.toString(), inc: raw.inc.toString() },
      has_uint32: raw.hasUint32,
      uinteger: raw.uinteger,
    };
  }

  /** Raw 64-bit draw (numpy's `next_uint64`, i.e. `bit_generator.random_raw()`). */
  nextUint64(): bigint {
    return this.bg.nextUint64();
  }

  /** Raw 32-bit draw (numpy's `next_uint32`): halves of a 64-bit draw, low half first, the other buffered. */
  nextUint32(): number {
    return this.bg.nextUint32();
  }

  /** Raw double in [0, 1) (numpy's `next_double`). */
  nextDouble(): number {
    return this.bg.nextDouble();
  }

  /** numpy's `Generator.random()`: a double in [0, 1) with 53 random bits. */
  random(): number {
    return this.bg.nextDouble();
  }

  /**
   * numpy's `Generator.uniform(low, high)`: `low + (high - low) * random()`, in that order of
   * operations (numpy's `random_uniform(lower, range)`), so results match to the bit.
   * @throws RangeError when `high - low` is not finite (numpy raises OverflowError).
   */
  uniform(low = 0, high = 1): number {
    const range = high - low;
    if (!Number.isFinite(range)) {
      throw new RangeError(`uniform: high - low must be finite, got ${high} - ${low}`);
    }
    return low + range * this.bg.nextDouble();
  }

  /**
   * numpy's `Generator.integers(low, high)` with the default int64 dtype and endpoint=false:
   * an integer in [low, high). Uses numpy's Lemire rejection; ranges up to 2^32 consume
   * 32-bit halves (so they interleave with the buffered uint32 exactly as numpy does).
   * @throws RangeError unless low and high are safe integers with low < high.
   */
  integers(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
      throw new RangeError(`integers: low and high must be safe integers, got ${low}, ${high}`);
    }
    if (high <= low) {
      throw new RangeError(`integers: high must be greater than low, got low=${low}, high=${high}`);
    }
    // Both are safe, so the difference is exact whenever it is <= 2^53; a rounded result
    // <= 2^32 therefore means the exact range is small. `rng` is numpy's inclusive range.
    const span = high - low;
    if (span <= TWO_POW_32) {
      const rng = span - 1;
      if (rng === 0) return low;
      if (rng === UINT32_MAX) return low + this.bg.nextUint32();
      return low + this.boundedLemireUint32(rng);
    }
    const rng = BigInt(high) - BigInt(low) - 1n;
    return Number(BigInt(low) + this.boundedLemireUint64(rng));
  }

  /** numpy's `buffered_bounded_lemire_uint32`; `rng` < 0xFFFFFFFF is the inclusive range. */
  private boundedLemireUint32(rng: number): number {
    const rngExcl = rng + 1;
    let x = this.bg.nextUint32();
    // m = x * rngExcl is up to 64 bits: low word via imul, high word via an exact 16-bit split.
    let leftover = Math.imul(x, rngExcl) >>> 0;
    if (leftover < rngExcl) {
      const threshold = (UINT32_MAX - rng) % rngExcl;
      while (leftover < threshold) {
        x = this.bg.nextUint32();
        leftover = Math.imul(x, rngExcl) >>> 0;
      }
    }
    const hiPart = (x >>> 16) * rngExcl;
    const loPart = (x & 0xffff) * rngExcl;
    return Math.floor((hiPart + Math.floor(loPart / 65536)) / 65536);
  }

  /** numpy's `bounded_lemire_uint64` (ranges beyond 32 bits are rare, so BigInt is fine here). */
  private boundedLemireUint64(rng: bigint): bigint {
    const rngExcl = rng + 1n;
    let m = this.bg.nextUint64() * rngExcl;
    let leftover = m & MASK64;
    if (leftover < rngExcl) {
      const threshold = (UINT64_MAX - rng) % rngExcl;
      while (leftover < threshold) {
        m = this.bg.nextUint64() * rngExcl;
        leftover = m & MASK64;
      }
    }
    return m >> 64n;
  }

  /** numpy's `random_standard_normal`: the 256-layer ziggurat on one 64-bit draw per attempt. */
  standardNormal(): number {
    const bg = this.bg;
    for (;;) {
      bg.advance();
      const hi = bg.outHi;
      const lo = bg.outLo;
      // Bit layout of the draw (numpy's "e3n52sb8"): bits 0-7 layer, bit 8 sign, bits 9-60 magnitude.
      const idx = lo & 0xff;
      const rabs = (hi & 0x1fffffff) * 8388608 + (lo >>> 9); // 29 + 23 bits, exact
      let x = rabs * WI_DOUBLE[idx]!;
      if (lo & 0x100) x = -x;
      if (rabs < KI_DOUBLE[idx]!) return x; // ~99.3% of draws stop here
      if (idx === 0) {
        // Tail beyond R (Marsaglia). log1p(-u) = log(1 - u) without log(0) (numpy GH 13361).
        // glibc's log1p, not Math.log1p: its last bit ends up in the returned value.
        for (;;) {
          const xx = -ZIGGURAT_NOR_INV_R * log1p(-bg.nextDouble());
          const yy = -log1p(-bg.nextDouble());
          if (yy + yy > xx * xx) {
            // numpy takes the tail's sign from bit 8 of rabs (bit 17 of the draw), not bit 8.
            return (lo >>> 17) & 1 ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
          }
        }
      }
      // Wedge: accept under the density curve, otherwise start over with a fresh draw.
      const fi = FI_DOUBLE[idx]!;
      if ((FI_DOUBLE[idx - 1]! - fi) * bg.nextDouble() + fi < Math.exp(-0.5 * x * x)) return x;
    }
  }

  /** numpy's `random_normal`: `loc + scale * standard_normal()`. @throws RangeError if scale < 0. */
  normal(loc = 0, scale = 1): number {
    checkNonNegative(scale, 'normal', 'scale');
    return loc + scale * this.standardNormal();
  }

  /** numpy's `random_standard_exponential_zig` (Generator's default method='zig'). */
  standardExponential(): number {
    const bg = this.bg;
    for (;;) {
      bg.advance();
      const lo = bg.outLo;
      // ri = draw >> 3; layer = low 8 bits of ri; value = ri >> 8 = draw >> 11 (53 bits, exact).
      const idx = (lo >>> 3) & 0xff;
      const ri = bg.outHi * 2097152 + (lo >>> 11);
      const x = ri * WE_DOUBLE[idx]!;
      if (ri < KE_DOUBLE[idx]!) return x; // ~98.9% of draws stop here
      if (idx === 0) return ZIGGURAT_EXP_R - log1p(-bg.nextDouble()); // memoryless tail
      const fe = FE_DOUBLE[idx]!;
      if ((FE_DOUBLE[idx - 1]! - fe) * bg.nextDouble() + fe < Math.exp(-x)) return x;
      // Rejected: numpy recurses into a fresh draw; the loop does the same without stack growth.
    }
  }

  /** numpy's `random_exponential`: `scale * standard_exponential()`. @throws RangeError if scale < 0. */
  exponential(scale = 1): number {
    checkNonNegative(scale, 'exponential', 'scale');
    return scale * this.standardExponential();
  }
}

/** Bytes of one packed generator state ({@link Generator.pack}). */
export const PACKED_RNG_BYTES = PCG64_PACKED_BYTES;

/** numpy's `default_rng(seed)`; same as {@link Generator.fromSeed}. */
export function defaultRng(seed?: number | bigint | null): Generator {
  return Generator.fromSeed(seed);
}

/** numpy's CONS_NON_NEGATIVE check: rejects anything with the sign bit set (including -0), lets NaN through. */
function checkNonNegative(value: number, fn: string, name: string): void {
  if (value < 0 || Object.is(value, -0)) {
    throw new RangeError(`${fn}: ${name} must be non-negative, got ${value}`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 50 ? `${v.slice(0, 50)}...` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? 'an array' : 'an object';
  return String(v);
}

function parseUint128(v: unknown, field: string): bigint {
  if (typeof v !== 'string' || !DECIMAL.test(v)) {
    throw new RangeError(
      `rng state.${field} must be a decimal string of a 128-bit integer, got ${describe(v)}`,
    );
  }
  const n = BigInt(v);
  if (n >= TWO_POW_128) throw new RangeError(`rng state.${field} must be below 2^128, got ${v}`);
  return n;
}
