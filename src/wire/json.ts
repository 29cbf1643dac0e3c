import { DecodeError, type DecodeLimits, defaultDecodeLimits } from './limits.ts';

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

/**
 * Parses a JSON document from UTF-8 bytes, refusing it with a {@link DecodeError} when it nests
 * deeper than `limits.maxDepth` or holds more than `limits.maxItems` array elements and object
 * members. The limits are checked first, by one linear scan of the bytes (no recursion, nothing
 * allocated), so a deep or huge document is refused before `JSON.parse` builds any of it.
 */
export function parseJson(bytes: Uint8Array, limits: Readonly<DecodeLimits> = defaultDecodeLimits): unknown {
  checkJsonLimits(bytes, limits);
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
}

/**
 * The scan behind {@link parseJson}: bracket depth and item count outside strings. Exact for valid
 * JSON; for invalid JSON it may refuse on a limit where `JSON.parse` would refuse on syntax.
 */
export function checkJsonLimits(bytes: Uint8Array, limits: Readonly<DecodeLimits>): void {
  const { maxDepth, maxItems } = limits;
  const n = bytes.length;
  // Buffer's indexOf is native (a memchr); strings (tokens, base64 tensors) are skipped with it.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let depth = 0;
  let items = 0;
  // Just after `[` or `{`: the next token, unless it closes the container, is its first item.
  let opened = false;
  for (let i = 0; i < n; i++) {
    let k = byteClass[bytes[i]!]!;
    if (k === other) {
      // A number or literal: skip to its end.
      if (opened) {
        opened = false;
        items++;
      }
      do i++;
      while (i < n && byteClass[bytes[i]!] === other);
      if (i === n) break;
      k = byteClass[bytes[i]!]!;
    }
    if (k === space) continue;
    if (opened) {
      opened = false;
      if (k !== close) items++;
    }
    if (k === quote) {
      // Skip the string: find the closing quote, one not escaped by an odd run of backslashes.
      let j = i;
      for (;;) {
        j = buffer.indexOf(0x22, j + 1);
        if (j < 0) return; // unterminated: JSON.parse says so
        let b = j - 1;
        while (bytes[b] === 0x5c) b--;
        if ((j - b) % 2 === 1) break;
      }
      i = j;
    } else if (k === comma) {
      items++;
    } else if (k === open) {
      if (++depth > maxDepth) {
        throw new DecodeError(`nesting deeper than ${maxDepth} levels of arrays and objects`, 'depth');
      }
      opened = true;
    } else {
      depth--;
    }
    if (items > maxItems) {
      throw new DecodeError(`more than ${maxItems} array elements and object members in all`, 'items');
    }
  }
  if (items > maxItems) {
    throw new DecodeError(`more than ${maxItems} array elements and object members in all`, 'items');
  }
}

const other = 0;
const space = 1;
const quote = 2;
const comma = 3;
const open = 4;
const close = 5;
/** What each byte is to the scan; `:` counts as space (it neither nests nor separates items). */
const byteClass = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d, 0x3a]) byteClass[c] = space;
byteClass[0x22] = quote;
byteClass[0x2c] = comma;
byteClass[0x5b] = open;
byteClass[0x7b] = open;
byteClass[0x5d] = close;
byteClass[0x7d] = close;
