/**
 * A strict decoder for plain msgpack: nil, bool, int, float, str, bin, array and map, nothing
 * else. Every ext type is refused (timestamps and msgpackr's records, structured clones and
 * BigInts included), so a body can neither contain itself nor bring a type the rest of the server
 * never expects. Limits are checked while decoding, before anything is allocated for them:
 * nesting depth, the total number of array elements and map entries, and every length against
 * the bytes that are left.
 *
 * What it gives back: maps as plain objects (string keys only), arrays as arrays, `bin` as a
 * Buffer viewing the input (no copy), integers as numbers (refused outside the safe-integer
 * range rather than rounded), float32 and float64 as numbers (NaN and ±inf kept).
 * @module
 */

import { DecodeError, type DecodeLimits, defaultDecodeLimits } from './limits.ts';

const empty = new Uint8Array(0);
// Module state for the one decode in progress (decoding never calls out, so it cannot re-enter).
let src: Uint8Array = empty;
const emptyView: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
/** A view of `src` for floats and 64-bit integers, made on first use (small bodies often have none). */
let view = emptyView;
let pos = 0;
let end = 0;
let itemsLeft = 0;
let maxDepth = 0;
let limits: Readonly<DecodeLimits> = defaultDecodeLimits;

/**
 * Decodes one msgpack value that fills `bytes` exactly; throws {@link DecodeError} for anything
 * malformed, truncated, followed by trailing bytes, outside plain msgpack, or over a limit.
 */
export function decodeMsgpack(
  bytes: Uint8Array,
  decodeLimits: Readonly<DecodeLimits> = defaultDecodeLimits,
): unknown {
  src = bytes;
  view = emptyView;
  pos = 0;
  end = src.length;
  limits = decodeLimits;
  maxDepth = decodeLimits.maxDepth;
  itemsLeft = decodeLimits.maxItems;
  try {
    if (end === 0) throw new DecodeError('empty input');
    const value = read(0);
    if (pos !== end) throw new DecodeError(`${end - pos} trailing bytes after the value (at byte ${pos})`);
    return value;
  } finally {
    src = empty; // let the input go
    view = emptyView;
  }
}

function dataView(): DataView {
  if (view === emptyView) view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  return view;
}

