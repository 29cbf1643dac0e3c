/**
 * Stored documents are JSON, which has no ±Infinity or NaN, yet space bounds are often infinite.
 * Non-finite numbers are stored as `{"$float": "inf" | "-inf" | "nan"}` (a tagged object no
 * record uses otherwise) and restored on read, so what is read back equals what was written.
 * @module
 */

/** A JSON-storable copy of `value`. */
export function toStorable<T>(value: T): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { $float: Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf' };
  }
  if (Array.isArray(value)) return value.map(toStorable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toStorable(v)]));
  }
  return value;
}

const FLOATS: Record<string, number> = {
  inf: Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  nan: Number.NaN,
};

/** The value {@link toStorable} was given. */
export function fromStorable<T>(value: unknown): T {
  if (Array.isArray(value)) return value.map(fromStorable) as T;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    const tag = (value as { $float?: unknown }).$float;
    if (keys.length === 1 && typeof tag === 'string' && tag in FLOATS) return FLOATS[tag] as T;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromStorable(v)])) as T;
  }
  return value as T;
}
