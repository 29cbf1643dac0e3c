import type { Generator } from '../rng/generator.ts';

/** Element types a space can hold, named as numpy names them. */
export type DType = 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'bool';

/**
 * A space described as plain data (what `GET /v1/envs/{id}` returns).
 * Arrays are flat in row-major order with `shape` beside them; bounds may be ±Infinity
 * (the JSON codec writes those as the strings "inf"/"-inf").
 */
export type SpaceDescription =
  | { type: 'Box'; dtype: DType; shape: number[]; low: number[]; high: number[] }
  | { type: 'Discrete'; dtype: 'int64'; n: number; start: number }
  | { type: 'MultiBinary'; dtype: 'int8'; shape: number[] }
  | { type: 'MultiDiscrete'; dtype: 'int64'; shape: number[]; nvec: number[]; start: number[] }
  | { type: 'Dict'; spaces: Record<string, SpaceDescription> }
  | { type: 'Tuple'; spaces: SpaceDescription[] };

/** A flat numeric array; which kind depends on the space's dtype. */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | number[];

/**
 * A value of a space in its canonical in-process form:
 * Box, MultiBinary, MultiDiscrete -> a flat typed array (row-major, shape from the space);
 * Discrete -> number; Dict -> object of values; Tuple -> array of values.
 */
export type SpaceValue = number | NumericArray | SpaceValue[] | { [key: string]: SpaceValue };

/** Thrown by {@link Space.parse} when a value does not fit; `reason` is shown to the client. */
export class SpaceValueError extends Error {
  override readonly name = 'SpaceValueError';
}

/** Gymnasium-style space: described as data, with membership test, parsing and seeded sampling. */
export interface Space<T extends SpaceValue = SpaceValue> {
  readonly type: SpaceDescription['type'];
  /** Plain-data description (dtype, shape, bounds). */
  describe(): SpaceDescription;
  /** Gymnasium's `contains`: right shape and dtype-compatible values, inside the bounds. */
  contains(value: unknown): boolean;
  /**
   * Coerces a decoded wire value (a number, nested arrays of numbers, or a typed array of the
   * right length) into the canonical value, cast to the space's dtype (float32 values rounded
   * with `Math.fround`). Throws {@link SpaceValueError} for a wrong shape, a non-finite number,
   * a non-integer where integers are required, or a value outside a Discrete, MultiDiscrete or
   * MultiBinary space. Box bounds are *not* enforced here (Gymnasium envs clip instead).
   *
   * @param path - what to call the value in error messages (`action` gives "action[0] is NaN");
   *   defaults to `value`. Optional, so callers that don't care can ignore it.
   */
  parse(value: unknown, path?: string): T;
  /** Converts a canonical value to plain nested arrays / numbers for the wire. */
  toJSON(value: T): unknown;
  /** A seeded sample, drawn as Gymnasium's `Space.sample()` draws it. */
  sample(rng: Generator): T;
}
