import { Packr } from 'msgpackr';

/** The two body encodings of the API: same schema, picked with `Content-Type` and `Accept`. */
export type WireFormat = 'json' | 'msgpack';

/** The media type of each format. */
export const mediaTypes: Record<WireFormat, string> = {
  json: 'application/json',
  msgpack: 'application/msgpack',
};

/**
 * Standard msgpack only (no msgpackr records or extensions), the same settings as the server, so
 * what we send is what any msgpack library reads. `Uint8Array` travels as `bin`.
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

/** Decodes standard msgpack (`bin` comes back as `Uint8Array`, possibly a view into `bytes`). */
export function unpackMsgpack(bytes: Uint8Array): unknown {
  return packr.unpack(bytes);
}

/** Base64 text of bytes (JSON's encoding of tensor data). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Bytes of base64 text. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Makes a request body plain data for a format: drops `undefined` members (msgpack has no
 * undefined), turns bigints into numbers and typed arrays other than `Uint8Array` into arrays of
 * numbers. `Uint8Array` stays bytes in msgpack and becomes base64 text in JSON.
 */
export function toWireValue(value: unknown, format: WireFormat): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return format === 'json' ? toBase64(value) : value;
  if (ArrayBuffer.isView(value)) {
    return value instanceof DataView ? toWireValue(new Uint8Array(value.buffer), format) : numbersOf(value);
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toWireValue(v, format)));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = toWireValue(v, format);
  return out;
}

function numbersOf(view: ArrayBufferView): number[] {
  return Array.from(view as unknown as ArrayLike<number | bigint>, Number);
}

/** A request body in a format. */
export function serializeBody(body: unknown, format: WireFormat): string | Uint8Array {
  const plain = toWireValue(body, format);
  return format === 'json' ? JSON.stringify(plain) : packMsgpack(plain);
}

/** JSON text of a decoded msgpack value, as the server would have written it in JSON. */
function jsonText(value: unknown): string {
  return JSON.stringify(toWireValue(value, 'json'), (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf') : v,
  );
}

/** Whether a Content-Type header names msgpack. */
export function isMsgpack(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return (
    type === 'application/msgpack' || type === 'application/x-msgpack' || type === 'application/vnd.msgpack'
  );
}

/**
 * A msgpack response already decoded. openapi-fetch reads bodies with `json()` (and problems
 * with `text()` then `JSON.parse`), so `json()` answers the decoded value, binary intact, and
 * `text()` its JSON rendering; `arrayBuffer()`, `blob()` and `body` still give the raw bytes.
 */
class MsgpackResponse extends Response {
  readonly #value: unknown;

  constructor(bytes: Uint8Array, value: unknown, from: Response) {
    const headers = new Headers(from.headers);
    // openapi-fetch calls json() only when Content-Length is set (otherwise text()).
    headers.set('content-length', String(bytes.byteLength));
    const empty = bytes.byteLength === 0 || from.status === 204 || from.status === 304;
    super(empty ? null : (bytes as Uint8Array<ArrayBuffer>), {
      status: from.status,
      statusText: from.statusText,
      headers,
    });
    this.#value = value;
    // A constructed Response has no URL; keep the one the request went to.
    Object.defineProperty(this, 'url', { value: from.url });
  }

  // Fields, not methods: the DOM typings declare json and text as properties of Response.
  override json = async (): Promise<unknown> => this.#value;

  override text = async (): Promise<string> => (this.#value === undefined ? '' : jsonText(this.#value));
}

/** The fetch function openapi-fetch calls. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Wraps a fetch so that msgpack responses come back decoded (see {@link MsgpackResponse}). */
export function decodingMsgpack(inner: FetchLike): FetchLike {
  return async (request) => {
    const response = await inner(request);
    if (!isMsgpack(response.headers.get('content-type'))) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const value = bytes.byteLength === 0 ? undefined : unpackMsgpack(bytes);
    return new MsgpackResponse(bytes, value, response);
  };
}
