/**
 * Shapes: reading decoded wire values (nested arrays, flat arrays, typed arrays) as flat
 * row-major element lists, and nesting flat arrays back for the wire. Errors come back as
 * message strings rather than exceptions so `contains` can reject without try/catch.
 */

import { isTypedArray, kindOf } from './dtype.ts';
import { SpaceValueError } from './space.ts';

/** Number of elements of a shape (1 for the scalar shape `[]`). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** `[2, 3]` — shapes are written as JSON arrays (what clients send), not numpy tuples. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The nested index of flat element `i`: `[1][2]` for i = 5 in shape [2, 3]; `` for shape []. */
export function formatIndex(i: number, shape: readonly number[]): string {
  let out = '';
  let rest = i;
  for (let d = shape.length - 1; d >= 0; d--) {
    const dim = shape[d]!;
    out = `[${rest % dim}]${out}`;
    rest = Math.floor(rest / dim);
  }
  return out;
}

/** Validates a shape (non-negative safe integers), throwing SpaceValueError naming `what`. */
export function checkShape(shape: unknown, what: string): number[] {
  if (!Array.isArray(shape))
    throw new SpaceValueError(`${what} must be an array of integers, got ${kindOf(shape)}`);
  shape.forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new SpaceValueError(
        `${what}[${i}] must be a non-negative integer, got ${JSON.stringify(d) ?? kindOf(d)}`,
      );
    }
  });
  if (!Number.isSafeInteger(shapeSize(shape)))
    throw new SpaceValueError(`${what} ${formatShape(shape)} is too large`);
  return [...shape];
}

/** True for a plain array or a typed array (the two array forms a decoder produces). */
function isArrayish(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || isTypedArray(x);
}

/** Shape of a nested array, following first elements (`[[1, 2], [3, 4]]` -> [2, 2]). */
export function inferShape(value: unknown): number[] {
  const shape: number[] = [];
  let cur: unknown = value;
  while (isArrayish(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  return shape;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Reads `value` as the flat row-major elements of an array of `shape`, or returns an error
 * message (prefixed with `path`). Accepted: nested arrays matching the shape (the innermost
 * level may be a typed array), a bare scalar for shape `[]`, and — unless `strict` — any flat
 * plain or typed array with exactly `size` elements. With `strict` (Gymnasium's `contains`),
 * plain arrays must be nested as the shape says; flat typed arrays (the canonical value form)
 * are still accepted. Elements are not checked here.
 */
export function readFlat(
  value: unknown,
  shape: readonly number[],
  path: string,
  strict = false,
): ArrayLike<unknown> | string {
  const size = shapeSize(shape);
  const want = formatShape(shape);
  if (isTypedArray(value)) {
    if (value.length === size) return value;
    return `${path}: expected shape ${want} (${size} values), got ${kindOf(value)} of length ${value.length}`;
  }
  if (Array.isArray(value)) {
    if (!strict && value.length === size && !value.some(isArrayish)) return value;
    const got = inferShape(value);
    if (!sameShape(got, shape)) return `${path}: expected shape ${want}, got ${formatShape(got)}`;
    const out: unknown[] = [];
    if (!collect(value, shape, 0, out)) return `${path}: expected shape ${want}, got a ragged nested array`;
    return out;
  }
  if (shape.length === 0 && !isArrayish(value) && (typeof value !== 'object' || value === null))
    return [value];
  return `${path}: expected ${shape.length === 0 ? 'a number' : `an array of shape ${want}`}, got ${kindOf(value)}`;
}

/** Appends the elements of nested `value` to `out`; false if some sub-array has the wrong length. */
function collect(
  value: ArrayLike<unknown>,
  shape: readonly number[],
  depth: number,
  out: unknown[],
): boolean {
  if (value.length !== shape[depth]) return false;
  const last = depth === shape.length - 1;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (last) {
      if (isArrayish(item)) return false;
      out.push(item);
    } else if (!isArrayish(item) || !collect(item, shape, depth + 1, out)) {
      return false;
    }
  }
  return true;
}

/** Like {@link readFlat} but throws a {@link SpaceValueError} instead of returning a message. */
export function readFlatOrThrow(value: unknown, shape: readonly number[], path: string): ArrayLike<unknown> {
  const flat = readFlat(value, shape, path);
  if (typeof flat === 'string') throw new SpaceValueError(flat);
  return flat;
}

/** Flat row-major numbers -> plain nested arrays following `shape` (a bare number for `[]`). */
export function nest(flat: ArrayLike<number>, shape: readonly number[]): unknown {
  if (flat.length !== shapeSize(shape)) {
    throw new RangeError(
      `value has ${flat.length} elements, shape ${formatShape(shape)} needs ${shapeSize(shape)}`,
    );
  }
  if (shape.length === 0) return flat[0];
  let offset = 0;
  const build = (depth: number): unknown[] => {
    const dim = shape[depth]!;
    const out: unknown[] = new Array(dim);
    if (depth === shape.length - 1) {
      for (let i = 0; i < dim; i++) out[i] = flat[offset++];
    } else {
      for (let i = 0; i < dim; i++) out[i] = build(depth + 1);
    }
    return out;
  };
  return build(0);
}
