/**
 * The baseline of the env benchmark: a bare Hono server that decodes a msgpack body and
 * answers it re-encoded, with no validation, crypto or env. Prints its port on stdout.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { packMsgpack, unpackMsgpack } from '../src/wire/msgpack.ts';

const app = new Hono();
app.post('/echo', async (c) => {
  const body = unpackMsgpack(new Uint8Array(await c.req.arrayBuffer()));
  return c.body(packMsgpack(body) as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/msgpack' });
});

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
