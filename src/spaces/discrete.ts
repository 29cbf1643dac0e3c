import type { Generator } from '../rng/generator.ts';
import { kindOf } from './dtype.ts';
import { type Space, type SpaceDescription, SpaceValueError } from './space.ts';

/**
 * Gymnasium's `Discrete(n, start)`: the integers `start, start + 1, ..., start + n - 1`.
 * Values are plain numbers (int64 in numpy; safe integers here).
 */
export class Discrete implements Space<number> {
  readonly type = 'Discrete' as const;

  /**
   * @param n - number of elements, a positive integer.
   * @param start - smallest element (default 0).
   * @throws SpaceValueError unless `n` > 0 and `start` are integers with `start + n` safe.
   */
  constructor(
    readonly n: number,
    readonly start = 0,
  ) {
    if (!Number.isSafeInteger(n) || n <= 0)
      throw new SpaceValueError(`Discrete n must be a positive integer, got ${n}`);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(start + n)) {
      throw new SpaceValueError(
        `Discrete start must be an integer with start + n a safe integer, got ${start}`,
      );
    }
  }

  /** `{ type: 'Discrete', dtype: 'int64', n, start }`. */
  describe(): SpaceDescription {
    return { type: 'Discrete', dtype: 'int64', n: this.n, start: this.start };
  }

  /**
   * Gymnasium's `Discrete.contains`: an integer (an integer-valued number, or a bigint) with
   * `start <= x < start + n`. Arrays, even of length 1, are not contained.
   */
  contains(value: unknown): boolean {
    const v = typeof value === 'bigint' ? Number(value) : value;
    return typeof v === 'number' && Number.isInteger(v) && v >= this.start && v < this.start + this.n;
  }

  /**
   * Accepts an integer number (or a bigint, as msgpack decodes int64) inside the space.
   * @throws SpaceValueError, e.g. "action: 4 is outside Discrete(2)", "action is 1.5, not an integer".
   */
  parse(value: unknown, path = 'value'): number {
    let v: number;
    if (typeof value === 'number') v = value;
    else if (typeof value === 'bigint') v = Number(value);
    else throw new SpaceValueError(`${path} is ${kindOf(value)}, expected an integer in ${this.rangeText()}`);
    if (!Number.isFinite(v)) throw new SpaceValueError(`${path} is ${v}`);
    if (!Number.isInteger(v)) throw new SpaceValueError(`${path} is ${v}, not an integer`);
    if (v < this.start || v >= this.start + this.n) {
      throw new SpaceValueError(
        `${path}: ${typeof value === 'bigint' ? value : v} is outside ${this.toString()}`,
      );
    }
    return v;
  }

  /** The number itself. */
  toJSON(value: number): unknown {
    return value;
  }

  /** Gymnasium 1.x `Discrete.sample`: `start + np_random.integers(n)`. */
  sample(rng: Generator): number {
    return this.start + rng.integers(0, this.n);
  }

  /** Gymnasium's repr: `Discrete(5)` or `Discrete(5, start=-2)`. */
  toString(): string {
    return this.start === 0 ? `Discrete(${this.n})` : `Discrete(${this.n}, start=${this.start})`;
  }

  private rangeText(): string {
    return `[${this.start}, ${this.start + this.n})`;
  }
}
