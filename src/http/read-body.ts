import type { HonoRequest } from 'hono';
import { ApiError } from './problems.ts';

/**
 * Reads a request body, refusing it with 413 as soon as it passes `maxBytes` — from
 * Content-Length when declared, otherwise while streaming, so an oversized body is never
 * buffered whole.
 */
export async function readBody(req: HonoRequest, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new ApiError('payload-too-large', `request body exceeds the limit of ${maxBytes} bytes`);
  const declared = req.header('content-length');
  if (declared !== undefined) {
    if (Number(declared) > maxBytes) throw tooLarge();
    // arrayBuffer() takes @hono/node-server's fast path straight off the socket; touching
    // `req.raw.body` would build a web stream per request, which cost a third of a step.
    // A body longer than declared is cut short by Node's HTTP parser.
    return new Uint8Array(await req.arrayBuffer());
  }
  const body = req.raw.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
