import { Packr } from 'msgpackr';

/**
 * The one msgpack configuration of the project: plain maps and arrays only (no msgpackr records
 * or extensions), so that any standard msgpack library decodes what we send. `Uint8Array`
 * encodes as `bin`; everything else must already be plain numbers, strings, arrays and objects.
 */
const packr = new Packr({
  useRecords: false,
  moreTypes: false,
  mapsAsObjects: true,
  encodeUndefinedAsNil: true,
  variableMapSize: true,
  int64AsType: 'number',
});

/** Encodes a plain value as standard msgpack. */
export function packMsgpack(value: unknown): Uint8Array {
  return packr.pack(value);
}

/** Decodes standard msgpack; throws on malformed input or trailing bytes. */
export function unpackMsgpack(bytes: Uint8Array): unknown {
  return packr.unpack(bytes);
}
