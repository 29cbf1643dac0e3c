import type { Generator } from '../rng/generator.ts';
import { type ArrayFor, allocate, castElement, INT_RANGE, isDType, isFloat, isTypedArray } from './dtype.ts';
import {
  checkShape,
  formatIndex,
  formatShape,
  inferShape,
  nest,
  readFlat,
  readFlatOrThrow,
  shapeSize,
} from './shape.ts';
import { type DType, type Space, type SpaceDescription, SpaceValueError } from './space.ts';

/** Bounds as given to {@link Box}: one number for every element, or a (nested or flat) array. */
export type BoxBound = number | ArrayLike<number> | readonly BoxBound[];

/**
 * Gymnasium's `Box`: the product of closed intervals `[low[i], high[i]]`, either end possibly
 * infinite. Values are flat row-major canonical arrays ({@link ArrayFor}): Float32Array,
 * Float64Array, Int8Array, Int16Array, Int32Array, Uint8Array (uint8 and bool, 0/1), and for
 * int64 a Float64Array holding integers (exact up to 2^53; larger values are refused).
 *
 * `low`/`high` are stored cast to the dtype (float32 bounds rounded with `Math.fround`) and
 * keep ±Infinity for unbounded ends, integer dtypes included: Gymnasium replaces an integer
 * Box's ±inf with the dtype's min/max but remembers it was unbounded; keeping ±Infinity in
 * {@link Box.describe} lets that survive a round trip through the wire description.
 *
 * @example new Box(-1, 1, [3])                    // float32, shape [3]
 * @example new Box([-1, 0], [1, Infinity])        // shape inferred: [2]
 * @example new Box(0, 255, [64, 64, 3], 'uint8')  // an image
 */
export class Box<D extends DType = 'float32'> implements Space<ArrayFor<D>> {
  readonly type = 'Box' as const;
  readonly dtype: D;
  readonly shape: readonly number[];
  /** Number of elements (product of the shape). */
  readonly size: number;
  /** Lower bounds, flat row-major, cast to the dtype; -Infinity where unbounded below. */
  readonly low: readonly number[];
  /** Upper bounds, flat row-major, cast to the dtype; +Infinity where unbounded above. */
  readonly high: readonly number[];
  /** Element indices by interval kind, each ascending: the order numpy fills them in `sample`. */
  private readonly kinds: { unbounded: number[]; lowOnly: number[]; highOnly: number[]; bounded: number[] };

  /**
   * @param low - lower bound(s): a number for all elements, or an array (nested by shape, or flat).
   * @param high - upper bound(s), likewise.
   * @param shape - defaults to the shape of `low` (or `high`) when an array, else `[1]` (Gymnasium's rule).
   * @param dtype - defaults to `'float32'`, as in Gymnasium.
   * @throws SpaceValueError for a bad dtype or shape, NaN bounds, `low > high`, non-integer or
   *   out-of-range bounds for an integer dtype, or an infinite bound for uint8/bool.
   */
  constructor(low: BoxBound, high: BoxBound, shape?: readonly number[], dtype: D = 'float32' as D) {
    if (!isDType(dtype))
      throw new SpaceValueError(`Box dtype must be one of the DType names, got ${String(dtype)}`);
    this.dtype = dtype;
    this.shape = Object.freeze(
      shape !== undefined
        ? checkShape(shape, 'Box shape')
        : typeof low !== 'number'
          ? inferShape(low)
          : typeof high !== 'number'
            ? inferShape(high)
            : [1],
    );
    this.size = shapeSize(this.shape);
    this.low = Object.freeze(this.castBounds(low, 'low', -Infinity));
    this.high = Object.freeze(this.castBounds(high, 'high', Infinity));
    this.kinds = { unbounded: [], lowOnly: [], highOnly: [], bounded: [] };
    for (let i = 0; i < this.size; i++) {
      const lo = this.low[i]!;
      const hi = this.high[i]!;
      if (lo > hi)
        throw new SpaceValueError(`Box low${this.at(i)} (${lo}) is greater than high${this.at(i)} (${hi})`);
      const below = lo !== -Infinity;
      const above = hi !== Infinity;
      const kind = below ? (above ? 'bounded' : 'lowOnly') : above ? 'highOnly' : 'unbounded';
      this.kinds[kind].push(i);
    }
  }