// Floats of small bodies go through scratch bytes: a DataView (faster per float) costs an allocation.
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const f32 = new Float32Array(1);
const f32Bytes = new Uint8Array(f32.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A big-endian float64 at `p` (in bounds). */
function float64(p: number): number {
  const s = src;
  if (littleEndian && view === emptyView && s.length < 512) {
    f64Bytes[0] = s[p + 7]!;
    f64Bytes[1] = s[p + 6]!;
    f64Bytes[2] = s[p + 5]!;
    f64Bytes[3] = s[p + 4]!;
    f64Bytes[4] = s[p + 3]!;
    f64Bytes[5] = s[p + 2]!;
    f64Bytes[6] = s[p + 1]!;
    f64Bytes[7] = s[p]!;
    return f64[0]!;
  }
  return dataView().getFloat64(p);
}

/** A big-endian float32 at `p` (in bounds). */
function float32(p: number): number {
  const s = src;
  if (littleEndian && view === emptyView && s.length < 512) {
    f32Bytes[0] = s[p + 3]!;
    f32Bytes[1] = s[p + 2]!;
    f32Bytes[2] = s[p + 1]!;
    f32Bytes[3] = s[p]!;
    return f32[0]!;
  }
  return dataView().getFloat32(p);
}

/** A big-endian uint32 at `p` (in bounds). */
function uint32(p: number): number {
  return src[p]! * 0x1000000 + ((src[p + 1]! << 16) | (src[p + 2]! << 8) | src[p + 3]!);
}

function truncated(what: string): DecodeError {
  return new DecodeError(`truncated: ${what} at byte ${pos} runs past the end`);
}

function need(n: number, what: string): void {
  if (n > end - pos) throw truncated(what);
}

function read(depth: number): unknown {
  if (pos >= end) throw truncated('a value');
  const b = src[pos++]!;
  if (b < 0x80) return b;
  if (b < 0x90) return readMap(b & 0x0f, depth);
  if (b < 0xa0) return readArray(b & 0x0f, depth);
  if (b < 0xc0) return readStr(b & 0x1f);
  if (b >= 0xe0) return b - 0x100;
  let n: number;
  switch (b) {
    case 0xc0:
      return null;
    case 0xc2:
      return false;
    case 0xc3:
      return true;
    case 0xca:
      need(4, 'a float32');
      pos += 4;
      return float32(pos - 4);
    case 0xcb:
      need(8, 'a float64');
      pos += 8;
      return float64(pos - 8);
    case 0xcc:
      need(1, 'a uint8');
      return src[pos++]!;
    case 0xcd:
      need(2, 'a uint16');
      pos += 2;
      return (src[pos - 2]! << 8) | src[pos - 1]!;
    case 0xce:
      need(4, 'a uint32');
      pos += 4;
      return uint32(pos - 4);
    case 0xcf:
      return readInt64(false);
    case 0xd0:
      need(1, 'an int8');
      return (src[pos++]! << 24) >> 24;
    case 0xd1:
      need(2, 'an int16');
      pos += 2;
      return (((src[pos - 2]! << 8) | src[pos - 1]!) << 16) >> 16;
    case 0xd2:
      need(4, 'an int32');
      pos += 4;
      return uint32(pos - 4) | 0;
    case 0xd3:
      return readInt64(true);
    case 0xd9:
      need(1, 'a str8 length');
      return readStr(src[pos++]!);
    case 0xda:
      need(2, 'a str16 length');
      n = (src[pos]! << 8) | src[pos + 1]!;
      pos += 2;
      return readStr(n);
    case 0xdb:
      need(4, 'a str32 length');
      n = uint32(pos);
      pos += 4;
      return readStr(n);
    case 0xc4:
      need(1, 'a bin8 length');
      return readBin(src[pos++]!);
    case 0xc5:
      need(2, 'a bin16 length');
      n = (src[pos]! << 8) | src[pos + 1]!;
      pos += 2;
      return readBin(n);
    case 0xc6:
      need(4, 'a bin32 length');
      n = uint32(pos);
      pos += 4;
      return readBin(n);
    case 0xdc:
      need(2, 'an array16 length');
      n = (src[pos]! << 8) | src[pos + 1]!;
      pos += 2;
      return readArray(n, depth);
    case 0xdd:
      need(4, 'an array32 length');
      n = uint32(pos);
      pos += 4;
      return readArray(n, depth);
    case 0xde:
      need(2, 'a map16 length');
      n = (src[pos]! << 8) | src[pos + 1]!;
      pos += 2;
      return readMap(n, depth);
    case 0xdf:
      need(4, 'a map32 length');
      n = uint32(pos);
      pos += 4;
      return readMap(n, depth);
    case 0xc1:
      throw new DecodeError(`byte 0xc1 (never used in msgpack) at byte ${pos - 1}`);
    default:
      throw extError(b);
  }
}

/** 0xc7-0xc9 and 0xd4-0xd8: ext formats, none of which the API uses. */
function extError(b: number): DecodeError {
  const at = pos - 1;
  const fixed: Record<number, number> = { 212: 1, 213: 2, 214: 4, 215: 8, 216: 16 };
  const headerBytes = b === 0xc7 ? 1 : b === 0xc8 ? 2 : b === 0xc9 ? 4 : 0;
  const typeByte = src[pos + headerBytes];
  const type = typeByte === undefined ? '' : ` ${(typeByte << 24) >> 24}`;
  const size = fixed[b] !== undefined ? `fixext ${fixed[b]}` : 'ext';
  return new DecodeError(
    `msgpack extension type${type} (${size}) at byte ${at} is not accepted: send plain msgpack (nil, bool, int, float, str, bin, array, map)`,
  );
}

function readInt64(signed: boolean): number {
  need(8, signed ? 'an int64' : 'a uint64');
  const hi = signed ? uint32(pos) | 0 : uint32(pos);
  const lo = uint32(pos + 4);
  // |value| <= 2^53 - 1 <=> -2^21 < hi < 2^21, except hi = -2^21 with lo > 0 (then value > -2^53).
  if (hi >= 0x200000 || hi < -0x200000 || (hi === -0x200000 && lo === 0)) {
    const value = signed ? dataView().getBigInt64(pos) : dataView().getBigUint64(pos);
    throw new DecodeError(
      `integer ${value} at byte ${pos - 1} is outside the safe-integer range ±(2^53 - 1) and would lose precision`,
    );
  }
  pos += 8;
  return hi * 0x100000000 + lo;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function readStr(n: number): string {
  need(n, `a str of ${n} bytes`);
  const start = pos;
  pos += n;
  if (n < 16) {
    // Short strings are mostly ASCII (keys, dtypes): built here, without a trip into C++.
    let high = 0;
    for (let i = start; i < pos; i++) high |= src[i]!;
    if (high < 0x80) return shortAscii(start, n);
  }
  return utf8(start, n);
}

const ch = String.fromCharCode;

function shortAscii(p: number, n: number): string {
  const s = src;
  switch (n) {
    case 0:
      return '';
    case 1:
      return ch(s[p]!);
    case 2:
      return ch(s[p]!, s[p + 1]!);
    case 3:
      return ch(s[p]!, s[p + 1]!, s[p + 2]!);
    case 4:
      return ch(s[p]!, s[p + 1]!, s[p + 2]!, s[p + 3]!);
    case 5:
      return ch(s[p]!, s[p + 1]!, s[p + 2]!, s[p + 3]!, s[p + 4]!);
    case 6:
      return ch(s[p]!, s[p + 1]!, s[p + 2]!, s[p + 3]!, s[p + 4]!, s[p + 5]!);
    case 7:
      return ch(s[p]!, s[p + 1]!, s[p + 2]!, s[p + 3]!, s[p + 4]!, s[p + 5]!, s[p + 6]!);
    default:
      return shortAscii(p, 7) + shortAscii(p + 7, n - 7);
  }
}

function utf8(start: number, n: number): string {
  try {
    return utf8Decoder.decode(src.subarray(start, start + n));
  } catch {
    throw new DecodeError(`str at byte ${start} is not valid UTF-8`);
  }
}

/** Recent map keys by a hash of their bytes: most bodies repeat a few short keys. */
const keyCache: ({ bytes: Uint8Array; key: string } | undefined)[] = new Array(4096).fill(undefined);

function readKey(n: number): string {
  if (n === 0 || n > 24) return readStr(n);
  need(n, `a str of ${n} bytes`);
  let slot = n;
  for (let i = pos, e = pos + n; i < e; i++) slot = (slot * 31 + src[i]!) & 0xfffff;
  slot = (slot ^ (slot >> 12)) & 0xfff;
  const entry = keyCache[slot];
  if (entry !== undefined && entry.bytes.length === n) {
    const bytes = entry.bytes;
    let i = 0;
    while (i < n && bytes[i] === src[pos + i]) i++;
    if (i === n) {
      pos += n;
      return entry.key;
    }
  }
  const bytes = src.slice(pos, pos + n);
  const key = readStr(n);
  keyCache[slot] = { bytes, key };
  return key;
}

function readBin(n: number): Buffer {
  need(n, `a bin of ${n} bytes`);
  pos += n;
  return Buffer.from(src.buffer, src.byteOffset + pos - n, n);
}

function charge(n: number, depth: number, what: string, bytesEach: number): void {
  if (depth >= maxDepth) {
    throw new DecodeError(`nesting deeper than ${maxDepth} levels of arrays and maps`, 'depth');
  }
  // Every element takes at least one byte (a map entry two): a length beyond the bytes left is a lie.
  if (n * bytesEach > end - pos) throw truncated(`${what} of ${n}`);
  itemsLeft -= n;
  if (itemsLeft < 0) {
    throw new DecodeError(`more than ${limits.maxItems} array elements and map entries in all`, 'items');
  }
}

function readArray(n: number, depth: number): unknown[] {
  charge(n, depth, 'an array', 1);
  // Two copies of the loop (two allocation and store sites), so that V8's element-kind feedback
  // keeps arrays of numbers unboxed even after arrays of arrays or strings went through the other.
  const b = src[pos]!;
  if (b < 0x80 || (b >= 0xca && b <= 0xd3) || b >= 0xe0) {
    const numbers = new Array<unknown>(n);
    for (let i = 0; i < n; i++) numbers[i] = read(depth + 1);
    return numbers;
  }
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) out[i] = read(depth + 1);
  return out;
}

function readMap(n: number, depth: number): Record<string, unknown> {
  charge(n, depth, 'a map', 2);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const b = src[pos]!;
    let key: string;
    if (b >= 0xa0 && b < 0xc0) {
      pos++;
      key = readKey(b & 0x1f);
    } else if (b === 0xd9 || b === 0xda || b === 0xdb) {
      key = read(depth + 1) as string;
    } else {
      throw new DecodeError(`map key at byte ${pos} is not a string`);
    }
    const value = read(depth + 1);
    // As JSON.parse does: "__proto__" is an own property, never the object's prototype.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
