import { Packr } from 'msgpackr';
import { type DecodeLimits, defaultDecodeLimits } from './limits.ts';
import { decodeMsgpack } from './msgpack-decode.ts';

/**
 * The one msgpack configuration of the project: plain maps and arrays only (no msgpackr records
 * or extensions), so that any standard msgpack library decodes what we send. `Uint8Array`
 * encodes as `bin`; everything else must already be plain numbers, strings, arrays and objects.
 */
export const PACKR_OPTIONS = {
  useRecords: false,
  moreTypes: false,
  mapsAsObjects: true,
  encodeUndefinedAsNil: true,
  variableMapSize: true,
  int64AsType: 'number',
} as const;

const packr = new Packr(PACKR_OPTIONS);

/** Encodes a plain value as standard msgpack. */
export function packMsgpack(value: unknown): Uint8Array {
  return packr.pack(value);
}

/**
 * Decodes plain msgpack with our own strict decoder (see msgpack-decode.ts): no extensions,
 * string map keys, safe integers, `bin` as a Buffer; throws a `DecodeError` on malformed input,
 * trailing bytes, or a value over `limits` (by default the request-body limits).
 */
export function unpackMsgpack(
  bytes: Uint8Array,
  limits: Readonly<DecodeLimits> = defaultDecodeLimits,
): unknown {
  return decodeMsgpack(bytes, limits);
}