  /** Flattens and casts one bound; infinite bounds stay infinite (only where the dtype allows). */
  private castBounds(bound: BoxBound, name: 'low' | 'high', inf: number): number[] {
    const flat =
      typeof bound === 'number'
        ? new Array<number>(this.size).fill(bound)
        : readFlatOrThrow(bound, this.shape, `Box ${name}`);
    const out: number[] = new Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const x = flat[i];
      if (x === inf) {
        // Gymnasium: signed ints map ±inf to the dtype's min/max; unsigned ints and bool refuse it.
        if (this.dtype === 'uint8' || this.dtype === 'bool') {
          throw new SpaceValueError(
            `Box ${name}${this.at(i)} is ${inf}, but a ${this.dtype} Box must be bounded`,
          );
        }
        out[i] = inf;
        continue;
      }
      const v = castElement(x, this.dtype);
      if (typeof v === 'string') throw new SpaceValueError(`Box ${name}${this.at(i)} ${v}`);
      out[i] = v;
    }
    return out;
  }

  /** `[i]`-style index of flat element i, for messages. */
  private at(i: number): string {
    return formatIndex(i, this.shape);
  }

  /** Plain-data description (fresh arrays; bounds flat row-major, ±Infinity where unbounded). */
  describe(): SpaceDescription {
    return {
      type: 'Box',
      dtype: this.dtype,
      shape: [...this.shape],
      low: [...this.low],
      high: [...this.high],
    };
  }

  /**
   * Gymnasium's `Box.contains`: the right shape, a dtype-compatible value, and every element
   * within `[low, high]` (so NaN is never contained). Typed arrays must hold the whole value
   * flat and be safely castable to the dtype as numpy's `can_cast` says (a Float64Array is
   * *not* in a float32 Box, as in Gymnasium), the canonical array of the dtype always being
   * accepted. Plain arrays must be nested as the shape says; their numbers are cast first
   * (float32 rounding), and for integer dtypes must be integers (Gymnasium would truncate).
   */
  contains(value: unknown): boolean {
    const typed = isTypedArray(value);
    if (typed && !typedArrayFits(value, this.dtype)) return false;
    const flat = readFlat(value, this.shape, '', true);
    if (typeof flat === 'string') return false;
    for (let i = 0; i < this.size; i++) {
      const v = castElement(flat[i], this.dtype, true);
      if (typeof v === 'string') return false;
      if (!(v >= this.low[i]! && v <= this.high[i]!)) return false;
    }
    return true;
  }

  /**
   * Coerces a decoded wire value into the canonical array: nested arrays matching the shape,
   * a flat (plain or typed) array of `size` numbers, or a bare number for shape `[]`.
   * Bounds are not enforced (Gymnasium envs clip).
   * @throws SpaceValueError for a wrong shape ("action: expected shape [1], got [2]"), a
   *   non-number, NaN or ±Infinity ("action[0] is NaN"), a non-integer or out-of-range number
   *   for an integer dtype, or a number that overflows float32.
   */
  parse(value: unknown, path = 'value'): ArrayFor<D> {
    const flat = readFlatOrThrow(value, this.shape, path);
    const out = allocate(this.dtype, this.size);
    for (let i = 0; i < this.size; i++) {
      const v = castElement(flat[i], this.dtype);
      if (typeof v === 'string') throw new SpaceValueError(`${path}${this.at(i)} ${v}`);
      out[i] = v;
    }
    return out;
  }

  /** Nested plain arrays of numbers following the shape (a bare number for shape `[]`). */
  toJSON(value: ArrayFor<D>): unknown {
    return nest(value, this.shape);
  }

  /**
   * Gymnasium 1.x `Box.sample`, draw for draw. Each element's interval picks its distribution:
   * unbounded -> `normal()`, `[a, inf)` -> `a + exponential()`, `(-inf, b]` -> `b - exponential()`,
   * `[a, b]` -> `uniform(a, b)`. numpy fills them by boolean-mask assignment, so all unbounded
   * elements draw first (in row-major order), then the lower-bounded, upper-bounded and bounded
   * ones. Integer dtypes use `b + 1` as the upper end, floor, and clip to the dtype range
   * (signed: min + 2 .. max - 2, as Gymnasium does) before the cast; bool is `floor != 0`.
   */
  sample(rng: Generator): ArrayFor<D> {
    const { dtype, low, high, kinds } = this;
    const float = isFloat(dtype);
    // Gymnasium: `high = self.high if float else self.high.astype(int64) + 1`.
    const top = (i: number): number => (float ? high[i]! : high[i]! + 1);
    const s = new Float64Array(this.size);
    for (const i of kinds.unbounded) s[i] = rng.normal();
    for (const i of kinds.lowOnly) s[i] = rng.exponential() + low[i]!;
    for (const i of kinds.highOnly) s[i] = -rng.exponential() + top(i);
    for (const i of kinds.bounded) s[i] = rng.uniform(low[i]!, top(i));

    const out = allocate(dtype, this.size);
    if (float) {
      out.set(s); // Float32Array.set rounds to nearest float32, same as numpy's astype
      return out;
    }
    const [min, max] = dtype === 'bool' ? [-Infinity, Infinity] : clipRange(dtype as IntDType);
    for (let i = 0; i < this.size; i++) {
      let v = Math.min(Math.max(Math.floor(s[i]!), min), max);
      if (dtype === 'bool') v = v !== 0 ? 1 : 0;
      // int64: Gymnasium clips once more to [low, high] (float64 rounding near ±2^63).
      else if (dtype === 'int64') v = Math.min(Math.max(v, low[i]!), high[i]!);
      out[i] = v;
    }
    return out;
  }

  /** `Box(-1.0, 1.0, (3,), float32)`-style summary, as Gymnasium prints it (short bounds only). */
  toString(): string {
    const short = (b: readonly number[]): string =>
      b.length > 0 && b.every((x) => x === b[0]) ? String(b[0]) : `[${b.join(', ')}]`;
    return `Box(${short(this.low)}, ${short(this.high)}, ${formatShape(this.shape)}, ${this.dtype})`;
  }
}

