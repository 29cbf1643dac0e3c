/**
 * The on-disk record format for everything that is not content-addressed (document revisions,
 * versions, segments): one ASCII header line carrying the SHA-256 of the body, then the body.
 *
 * ```
 * mgrec1 sha256=<64 lowercase hex>\n<body bytes>
 * ```
 *
 * The hash covers the exact body bytes (not a re-serialisation), so verification does not depend
 * on JSON formatting, and `cat` on a record still shows readable JSON.
 * @module
 */
import { StoreCorruptionError } from './errors.ts';
import { sha256Hex } from './hashing.ts';

const MAGIC = 'mgrec1 sha256=';
const HEADER_BYTES = MAGIC.length + 64 + 1;
const HEADER = /^mgrec1 sha256=([0-9a-f]{64})\n$/;
const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** A verified record: its body and the body's SHA-256. */
export interface DecodedRecord {
  body: Uint8Array;
  sha256: string;
}

/** Frames `body` (bytes, or a string written as UTF-8) with its checksum header. */
export function encodeRecord(body: Uint8Array | string): Uint8Array {
  const bytes = typeof body === 'string' ? utf8.encode(body) : body;
  const header = utf8.encode(`${MAGIC}${sha256Hex(bytes)}\n`);
  const out = new Uint8Array(header.length + bytes.length);
  out.set(header, 0);
  out.set(bytes, header.length);
  return out;
}

/**
 * Checks the header and the body's hash; throws {@link StoreCorruptionError} naming `resource`
 * (and `path`, for operators) when either fails, so bad bytes never reach a caller.
 */
export function decodeRecord(bytes: Uint8Array, resource: string, path: string): DecodedRecord {
  if (bytes.length < HEADER_BYTES) {
    throw new StoreCorruptionError(resource, 'truncated record header', path);
  }
  // latin1 maps bytes 1:1, so a damaged header cannot throw while decoding, only fail the regex.
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, HEADER_BYTES).toString('latin1');
  const match = HEADER.exec(header);
  if (!match) throw new StoreCorruptionError(resource, 'malformed record header', path);
  const body = bytes.subarray(HEADER_BYTES);
  const actual = sha256Hex(body);
  if (actual !== match[1]) {
    throw new StoreCorruptionError(resource, `sha256 mismatch (header ${match[1]}, body ${actual})`, path);
  }
  return { body, sha256: actual };
}

/**
 * Serialises a JSON value. Refuses (TypeError) what JSON would silently change: non-finite numbers
 * (which would become `null`) and values with no JSON form at all (`undefined`, functions).
 */
export function encodeJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new TypeError(`cannot store non-finite number ${v} as JSON`);
    }
    return v;
  });
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

/** Parses a verified record body as JSON; unparsable text is corruption, not a caller error. */
export function decodeJson(body: Uint8Array, resource: string, path: string): unknown {
  try {
    return JSON.parse(utf8Strict.decode(body));
  } catch {
    throw new StoreCorruptionError(resource, 'unparsable JSON', path);
  }
}

/** A JSON value framed as a record, with the body's SHA-256 (for ETags). */
export interface EncodedJsonRecord {
  bytes: Uint8Array;
  sha256: string;
}

/** {@link encodeJson} then {@link encodeRecord}. */
export function encodeJsonRecord(value: unknown): EncodedJsonRecord {
  const body = utf8.encode(encodeJson(value));
  return { bytes: encodeRecord(body), sha256: sha256Hex(body) };
}

/** {@link decodeRecord} then {@link decodeJson}: a verified JSON value and its body hash. */
export function decodeJsonRecord(
  bytes: Uint8Array,
  resource: string,
  path: string,
): { value: unknown; sha256: string } {
  const { body, sha256 } = decodeRecord(bytes, resource, path);
  return { value: decodeJson(body, resource, path), sha256 };
}
