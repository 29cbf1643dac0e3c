import type { Context } from 'hono';
import { parseJson, stringifyJson } from '../wire/json.ts';
import { DecodeError, type DecodeLimits, defaultDecodeLimits } from '../wire/limits.ts';
import { packMsgpack, unpackMsgpack } from '../wire/msgpack.ts';
import { ApiError } from './problems.ts';

/** The two body encodings of the API. */
export type WireFormat = 'json' | 'msgpack';

const msgpackTypes = new Set(['application/msgpack', 'application/x-msgpack', 'application/vnd.msgpack']);
const jsonTypes = new Set(['application/json', 'application/problem+json']);

function mediaType(header: string): string {
  return header.split(';', 1)[0]!.trim().toLowerCase();
}

/** The format of a request body from its Content-Type; 415 for anything else. */
export function requestFormat(contentType: string | undefined): WireFormat {
  const type = mediaType(contentType ?? '');
  if (jsonTypes.has(type)) return 'json';
  if (msgpackTypes.has(type)) return 'msgpack';
  throw new ApiError(
    'unsupported-media-type',
    contentType
      ? `Content-Type "${contentType}" is not supported; send application/json or application/msgpack`
      : 'a request body needs Content-Type application/json or application/msgpack',
  );
}

/** One media range of an Accept header: its lower-cased type and its q (1 when absent). */
export interface AcceptedType {
  type: string;
  q: number;
}

/** The media ranges of an Accept header, in order (parameters other than q ignored). */
export function parseAccept(accept: string): AcceptedType[] {
  return accept.split(',').map((part) => {
    const [typeRaw, ...params] = part.split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: typeRaw!.trim().toLowerCase(), q: qParam ? Number(qParam.slice(2)) : 1 };
  });
}

/**
 * Picks the response format from Accept (highest q wins, msgpack on ties when listed first);
 * with no Accept header, answers in the request's own format. 406 when nothing acceptable.
 */
export function responseFormat(accept: string | undefined, fallback: WireFormat): WireFormat {
  if (!accept || accept.trim() === '') return fallback;
  let best: { format: WireFormat; q: number } | undefined;
  for (const { type, q } of parseAccept(accept)) {
    if (!(q > 0)) continue;
    const format: WireFormat | undefined = msgpackTypes.has(type)
      ? 'msgpack'
      : jsonTypes.has(type)
        ? 'json'
        : type === '*/*' || type === 'application/*'
          ? fallback
          : undefined;
    if (format && (!best || q > best.q)) best = { format, q };
  }
  if (!best)
    throw new ApiError(
      'not-acceptable',
      `cannot answer in "${accept}"; accept application/json or application/msgpack`,
    );
  return best.format;
}

/**
 * The format of a problem, which must never fail: Accept's choice (or, without Accept, the
 * Content-Type's format when it is JSON or msgpack), and JSON when Accept lists neither (the
 * 406 itself, and e.g. a 404 to `Accept: text/html`): `application/problem+json` is the one
 * problem format any client can read, and a client that listed neither format cannot be
 * answered in one it chose.
 */
export function problemFormat(accept: string | undefined, contentType: string | undefined): WireFormat {
  const type = mediaType(contentType ?? '');
  try {
    return responseFormat(accept, msgpackTypes.has(type) ? 'msgpack' : 'json');
  } catch {
    return 'json';
  }
}

const limitNames = { depth: 'x-limits.max_body_depth', items: 'x-limits.max_body_items' } as const;

/**
 * Decodes a request body; 400 `malformed-body` when it cannot be parsed, is not plain msgpack,
 * or breaks a limit (nesting depth, item count: the detail names the limit).
 */
export function decodeBody(
  bytes: Uint8Array,
  format: WireFormat,
  limits: Readonly<DecodeLimits> = defaultDecodeLimits,
): unknown {
  try {
    if (format === 'msgpack') return unpackMsgpack(bytes, limits);
    return parseJson(bytes, limits);
  } catch (err) {
    if (err instanceof DecodeError && err.limit) {
      throw new ApiError('malformed-body', `body is over a limit: ${err.message} (${limitNames[err.limit]})`);
    }
    throw new ApiError(
      'malformed-body',
      `body is not valid ${format === 'json' ? 'JSON' : 'msgpack'}: ${(err as Error).message}`,
    );
  }
}

/** Encodes a body in a format, with its Content-Type. */
export function encodeBody(
  value: unknown,
  format: WireFormat,
  problem = false,
): { bytes: string | Uint8Array; contentType: string } {
  if (format === 'msgpack') return { bytes: packMsgpack(value), contentType: 'application/msgpack' };
  return {
    bytes: stringifyJson(value),
    contentType: problem ? 'application/problem+json' : 'application/json',
  };
}

/** Sends `value` in the negotiated format (set on the context by the codec middleware). */
export function reply(c: Context, value: unknown, status = 200): Response {
  const { bytes, contentType } = encodeBody(value, c.get('format'));
  return c.body(bytes as string, status as 200, { 'Content-Type': contentType });
}
