import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { RequestError } from '@hono/node-server';
import type { Logger } from 'pino';
import { encodeBody } from './codec.ts';
import { ApiError } from './problems.ts';

/**
 * The node server's answer to what never reaches the app: a request @hono/node-server cannot turn
 * into a web Request (a raw backslash in the path, a target that is not a path, a bad Host header)
 * is a 400 `malformed-request` problem instead of its bare 400; anything else that escapes the
 * app's own error handler is a 500 `internal` problem, logged. Always JSON (nothing of the request
 * was negotiated), with a fresh request id, as `instance` and `X-Request-Id`.
 */
export function nodeRequestErrorHandler(logger: Logger): (err: unknown) => Response {
  return (err) => {
    const reqId = randomUUID();
    const apiError =
      err instanceof RequestError
        ? new ApiError('malformed-request', `the request target cannot be read: ${err.message}`)
        : new ApiError(
            'internal',
            'the server failed to handle this request; the error is logged under its request id',
          );
    if (apiError.kind === 'internal') logger.error({ reqId, err }, 'unhandled error');
    else logger.debug({ reqId, problem: apiError.kind, detail: apiError.detail }, 'request refused');
    logger.info({ reqId, route: 'unmatched', status: apiError.status }, 'request');
    const { bytes, contentType } = encodeBody(apiError.toProblem(reqId), 'json', true);
    return new Response(bytes as string, {
      status: apiError.status,
      headers: { 'Content-Type': contentType, 'X-Request-Id': reqId },
    });
  };
}

/** Node's own answers to client errors that are not a malformed request (kept as Node writes them). */
const nodeAnswers: Record<string, string> = {
  HPE_HEADER_OVERFLOW: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n',
  ERR_HTTP_REQUEST_TIMEOUT: 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n',
};

/**
 * A `clientError` listener for the node server: what Node's HTTP parser refuses (a request target
 * that is not a path, bytes that are not HTTP) gets a 400 `malformed-request` problem where Node
 * writes a bare 400; header overflows and timeouts keep Node's answers. As Node does, nothing is
 * written once a response on the connection has begun.
 */
export function clientErrorListener(logger: Logger) {
  return (err: NodeJS.ErrnoException, socket: Duplex): void => {
    // Node's own check (lib/_http_server.js): the response in flight on this socket, if any.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      const known = err.code ? nodeAnswers[err.code] : undefined;
      if (known) socket.write(known);
      else {
        const reqId = randomUUID();
        const problem = new ApiError('malformed-request', `the request is not valid HTTP: ${err.message}`);
        logger.info({ reqId, route: 'unmatched', status: problem.status, code: err.code }, 'request');
        const body = Buffer.from(encodeBody(problem.toProblem(reqId), 'json', true).bytes as string);
        socket.write(
          'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: application/problem+json\r\n' +
            `X-Request-Id: ${reqId}\r\nContent-Length: ${body.length}\r\n\r\n`,
        );
        socket.write(body);
      }
    }
    socket.destroy(err);
  };
}
