import { pino } from 'pino';
import { defaultRegistry } from '../../src/envs/index.ts';
import type { EnvRegistry } from '../../src/envs/registry.ts';
import { createApp } from '../../src/http/app.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { Keyring, stateKeyFromSecret } from '../../src/state/keyring.ts';
import { packMsgpack, unpackMsgpack } from '../../src/wire/msgpack.ts';

/** Every env the server serves, MuJoCo's included (loaded once per test file). */
export const testRegistry: EnvRegistry = await defaultRegistry();

/** The secret every test app shares, so tokens move between test "replicas". */
export const testSecret = 'modelgym test secret, not for production';

/** An app as the server builds it, with silent logs and no default process metrics. */
export function testApp(options: { secret?: string; maxBodyBytes?: number } = {}) {
  return createApp({
    registry: testRegistry,
    keyring: new Keyring(stateKeyFromSecret(options.secret ?? testSecret)),
    logger: pino({ level: 'silent' }),
    metrics: createMetrics({ defaultMetrics: false }),
    version: 'test',
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
}

/** A decoded response. */
export interface Reply<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  body: T;
  headers: Headers;
}

type App = ReturnType<typeof testApp>;

/** Sends a request in JSON or msgpack through `app.request` (no socket) and decodes the answer. */
export async function call<T = Record<string, unknown>>(
  app: App,
  method: string,
  path: string,
  body?: unknown,
  format: 'json' | 'msgpack' = 'json',
): Promise<Reply<T>> {
  const type = format === 'json' ? 'application/json' : 'application/msgpack';
  const init: RequestInit = { method, headers: { accept: type } };
  if (body !== undefined) {
    init.body = format === 'json' ? JSON.stringify(body) : Buffer.from(packMsgpack(body));
    (init.headers as Record<string, string>)['content-type'] = type;
  }
  const res = await app.request(path, init);
  const contentType = res.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await res.arrayBuffer());
  let decoded: unknown = Buffer.from(bytes).toString('utf8');
  if (contentType.includes('msgpack')) decoded = unpackMsgpack(bytes);
  else if (contentType.includes('json')) decoded = JSON.parse(decoded as string);
  return { status: res.status, contentType, body: decoded as T, headers: res.headers };
}

/** POST shorthand. */
export function post<T = Record<string, unknown>>(
  app: App,
  path: string,
  body: unknown,
  format: 'json' | 'msgpack' = 'json',
) {
  return call<T>(app, 'POST', path, body, format);
}
