import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { AgentService } from '../../src/agents/service.ts';
import { defaultRegistry } from '../../src/envs/index.ts';
import type { EnvRegistry } from '../../src/envs/registry.ts';
import { createApp } from '../../src/http/app.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { agentLimits, loadSpec } from '../../src/http/spec.ts';
import { JobRunner, type JobRunnerOptions } from '../../src/jobs/index.ts';
import { Keyring, stateKeyFromSecret } from '../../src/state/keyring.ts';
import { openStore } from '../../src/store/index.ts';
import { packMsgpack, unpackMsgpack } from '../../src/wire/msgpack.ts';

/** Every env the server serves, MuJoCo's included (loaded once per test file). */
export const testRegistry: EnvRegistry = await defaultRegistry();

/** The secret every test app shares, so tokens move between test "replicas". */
export const testSecret = 'modelgym test secret, not for production';

/** The job kinds of test apps: `count` (see test/fixtures/jobs/count-job.ts). */
export const testJobHandlers: Record<string, URL> = {
  count: new URL('../fixtures/jobs/count-job.ts', import.meta.url),
};

/**
 * A job runner for tests, not started, on `rootDir` or on a fresh path under the temp dir
 * (created only once a job is submitted: tests that submit jobs remove it themselves).
 */
export function testJobRunner(options: Partial<JobRunnerOptions> = {}): JobRunner {
  return new JobRunner({
    rootDir: join(tmpdir(), `modelgym-test-jobs-${randomUUID()}`),
    handlers: testJobHandlers,
    pollMs: 20,
    ...options,
  });
}

/** The agents service of a test app: a store on a fresh temp path (created on first write). */
export function testAgents(options: { jobs: JobRunner; secret?: string; dataDir?: string }): AgentService {
  const spec = loadSpec();
  return new AgentService({
    store: openStore(options.dataDir ?? join(tmpdir(), `modelgym-test-store-${randomUUID()}`)),
    registry: testRegistry,
    keyring: new Keyring(stateKeyFromSecret(options.secret ?? testSecret)),
    jobs: options.jobs,
    limits: agentLimits(spec),
  });
}

/** An app as the server builds it, with silent logs and no default process metrics. */
export function testApp(
  options: {
    secret?: string;
    maxBodyBytes?: number;
    jobs?: JobRunner;
    agents?: AgentService;
    shutdown?: AbortSignal;
    graderKey?: string;
    maxEventStreams?: number;
  } = {},
) {
  const jobs = options.jobs ?? testJobRunner();
  return createApp({
    registry: testRegistry,
    keyring: new Keyring(stateKeyFromSecret(options.secret ?? testSecret)),
    logger: pino({ level: 'silent' }),
    metrics: createMetrics({ defaultMetrics: false }),
    version: 'test',
    jobs,
    agents: options.agents ?? testAgents({ jobs, ...(options.secret ? { secret: options.secret } : {}) }),
    ...(options.shutdown ? { shutdown: options.shutdown } : {}),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.graderKey ? { graderKey: options.graderKey } : {}),
    ...(options.maxEventStreams ? { maxEventStreams: options.maxEventStreams } : {}),
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
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  const type = format === 'json' ? 'application/json' : 'application/msgpack';
  const init: RequestInit = { method, headers: { accept: type, ...headers } };
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
  headers: Record<string, string> = {},
) {
  return call<T>(app, 'POST', path, body, format, headers);
}

/** The `type` URI of a problem kind. */
export const problem = (kind: string): string => `https://modelgym.dev/problems/${kind}`;
