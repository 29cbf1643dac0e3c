import type { Generator } from '../rng/generator.ts';
import type { BoxBound } from './box.ts';
import { castElement } from './dtype.ts';
import { checkShape, formatIndex, inferShape, nest, readFlat, readFlatOrThrow, shapeSize } from './shape.ts';
import { type Space, type SpaceDescription, SpaceValueError } from './space.ts';

/**
 * Gymnasium's `MultiDiscrete(nvec, start=start)`: element `i` is an integer in
 * `[start[i], start[i] + nvec[i])`. Values are flat row-major Float64Arrays holding integers
 * (numpy int64, like an int64 Box), so they are exact for all safe integers.
 */
export class MultiDiscrete implements Space<Float64Array> {
  readonly type = 'MultiDiscrete' as const;
  readonly shape: readonly number[];
  /** Number of elements (product of the shape). */
  readonly size: number;
  /** Number of values of each element, flat row-major. */
  readonly nvec: readonly number[];
  /** Smallest value of each element, flat row-major. */
  readonly start: readonly number[];

  /**
   * @param nvec - counts, a (nested or flat) array; a nested array gives the shape.
   * @param start - smallest values, same layout as `nvec` (default all 0).
   * @param shape - the shape when `nvec`/`start` are given flat (defaults to `nvec`'s shape).
   * @throws SpaceValueError unless the counts are positive integers, the starts integers, and
   *   every `start + nvec` a safe integer.
   */
  constructor(nvec: BoxBound, start?: BoxBound, shape?: readonly number[]) {
    this.shape = Object.freeze(
      shape !== undefined ? checkShape(shape, 'MultiDiscrete shape') : inferShape(nvec),
    );
    this.size = shapeSize(this.shape);
    this.nvec = Object.freeze(this.integers(nvec, 'nvec'));
    this.start = Object.freeze(
      start === undefined ? new Array<number>(this.size).fill(0) : this.integers(start, 'start'),
    );
    for (let i = 0; i < this.size; i++) {
      const n = this.nvec[i]!;
      if (n <= 0) throw new SpaceValueError(`MultiDiscrete nvec${this.at(i)} must be positive, got ${n}`);
      if (!Number.isSafeInteger(this.start[i]! + n)) {
        throw new SpaceValueError(
          `MultiDiscrete start${this.at(i)} + nvec${this.at(i)} is not a safe integer`,
        );
      }
    }
  }

  private integers(values: BoxBound, name: string): number[] {
    const flat =
      typeof values === 'number' ? [values] : readFlatOrThrow(values, this.shape, `MultiDiscrete ${name}`);
    if (flat.length !== this.size) {
      throw new SpaceValueError(`MultiDiscrete ${name} must have ${this.size} values, got ${flat.length}`);
    }
    return Array.from({ length: this.size }, (_, i) => {
      const v = castElement(flat[i], 'int64');
      if (typeof v === 'string') throw new SpaceValueError(`MultiDiscrete ${name}${this.at(i)} ${v}`);
      return v;
    });
  }

  private at(i: number): string {
    return formatIndex(i, this.shape);
  }

  /** `{ type: 'MultiDiscrete', dtype: 'int64', shape, nvec, start }`, arrays flat row-major. */
  describe(): SpaceDescription {
    return {
      type: 'MultiDiscrete',
      dtype: 'int64',
      shape: [...this.shape],
      nvec: [...this.nvec],
      start: [...this.start],
    };
  }

  /**
   * Gymnasium's `MultiDiscrete.contains`: the right shape and `start <= x < start + nvec`
   * everywhere. Any typed array type is accepted (flat); plain arrays must be nested by shape.
   * Unlike Gymnasium, non-integers are never contained.
   */
  contains(value: unknown): boolean {
    const flat = readFlat(value, this.shape, '', true);
    if (typeof flat === 'string') return false;
    for (let i = 0; i < this.size; i++) {
      const v = castElement(flat[i], 'int64');
      if (typeof v === 'string' || v < this.start[i]! || v >= this.start[i]! + this.nvec[i]!) return false;
    }
    return true;
  }

  /**
   * Coerces nested arrays, or a flat plain/typed array of `size` integers.
   * @throws SpaceValueError for a wrong shape, a non-integer, or an element outside its range
   *   ("action[1] is 5, outside [0, 5)").
   */
  parse(value: unknown, path = 'value'): Float64Array {
    const flat = readFlatOrThrow(value, this.shape, path);
    const out = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const v = castElement(flat[i], 'int64');
      if (typeof v === 'string') throw new SpaceValueError(`${path}${this.at(i)} ${v}`);
      const lo = this.start[i]!;
      const hi = lo + this.nvec[i]!;
      if (v < lo || v >= hi)
        throw new SpaceValueError(`${path}${this.at(i)} is ${v}, outside [${lo}, ${hi})`);
      out[i] = v;
    }
    return out;
  }

  /** Nested plain arrays of integers following the shape. */
  toJSON(value: Float64Array): unknown {
    return nest(value, this.shape);
  }

  /**
   * Gymnasium 1.x `MultiDiscrete.sample`: `(np_random.random(shape) * nvec).astype(int64) + start`,
   * one `random()` per element in row-major order; the cast truncates (the product is >= 0).
   */
  sample(rng: Generator): Float64Array {
    const out = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = Math.trunc(rng.random() * this.nvec[i]!) + this.start[i]!;
    return out;
  }

  /** Gymnasium's repr: `MultiDiscrete([3, 5, 7])`, with `start=[...]` when not all zero. */
  toString(): string {
    const nvec = JSON.stringify(nest(this.nvec, this.shape));
    return this.start.some((s) => s !== 0)
      ? `MultiDiscrete(${nvec}, start=${JSON.stringify(nest(this.start, this.shape))})`
      : `MultiDiscrete(${nvec})`;
  }
}
