/**
 * Element types: which JS array holds each numpy dtype, and how one decoded number is cast to
 * it. Kept apart from the spaces so Box, MultiBinary and MultiDiscrete agree on the rules.
 */

import type { DType } from './space.ts';

/** Every dtype a Box may have. */
export const DTYPES: readonly DType[] = [
  'float32',
  'float64',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'bool',
];

/** Type guard for {@link DType}. */
export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value);
}

/**
 * The canonical array for a dtype. int64 has no exact JS typed array that the rest of the
 * code can do arithmetic on, so it is a Float64Array holding integers (exact up to 2^53,
 * which {@link castElement} enforces); bool is a Uint8Array of 0/1.
 */
export type ArrayFor<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'float64' | 'int64'
    ? Float64Array
    : D extends 'int8'
      ? Int8Array
      : D extends 'int16'
        ? Int16Array
        : D extends 'int32'
          ? Int32Array
          : Uint8Array;

/** A zero-filled canonical array of `n` elements for `dtype`. */
export function allocate<D extends DType>(dtype: D, n: number): ArrayFor<D> {
  switch (dtype) {
    case 'float32':
      return new Float32Array(n) as ArrayFor<D>;
    case 'float64':
    case 'int64':
      return new Float64Array(n) as ArrayFor<D>;
    case 'int8':
      return new Int8Array(n) as ArrayFor<D>;
    case 'int16':
      return new Int16Array(n) as ArrayFor<D>;
    case 'int32':
      return new Int32Array(n) as ArrayFor<D>;
    default:
      return new Uint8Array(n) as ArrayFor<D>;
  }
}

/** True for float32/float64. */
export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/**
 * Inclusive value range of the non-float dtypes. int64 is limited to safe integers because
 * its canonical Float64Array cannot hold larger ones exactly.
 */
export const INT_RANGE: Readonly<Record<Exclude<DType, 'float32' | 'float64'>, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint8: [0, 255],
  bool: [0, 1],
};

/** Largest finite float32, for overflow checks. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Any typed array a decoder (msgpack) might hand us. */
export type AnyTypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** Type guard: a typed array (not a DataView). */
export function isTypedArray(value: unknown): value is AnyTypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/**
 * Casts one decoded element to `dtype`. Returns the number, or a string finishing the
 * sentence "value[i] ..." when it cannot be cast: NaN and ±Infinity are refused (unless
 * `allowNonFinite`), as are non-integers and out-of-range values for integer dtypes, and
 * finite numbers that overflow float32. Booleans are accepted for bool only; bigints (from
 * msgpack int64) when they fit.
 */
export function castElement(x: unknown, dtype: DType, allowNonFinite = false): number | string {
  let v: number;
  if (typeof x === 'number') {
    v = x;
  } else if (typeof x === 'bigint') {
    if (x > BigInt(Number.MAX_SAFE_INTEGER) || x < BigInt(Number.MIN_SAFE_INTEGER)) {
      return `is ${x}, beyond the safe integer range ±(2^53 - 1)`;
    }
    v = Number(x);
  } else if (typeof x === 'boolean' && dtype === 'bool') {
    return x ? 1 : 0;
  } else {
    return `is ${kindOf(x)}, not a number`;
  }
  if (Number.isNaN(v)) return 'is NaN';
  if (!Number.isFinite(v)) return allowNonFinite && isFloat(dtype) ? v : `is ${v}`;
  if (dtype === 'float64') return v;
  if (dtype === 'float32') {
    const f = Math.fround(v);
    return Number.isFinite(f) ? f : `is ${v}, outside the float32 range`;
  }
  if (!Number.isInteger(v)) return `is ${v}, not an integer`;
  const [min, max] = INT_RANGE[dtype];
  if (v < min || v > max) {
    if (dtype === 'bool') return `is ${v}, expected 0 or 1`;
    if (dtype === 'int64') return `is ${v}, beyond the safe integer range ±(2^53 - 1)`;
    return `is ${v}, outside the ${dtype} range [${min}, ${max}]`;
  }
  return v;
}

/** A short description of a value's kind for error messages ("a string", "null", "an object"). */
export function kindOf(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'undefined';
  if (Array.isArray(x)) return 'an array';
  if (isTypedArray(x)) return `a ${x.constructor.name}`;
  const t = typeof x;
  if (t === 'object') return 'an object';
  if (t === 'number') return `the number ${String(x)}`;
  return `a ${t}`;
}
