/**
 * numpy's PCG64 bit generator (PCG XSL-RR 128/64, numpy/random/src/pcg64), bit-identical
 * to `np.random.PCG64`, including the buffered 32-bit half that numpy keeps in its state.
 *
 * Speed: the 128-bit LCG step is done on eight 16-bit limbs held in plain number fields.
 * Every partial product is < 2^32 and a column sums at most eight of them, so all
 * intermediates stay exact integers below 2^53 and no BigInt is allocated per draw.
 * BigInt is only used at the edges (seeding, state import/export, `nextUint64`).
 */

import type { SeedSequence } from './seed-sequence.ts';

const MASK128 = (1n << 128n) - 1n;
/** PCG's default 128-bit multiplier (PCG_DEFAULT_MULTIPLIER_128). */
export const PCG64_MULTIPLIER = 0x2360ed051fc65da44385df649fccf645n;

// The multiplier as 16-bit limbs, least significant first.
const M0 = 0xf645;
const M1 = 0x9fcc;
const M2 = 0xdf64;
const M3 = 0x4385;
const M4 = 0x5da4;
const M5 = 0x1fc6;
const M6 = 0xed05;
const M7 = 0x2360;

const TWO_POW_16 = 65536;
const INV_TWO_POW_16 = 1 / 65536;
/** 2^-53: numpy's next_double scale, `1.0 / 9007199254740992.0`. */
const TWO_POW_M53 = 1 / 9007199254740992;

/** Size of a packed PCG64 state (see {@link PCG64.pack}). */
export const PCG64_PACKED_BYTES = 37;

/** Raw PCG64 state, as in numpy's `bit_generator.state` (integers as bigint). */
export interface Pcg64RawState {
  state: bigint;
  inc: bigint;
  hasUint32: number;
  uinteger: number;
}

/** PCG64 bit generator. Construct with {@link PCG64.fromSeedSequence} or {@link PCG64.fromRaw}. */
export class PCG64 {
  // 128-bit LCG state, 16-bit limbs (s0 least significant).
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private s4 = 0;
  private s5 = 0;
  private s6 = 0;
  private s7 = 0;
  // 128-bit increment (always odd), 16-bit limbs.
  private c0 = 1;
  private c1 = 0;
  private c2 = 0;
  private c3 = 0;
  private c4 = 0;
  private c5 = 0;
  private c6 = 0;
  private c7 = 0;

  /**
   * Halves of the last 64-bit output of {@link PCG64.advance}, as uint32 numbers. Distributions
   * read these directly so the hot paths never build a BigInt.
   */
  outHi = 0;
  /** Low 32 bits of the last 64-bit output. */
  outLo = 0;

  /** numpy's `has_uint32`: 1 when the high half of the previous 64-bit draw is waiting in `uinteger`. */
  hasUint32 = 0;
  /** numpy's `uinteger`: the buffered high half served by the next {@link PCG64.nextUint32}. */
  uinteger = 0;

  private constructor() {}

  /**
   * Seeds like numpy's `PCG64(seed_seq)`: `generate_state(4, uint64)` gives s0..s3, then
   * `pcg64_srandom_r(initstate = s0:s1, initseq = s2:s3)`.
   */
  static fromSeedSequence(seq: SeedSequence): PCG64 {
    const [a, b, c, d] = seq.generateStateU64(4) as [bigint, bigint, bigint, bigint];
    const initstate = (a << 64n) | b;
    const inc = (((c << 64n) | d) << 1n) & MASK128;
    const incOdd = inc | 1n;
    // pcg_setseq_128_srandom_r: state = 0; step; state += initstate; step.
    let state = incOdd; // 0 * MULT + inc
    state = (state + initstate) & MASK128;
    state = (state * PCG64_MULTIPLIER + incOdd) & MASK128;
    return PCG64.fromRaw({ state, inc: incOdd, hasUint32: 0, uinteger: 0 });
  }

  /** Restores a raw state. The caller validates ranges (see `Generator.fromState`). */
  static fromRaw(raw: Pcg64RawState): PCG64 {
    const g = new PCG64();
    g.setRaw(raw);
    return g;
  }

