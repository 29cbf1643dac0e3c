import type { Context, Handler as HonoHandler } from 'hono';
import { type DecodeLimits, defaultDecodeLimits } from '../wire/limits.ts';
import type { AppEnv } from './app-env.ts';
import { decodeBody, problemFormat, requestFormat, responseFormat } from './codec.ts';
import { readBody } from './read-body.ts';
import type { SpecOperation } from './spec.ts';
import { prefersEventStream } from './sse.ts';
import { assertValid, type OperationValidators } from './validation.ts';

/** What a route handler receives: path parameters, query and body, all validated against the spec. */
export interface OperationInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** A route handler, named in the spec by its operationId. */
export type OperationHandler = (c: Context<AppEnv>, input: OperationInput) => Response | Promise<Response>;

/**
 * Wraps a handler with everything the spec says about its operation: content negotiation
 * (JSON, msgpack, or an event stream where the spec offers one), the body limit, decoding
 * (JSON or msgpack, within the depth and item limits), and ajv validation of path, query and body.
 */
export function operationHandler(
  op: SpecOperation,
  validators: OperationValidators,
  handler: OperationHandler,
  maxBodyBytes: number,
  decodeLimits: Readonly<DecodeLimits> = defaultDecodeLimits,
  /** The path parameters from the matched route (default: Hono's, as they are). */
  pathParams: (c: Context<AppEnv>) => Record<string, string> = (c) => c.req.param() as Record<string, string>,
): HonoHandler<AppEnv> {
  return async (c) => {
    c.set('route', op.path);
    const contentType = c.req.header('content-type');
    const hasBody = op.bodySchema !== undefined;
    const accept = c.req.header('accept');
    // Set first, so that a 415 or 406 from negotiation is itself a problem in the format Accept
    // asks for (the request's own without Accept; JSON for the 406: see problemFormat).
    c.set('format', problemFormat(accept, hasBody ? contentType : undefined));
    const inFormat = hasBody && contentType ? requestFormat(contentType) : 'json';
    // A client that prefers an event stream the operation offers gets it from the handler
    // (which checks Accept itself); problems before the stream starts go out as above (JSON
    // unless Accept also lists msgpack).
    if (!(op.eventStream && prefersEventStream(accept))) c.set('format', responseFormat(accept, inFormat));
    const params = pathParams(c);
    assertValid(validators.params, params, '/path');
    const query = c.req.query();
    assertValid(validators.query, query, '/query');
    let body: unknown;
    if (hasBody) {
      const bytes = await readBody(c.req, maxBodyBytes);
      if (bytes.byteLength > 0) body = decodeBody(bytes, requestFormat(contentType), decodeLimits);
      else if (op.bodyRequired) body = {};
      // Large bodies stop at their first failure, so that validation costs no more than the walk.
      assertValid(validators.body, body, '/body', bytes.byteLength);
    }
    return handler(c, { params, query, body });
  };
}
