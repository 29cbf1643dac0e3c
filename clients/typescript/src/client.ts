import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/openapi.ts';
import { decodingMsgpack, type FetchLike, mediaTypes, serializeBody, type WireFormat } from './wire.ts';

/** The media types of API bodies: the success and problem types the client decodes. */
export type ApiMediaType = 'application/json' | 'application/msgpack' | 'application/problem+json';

/**
 * An openapi-fetch client typed by the spec: `GET`/`POST` answer `{data, error, response}`, where
 * `error` is the typed RFC 9457 {@link Problem} (errors are values; see `unwrap` to throw them).
 */
export interface ModelgymClient extends Client<paths, ApiMediaType> {
  /** The body encoding this client sends and asks for. */
  readonly format: WireFormat;
  /** The server's root URL, without a trailing slash. */
  readonly baseUrl: string;
}

/** Options of {@link createModelgymClient}. */
export interface ModelgymClientOptions {
  /** Root URL of the server, e.g. `http://127.0.0.1:8080` (the default). */
  baseUrl?: string;
  /** Body encoding, `msgpack` (default: binary tensors, exact floats) or `json`. */
  format?: WireFormat;
  /** A fetch to use instead of `globalThis.fetch` (tests, retries, auth headers). */
  fetch?: FetchLike;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** The default server address (the spec's `servers` entry). */
export const defaultBaseUrl = 'http://127.0.0.1:8080';

/**
 * A typed client of the modelgym API on openapi-fetch and the generated `paths`.
 *
 * In `msgpack` format, request bodies are packed as standard msgpack (`Uint8Array` as `bin`) and
 * msgpack answers are decoded before openapi-fetch sees them, so `data` and `error` look the same
 * in both formats, except that tensor `data` is bytes in msgpack and base64 text in JSON (the
 * `RemoteEnv` layer decodes both). Typed arrays in bodies are sent as arrays of numbers.
 *
 * `POST .../render` with `mode: 'png'` answers `image/png`: call it with `parseAs: 'arrayBuffer'`.
 */
export function createModelgymClient(options: ModelgymClientOptions = {}): ModelgymClient {
  const format = options.format ?? 'msgpack';
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '');
  const inner: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const type = mediaTypes[format];
  const client = createClient<paths, ApiMediaType>({
    baseUrl,
    fetch: format === 'msgpack' ? decodingMsgpack(inner) : inner,
    headers: { ...options.headers, 'Content-Type': type, Accept: type },
    bodySerializer: (body: unknown) => serializeBody(body, format),
  });
  return Object.assign(client, { format, baseUrl });
}