  /** Replaces the whole state. */
  setRaw(raw: Pcg64RawState): void {
    const s = raw.state & MASK128;
    const c = raw.inc & MASK128;
    this.s0 = limb(s, 0n);
    this.s1 = limb(s, 16n);
    this.s2 = limb(s, 32n);
    this.s3 = limb(s, 48n);
    this.s4 = limb(s, 64n);
    this.s5 = limb(s, 80n);
    this.s6 = limb(s, 96n);
    this.s7 = limb(s, 112n);
    this.c0 = limb(c, 0n);
    this.c1 = limb(c, 16n);
    this.c2 = limb(c, 32n);
    this.c3 = limb(c, 48n);
    this.c4 = limb(c, 64n);
    this.c5 = limb(c, 80n);
    this.c6 = limb(c, 96n);
    this.c7 = limb(c, 112n);
    this.hasUint32 = raw.hasUint32;
    this.uinteger = raw.uinteger >>> 0;
  }

  /**
   * Writes the state as {@link PCG64_PACKED_BYTES} bytes at `offset`: state and inc as
   * 128-bit little-endian integers, then `has_uint32` (1 byte) and `uinteger` (uint32 LE).
   * No BigInt is involved, so batches of generators pack cheaply.
   */
  pack(view: DataView, offset: number): void {
    const limbs = [this.s0, this.s1, this.s2, this.s3, this.s4, this.s5, this.s6, this.s7];
    const incs = [this.c0, this.c1, this.c2, this.c3, this.c4, this.c5, this.c6, this.c7];
    for (let i = 0; i < 8; i++) {
      view.setUint16(offset + 2 * i, limbs[i]!, true);
      view.setUint16(offset + 16 + 2 * i, incs[i]!, true);
    }
    view.setUint8(offset + 32, this.hasUint32);
    view.setUint32(offset + 33, this.uinteger, true);
  }

  /** Reads what {@link PCG64.pack} wrote. Throws RangeError for an even increment or a bad flag. */
  static unpack(view: DataView, offset: number): PCG64 {
    const g = new PCG64();
    const u = (i: number) => view.getUint16(offset + 2 * i, true);
    [g.s0, g.s1, g.s2, g.s3, g.s4, g.s5, g.s6, g.s7] = [u(0), u(1), u(2), u(3), u(4), u(5), u(6), u(7)];
    [g.c0, g.c1, g.c2, g.c3, g.c4, g.c5, g.c6, g.c7] = [u(8), u(9), u(10), u(11), u(12), u(13), u(14), u(15)];
    const has = view.getUint8(offset + 32);
    if ((g.c0 & 1) === 0 || has > 1) throw new RangeError('packed PCG64 state is invalid');
    g.hasUint32 = has;
    g.uinteger = view.getUint32(offset + 33, true);
    return g;
  }

  /** Snapshot of the state, integers as bigint. */
  getRaw(): Pcg64RawState {
    return {
      state: join(this.s0, this.s1, this.s2, this.s3, this.s4, this.s5, this.s6, this.s7),
      inc: join(this.c0, this.c1, this.c2, this.c3, this.c4, this.c5, this.c6, this.c7),
      hasUint32: this.hasUint32,
      uinteger: this.uinteger,
    };
  }