type IntDType = Exclude<DType, 'float32' | 'float64' | 'bool'>;

/** Gymnasium's pre-cast clip for integer samples: signed dtypes keep 2 away from the ends. */
function clipRange(dtype: IntDType): readonly [number, number] {
  const [min, max] = INT_RANGE[dtype];
  if (dtype === 'uint8') return [min, max];
  // int64's range here is the safe-integer one, which samples never approach anyway.
  return [min + 2, max - 2];
}

/** numpy dtype of each typed array, for the `can_cast` check in `contains`. */
const TYPED_DTYPE: ReadonlyArray<readonly [abstract new (...args: never) => object, string]> = [
  [Float32Array, 'float32'],
  [Float64Array, 'float64'],
  [Int8Array, 'int8'],
  [Int16Array, 'int16'],
  [Int32Array, 'int32'],
  [BigInt64Array, 'int64'],
  [Uint8Array, 'uint8'],
  [Uint8ClampedArray, 'uint8'],
  [Uint16Array, 'uint16'],
  [Uint32Array, 'uint32'],
  [BigUint64Array, 'uint64'],
];

/** numpy `can_cast(from, to, 'safe')`, restricted to the target dtypes a Box can have. */
const SAFE_CASTS: Readonly<Record<string, readonly DType[]>> = {
  float32: ['float32', 'float64'],
  float64: ['float64'],
  int8: ['int8', 'int16', 'int32', 'int64', 'float32', 'float64'],
  int16: ['int16', 'int32', 'int64', 'float32', 'float64'],
  int32: ['int32', 'int64', 'float64'],
  int64: ['int64', 'float64'],
  uint8: ['uint8', 'int16', 'int32', 'int64', 'float32', 'float64'],
  uint16: ['int32', 'int64', 'float32', 'float64'],
  uint32: ['int64', 'float64'],
  uint64: ['float64'],
};

/** Whether a typed array may stand for a value of `dtype` (numpy safe cast, or the canonical array). */
function typedArrayFits(value: object, dtype: DType): boolean {
  if (allocate(dtype, 0).constructor === value.constructor) return true; // canonical (int64: Float64Array, bool: Uint8Array)
  const from = TYPED_DTYPE.find(([ctor]) => value instanceof ctor)?.[1];
  return from !== undefined && (SAFE_CASTS[from]?.includes(dtype) ?? false);
}
