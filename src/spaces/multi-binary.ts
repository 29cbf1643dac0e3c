import type { Generator } from '../rng/generator.ts';
import { castElement } from './dtype.ts';
import { checkShape, formatIndex, formatShape, nest, readFlat, readFlatOrThrow, shapeSize } from './shape.ts';
import { type Space, type SpaceDescription, SpaceValueError } from './space.ts';

/** 2^32: `integers(0, 2^32)` is numpy's raw `next_uint32` (its `rng == 0xFFFFFFFF` branch). */
const TWO_POW_32 = 4294967296;

/**
 * Gymnasium's `MultiBinary(n)`: arrays of 0/1 of shape `[n]` (or any shape when `n` is an
 * array). Values are flat row-major Int8Arrays (numpy int8).
 */
export class MultiBinary implements Space<Int8Array> {
  readonly type = 'MultiBinary' as const;
  readonly shape: readonly number[];
  /** Number of elements (product of the shape). */
  readonly size: number;

  /**
   * @param n - the number of bits, or the shape.
   * @throws SpaceValueError unless every dimension is a positive integer (Gymnasium asserts n > 0).
   */
  constructor(n: number | readonly number[]) {
    const shape = checkShape(typeof n === 'number' ? [n] : n, 'MultiBinary shape');
    if (shape.some((d) => d === 0))
      throw new SpaceValueError(`MultiBinary shape ${formatShape(shape)} must be positive`);
    this.shape = Object.freeze(shape);
    this.size = shapeSize(shape);
  }

  /** `{ type: 'MultiBinary', dtype: 'int8', shape }`. */
  describe(): SpaceDescription {
    return { type: 'MultiBinary', dtype: 'int8', shape: [...this.shape] };
  }

  /**
   * Gymnasium's `MultiBinary.contains`: the right shape and every element 0 or 1 (any typed
   * array type; booleans count, as numpy's `True == 1`). Plain arrays must be nested by shape.
   */
  contains(value: unknown): boolean {
    const flat = readFlat(value, this.shape, '', true);
    if (typeof flat === 'string') return false;
    for (let i = 0; i < flat.length; i++) {
      const x = flat[i];
      if (!(x === 0 || x === 1 || x === 0n || x === 1n || typeof x === 'boolean')) return false;
    }
    return true;
  }

  /**
   * Coerces nested arrays, or a flat plain/typed array of `size` elements, of 0/1 (or booleans).
   * @throws SpaceValueError for a wrong shape or an element that is not 0 or 1 ("action[2] is 3, expected 0 or 1").
   */
  parse(value: unknown, path = 'value'): Int8Array {
    const flat = readFlatOrThrow(value, this.shape, path);
    const out = new Int8Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const v = castElement(flat[i], 'bool');
      if (typeof v === 'string') throw new SpaceValueError(`${path}${formatIndex(i, this.shape)} ${v}`);
      out[i] = v;
    }
    return out;
  }

  /** Nested plain arrays of 0/1 following the shape. */
  toJSON(value: Int8Array): unknown {
    return nest(value, this.shape);
  }

  /**
   * Gymnasium 1.x `MultiBinary.sample`: `np_random.integers(0, 2, size=shape, dtype=int8)`.
   * The int8 dtype matters: numpy's `random_bounded_uint8_fill` serves each element from one
   * byte of a buffered 32-bit draw (low byte first, a new draw every 4 elements, the buffer
   * local to the call), and Lemire's method for a range of 2 reduces to the byte's top bit
   * (`(byte * 2) >> 8`, never rejecting). So 6 bits cost two 32-bit halves, not 6 int64 draws.
   */
  sample(rng: Generator): Int8Array {
    const out = new Int8Array(this.size);
    let buf = 0;
    let left = 0; // bytes still unread in `buf` after the current one
    for (let i = 0; i < this.size; i++) {
      if (left === 0) {
        buf = rng.integers(0, TWO_POW_32);
        left = 3;
      } else {
        buf = Math.floor(buf / 256);
        left--;
      }
      out[i] = (buf & 0xff) >>> 7;
    }
    return out;
  }

  /** Gymnasium's repr: `MultiBinary(6)` or `MultiBinary([2, 3])`. */
  toString(): string {
    return `MultiBinary(${this.shape.length === 1 ? this.shape[0] : formatShape(this.shape)})`;
  }
}
