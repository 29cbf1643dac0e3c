import type { components } from './generated/openapi.ts';
import {
  type DType,
  decodeTensor,
  encodeTensor,
  isTensor,
  isTypedArray,
  type TypedArray,
  typedArrayOf,
} from './tensor.ts';

/** A space as the API describes it (bounds may be "inf"/"-inf"/"nan" strings in JSON). */
export type SpaceDescription = components['schemas']['SpaceDescription'];

/**
 * A Gymnasium space as data: `Box`, `Discrete`, `MultiBinary`, `MultiDiscrete`, `Dict` or
 * `Tuple`. Arrays are flat and row-major with `shape` beside them; bounds are numbers, ±Infinity
 * included, in both formats.
 */
export interface Space extends Omit<SpaceDescription, 'low' | 'high' | 'spaces'> {
  low?: number[];
  high?: number[];
  spaces?: Record<string, Space> | Space[];
}

/**
 * An observation: a number (Discrete), a flat typed array of the space's dtype (Box,
 * MultiBinary, MultiDiscrete; its shape is the space's), or an object/array of those (Dict/Tuple).
 */
export type Observation = number | TypedArray | Observation[] | { [key: string]: Observation };

/** An action: a number, numbers (flat or nested), a typed array, or an object/array of those (Dict/Tuple). */
export type Action = number | bigint | TypedArray | readonly Action[] | { readonly [key: string]: Action };

function finite(value: unknown): number {
  if (value === 'inf') return Number.POSITIVE_INFINITY;
  if (value === '-inf') return Number.NEGATIVE_INFINITY;
  if (value === 'nan') return Number.NaN;
  return value as number;
}

/** A space description with its bounds decoded from JSON's "inf"/"-inf"/"nan" strings. */
export function decodeSpace(description: SpaceDescription): Space {
  const { low, high, spaces, ...rest } = description;
  const space: Space = { ...rest };
  if (low) space.low = low.map(finite);
  if (high) space.high = high.map(finite);
  if (Array.isArray(spaces)) space.spaces = spaces.map(decodeSpace);
  else if (spaces)
    space.spaces = Object.fromEntries(Object.entries(spaces).map(([k, s]) => [k, decodeSpace(s)]));
  return space;
}

/** Number of elements of one value of an array-like space. */
export function sizeOf(space: Space): number {
  return space.type === 'Discrete' ? 1 : (space.shape ?? []).reduce((a, b) => a * b, 1);
}

function flatten(value: unknown, out: (number | bigint)[]): void {
  if (Array.isArray(value) || isTypedArray(value))
    for (const v of value as Iterable<unknown>) flatten(v, out);
  else out.push(value as number | bigint);
}

/** Flat numbers of a number, nested arrays or a typed array. */
export function flatNumbers(value: unknown): (number | bigint)[] {
  const out: (number | bigint)[] = [];
  flatten(value, out);
  return out;
}

function subSpace(space: Space | undefined, key: string | number): Space | undefined {
  const spaces = space?.spaces;
  if (Array.isArray(spaces)) return typeof key === 'number' ? spaces[key] : undefined;
  return spaces?.[key];
}

/** Turns a wire value of a space (nested arrays, or a tensor) into an {@link Observation}. */
export function decodeValue(space: Space | undefined, value: unknown): Observation {
  if (isTensor(value)) return decodeTensor(value).data;
  if (space?.type === 'Tuple' && Array.isArray(value))
    return value.map((v, i) => decodeValue(subSpace(space, i), v));
  if (space?.type === 'Dict' && typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeValue(subSpace(space, k), v)]));
  }
  if (typeof value === 'number' || typeof value === 'boolean') return Number(value);
  // JSON writes non-finite numbers as "inf"/"-inf"/"nan" strings.
  const numbers = (flatNumbers(value) as unknown[]).map((v) =>
    typeof v === 'string' ? finite(v) : (v as number | bigint),
  );
  return typedArrayOf((space?.dtype ?? 'float64') as DType, numbers);
}

function isObjectLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function tensorFor(space: Space | undefined, values: TypedArray): unknown {
  if (space?.type === 'Discrete') return encodeTensor(values, []);
  const shape = space?.shape && sizeOf(space) === values.length ? space.shape : [values.length];
  return encodeTensor(values, shape);
}

/**
 * An action for the wire: typed arrays (or arrays of typed-array rows) become binary tensors
 * shaped like the (sub-)space; Dict and Tuple actions are encoded member by member; other values
 * pass as they are (the server validates them and casts to the space's dtype).
 */
export function encodeAction(space: Space | undefined, action: Action): unknown {
  const container = space ? space.type === 'Dict' || space.type === 'Tuple' : isObjectLike(action);
  if (container && Array.isArray(action)) return action.map((a, i) => encodeAction(subSpace(space, i), a));
  if (container && isObjectLike(action) && !isTypedArray(action)) {
    const dict = action as { readonly [key: string]: Action };
    return Object.fromEntries(Object.entries(dict).map(([k, a]) => [k, encodeAction(subSpace(space, k), a)]));
  }
  if (isTypedArray(action)) return tensorFor(space, action as TypedArray);
  if (Array.isArray(action) && action.some(isTypedArray)) {
    return tensorFor(space, Float64Array.from(flatNumbers(action), Number));
  }
  return action;
}