  /**
   * One `pcg64_random_r`: step the LCG (state = state * MULT + inc mod 2^128), then XSL-RR
   * output of the *new* state into {@link PCG64.outHi}/{@link PCG64.outLo}.
   */
  advance(): void {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const s4 = this.s4;
    const s5 = this.s5;
    const s6 = this.s6;
    const s7 = this.s7;
    // Schoolbook multiply, column by column, keeping only the low 8 limbs (mod 2^128).
    // Carries are extracted with an exact power-of-two division; `t` stays below 2^36.
    let t = s0 * M0 + this.c0;
    let k = Math.floor(t * INV_TWO_POW_16);
    const n0 = t - k * TWO_POW_16;
    t = s0 * M1 + s1 * M0 + this.c1 + k;
    k = Math.floor(t * INV_TWO_POW_16);
    const n1 = t - k * TWO_POW_16;
    t = s0 * M2 + s1 * M1 + s2 * M0 + this.c2 + k;
    k = Math.floor(t * INV_TWO_POW_16);
    const n2 = t - k * TWO_POW_16;
    t = s0 * M3 + s1 * M2 + s2 * M1 + s3 * M0 + this.c3 + k;
    k = Math.floor(t * INV_TWO_POW_16);
    const n3 = t - k * TWO_POW_16;
    t = s0 * M4 + s1 * M3 + s2 * M2 + s3 * M1 + s4 * M0 + this.c4 + k;
    k = Math.floor(t * INV_TWO_POW_16);
    const n4 = t - k * TWO_POW_16;
    t = s0 * M5 + s1 * M4 + s2 * M3 + s3 * M2 + s4 * M1 + s5 * M0 + this.c5 + k;
    k = Math.floor(t * INV_TWO_POW_16);
    const n5 = t - k * TWO_POW_16;
    t = s0 * M6 + s1 * M5 + s2 * M4 + s3 * M3 + s4 * M2 + s5 * M1 + s6 * M0 + this.c6 + k;
    k = Math.floor(t * INV_TWO_POW_16);
    const n6 = t - k * TWO_POW_16;
    t = s0 * M7 + s1 * M6 + s2 * M5 + s3 * M4 + s4 * M3 + s5 * M2 + s6 * M1 + s7 * M0 + this.c7 + k;
    // The top column's carry falls off the end (mod 2^128); its low 16 bits are exact under `&`
    // because ToInt32 reduces an exact integer modulo 2^32.
    const n7 = t & 0xffff;
    this.s0 = n0;
    this.s1 = n1;
    this.s2 = n2;
    this.s3 = n3;
    this.s4 = n4;
    this.s5 = n5;
    this.s6 = n6;
    this.s7 = n7;

    // XSL-RR: fold the halves together (hi64 ^ lo64), rotate right by the top 6 state bits.
    const xl = (((n1 ^ n5) << 16) | (n0 ^ n4)) >>> 0;
    const xh = (((n3 ^ n7) << 16) | (n2 ^ n6)) >>> 0;
    let rot = n7 >>> 10;
    let a = xh;
    let b = xl;
    if (rot >= 32) {
      // Rotating a 64-bit value by 32 swaps its halves.
      a = xl;
      b = xh;
      rot -= 32;
    }
    if (rot === 0) {
      this.outHi = a;
      this.outLo = b;
    } else {
      this.outHi = ((a >>> rot) | (b << (32 - rot))) >>> 0;
      this.outLo = ((b >>> rot) | (a << (32 - rot))) >>> 0;
    }
  }

  /** numpy's `next_uint64`. Does not touch the buffered uint32. */
  nextUint64(): bigint {
    this.advance();
    return (BigInt(this.outHi) << 32n) | BigInt(this.outLo);
  }

  /**
   * numpy's `pcg64_next32`: each 64-bit draw serves two calls, low half first; the high
   * half waits in `uinteger` (and survives a state save/restore).
   */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = 0;
      return this.uinteger;
    }
    this.advance();
    this.hasUint32 = 1;
    this.uinteger = this.outHi;
    return this.outLo;
  }

  /** numpy's `next_double`: `(next_uint64 >> 11) * 2^-53`, in [0, 1). Does not touch the buffer. */
  nextDouble(): number {
    this.advance();
    // (u64 >> 11) = hi * 2^21 + (lo >>> 11): a 53-bit integer, exact in a double.
    return (this.outHi * 2097152 + (this.outLo >>> 11)) * TWO_POW_M53;
  }
}

function limb(x: bigint, shift: bigint): number {
  return Number((x >> shift) & 0xffffn);
}

function join(...limbs: number[]): bigint {
  let v = 0n;
  for (let i = limbs.length - 1; i >= 0; i--) v = (v << 16n) | BigInt(limbs[i]!);
  return v;
}
