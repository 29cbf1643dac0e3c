/**
 * JSON has no binary and no non-finite numbers. On the way out, ±Infinity and NaN become the
 * strings "inf", "-inf" and "nan", and bytes become base64 text (DESIGN.md, wire format). On the
 * way in nothing is converted: the schema says where such strings are allowed and the code that
 * reads those fields turns them back (see {@link parseFiniteOrNot}).
 */
export function stringifyJson(value: unknown): string {
  return JSON.stringify(value, function replacer(this: unknown, _key, v: unknown) {
    if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    // Buffer has its own toJSON that runs before the replacer sees it.
    if (isBufferJson(v)) return Buffer.from(v.data).toString('base64');
    return v;
  });
}

function isBufferJson(v: unknown): v is { type: 'Buffer'; data: number[] } {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer' && 'data' in v;
}

/** Reads a number that JSON may carry as "inf", "-inf" or "nan"; anything else is returned as NaN-free `undefined`. */
export function parseFiniteOrNot(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'inf') return Number.POSITIVE_INFINITY;
  if (value === '-inf') return Number.NEGATIVE_INFINITY;
  if (value === 'nan') return Number.NaN;
  return undefined;
}
