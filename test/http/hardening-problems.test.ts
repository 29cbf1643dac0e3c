/**
 * Issue 14 (hardening), item 10: problems in the negotiated encoding (404, 405, 415; 406 always
 * JSON), a request target the HTTP layer refuses (a raw backslash) answered with a problem, agent
 * spaces bounded and consistent on import, and task listings of bounded size.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_AGENT_SPACE_WIDTH } from '../../src/agents/spaces.ts';
import { loadConfig } from '../../src/config.ts';
import { loadSpec } from '../../src/http/spec.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { packMsgpack, unpackMsgpack } from '../../src/wire/msgpack.ts';
import { call, post, problem, testAgents, testApp, testJobRunner } from '../helpers/app.ts';

let dataDir: string;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'modelgym-hardening-problems-'));
  const jobs = testJobRunner({ rootDir: join(dataDir, 'jobs') });
  app = testApp({ jobs, agents: testAgents({ jobs, dataDir }) });
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Sends a request with the given headers (and raw body) and decodes the answer by its Content-Type. */
async function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Uint8Array | string,
) {
  const res = await app.request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : Buffer.from(body) } : {}),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const contentType = res.headers.get('content-type') ?? '';
  const decoded = contentType.includes('msgpack')
    ? unpackMsgpack(bytes)
    : JSON.parse(Buffer.from(bytes).toString('utf8'));
  return { status: res.status, contentType, headers: res.headers, body: decoded as Record<string, unknown> };
}

const msgpack = 'application/msgpack';

describe('issue 14.10a: every problem in the negotiated encoding', () => {
  it('404 for an unknown route answers msgpack to Accept: application/msgpack', async () => {
    const r = await send('GET', '/v2/nothing', { accept: msgpack });
    expect([r.status, r.body.type, r.contentType]).toEqual([404, problem('not-found'), msgpack]);
    expect(r.body.instance).toBe(r.headers.get('x-request-id'));
  });

  it('404 for an unknown route answers a msgpack request in msgpack when there is no Accept', async () => {
    const r = await send('POST', '/v2/nothing', { 'content-type': msgpack }, packMsgpack({ seed: 0 }));
    expect([r.status, r.body.type, r.contentType]).toEqual([404, problem('not-found'), msgpack]);
  });

  it('405 keeps its Allow header and answers msgpack', async () => {
    const r = await send('GET', '/v1/envs/CartPole-v1/step', { accept: msgpack });
    expect([r.status, r.body.type, r.contentType]).toEqual([405, problem('method-not-allowed'), msgpack]);
    expect(r.headers.get('allow')).toBe('POST');
  });

  it('415 answers msgpack to Accept: application/msgpack', async () => {
    const r = await send(
      'POST',
      '/v1/envs/CartPole-v1/reset',
      { 'content-type': 'text/plain', accept: msgpack },
      'seed=1',
    );
    expect([r.status, r.body.type, r.contentType]).toEqual([415, problem('unsupported-media-type'), msgpack]);
  });

  it('415 still answers JSON without an Accept header', async () => {
    const r = await send('POST', '/v1/envs/CartPole-v1/reset', { 'content-type': 'text/plain' }, 'seed=1');
    expect([r.status, r.contentType]).toEqual([415, 'application/problem+json']);
  });

  it('406 is always JSON, also for a msgpack request: nothing acceptable was negotiated', async () => {
    const r = await send(
      'POST',
      '/v1/envs/CartPole-v1/reset',
      { 'content-type': msgpack, accept: 'text/html' },
      packMsgpack({ seed: 0 }),
    );
    expect([r.status, r.body.type, r.contentType]).toEqual([
      406,
      problem('not-acceptable'),
      'application/problem+json',
    ]);
  });

  it('an unknown route is a 404 (JSON) even when Accept lists nothing the API speaks', async () => {
    const r = await send('GET', '/v2/nothing', { accept: 'text/html' });
    expect([r.status, r.body.type, r.contentType]).toEqual([
      404,
      problem('not-found'),
      'application/problem+json',
    ]);
  });
});

/** Writes one raw HTTP/1.1 request (nothing normalised) and reads the whole answer. */
function rawRequest(port: number, target: string, headers: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', ...headers, '', ''].join(
          '\r\n',
        ),
      );
    });
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** Status, headers (lower-cased names) and body of a raw answer (Content-Length or chunked). */
function parseAnswer(raw: string): { status: number; headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  let body = raw.slice(end + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let out = '';
    for (let at = 0; ; ) {
      const lineEnd = body.indexOf('\r\n', at);
      const size = Number.parseInt(body.slice(at, lineEnd), 16);
      if (!size) break;
      out += body.slice(lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    body = out;
  }
  return {
    status: Number(statusLine!.split(' ')[1]),
    headers,
    body: Buffer.from(body, 'latin1').toString('utf8'),
  };
}

describe('issue 14.10b: a request target the HTTP layer refuses is a problem', () => {
  let server: RunningServer;
  let serverDir: string;
  beforeAll(async () => {
    serverDir = await mkdtemp(join(tmpdir(), 'modelgym-hardening-server-'));
    server = await startServer(
      loadConfig({ PORT: '0', MODELGYM_DATA_DIR: serverDir }),
      pino({ level: 'silent' }),
    );
  });
  afterAll(async () => {
    await server?.close();
    await rm(serverDir, { recursive: true, force: true });
  });

  for (const [target, detail] of [
    ['/v1/envs/a\\b', /backslash/i],
    ['/v1/envs/CartPole-v1\\step', /backslash/i],
    ['\\v1\\health', /not valid HTTP/],
    ['/v1/envs/a b', /not valid HTTP/],
  ] as const) {
    it(`GET ${target} (raw) answers a 400 malformed-request problem`, async () => {
      const r = parseAnswer(await rawRequest(server.port, target, ['Accept: application/json']));
      expect(r.status).toBe(400);
      expect(r.headers['content-type']).toBe('application/problem+json');
      const body = JSON.parse(r.body) as Record<string, unknown>;
      expect(body).toMatchObject({ type: problem('malformed-request'), status: 400 });
      expect(String(body.detail)).toMatch(detail);
      expect(body.instance).toBe(r.headers['x-request-id']);
      // The server keeps serving.
      const health = parseAnswer(await rawRequest(server.port, '/v1/health'));
      expect(health.status).toBe(200);
    });
  }

  it("headers over Node's limit keep Node's 431", async () => {
    const r = parseAnswer(await rawRequest(server.port, '/v1/health', [`X-Big: ${'a'.repeat(20_000)}`]));
    expect(r.status).toBe(431);
  });

  it('a backslash in the query is data, not a malformed target', async () => {
    const r = parseAnswer(await rawRequest(server.port, '/v1/envs/tasks%2FPointNav-v0/tasks?seed=a\\b'));
    expect(r.status).toBe(422);
    expect((JSON.parse(r.body) as { type: string }).type).toBe(problem('validation'));
  });
});

describe('issue 14.10c: import refuses agent spaces that are absurd or inconsistent', () => {
  let exported: { agent: Record<string, unknown> } & Record<string, unknown>;
  beforeAll(async () => {
    const created = await post<{ id: string }>(app, '/v1/agents', {
      type: 'mpc',
      env_id: 'Pendulum-v1',
      preset: 'fast',
    });
    expect(created.status).toBe(201);
    exported = (await call(app, 'GET', `/v1/agents/${created.body.id}/export`, undefined, 'msgpack'))
      .body as typeof exported;
  });

  const box = (shape: number[], bounds?: number) => ({
    type: 'Box',
    dtype: 'float32',
    shape,
    low: bounds === undefined ? -1 : new Array(bounds).fill(-1),
    high: bounds === undefined ? 1 : new Array(bounds).fill(1),
  });
  const importWith = (field: 'observation_space' | 'action_space', space: unknown) =>
    post(app, '/v1/agents/import', { ...exported, agent: { ...exported.agent, [field]: space } }, 'msgpack');

  async function expectRefused(
    field: 'observation_space' | 'action_space',
    space: unknown,
    detail: RegExp,
  ): Promise<void> {
    const stored = async () =>
      (await call<{ items: unknown[] }>(app, 'GET', '/v1/agents?limit=1000')).body.items.length;
    const before = await stored();
    const r = await importWith(field, space);
    expect([r.status, r.body.type], JSON.stringify(r.body)).toEqual([422, problem('invalid-argument')]);
    expect(String(r.body.detail)).toMatch(new RegExp(`^agent\\.${field}: `));
    expect(String(r.body.detail)).toMatch(detail);
    expect(r.body.errors).toEqual([expect.objectContaining({ pointer: `/body/agent/${field}` })]);
    // Nothing was stored.
    expect(await stored()).toBe(before);
  }

  it('refuses observation shapes [1e9] and [-1]', async () => {
    await expectRefused('observation_space', box([1e9]), /more than/);
    await expectRefused('observation_space', box([-1]), /non-negative integer/);
  });

  it(`refuses spaces wider than x-limits.max_agent_space_width (${MAX_AGENT_SPACE_WIDTH} values)`, async () => {
    const wide = MAX_AGENT_SPACE_WIDTH + 1;
    const limit = new RegExp(
      `${wide} values .*at most ${MAX_AGENT_SPACE_WIDTH} .*x-limits\\.max_agent_space_width`,
    );
    await expectRefused('observation_space', box([wide], wide), limit);
    await expectRefused('action_space', box([wide], wide), limit);
    await expectRefused('observation_space', box([64, 64, 3], 64 * 64 * 3), /12288 values/);
  });

  it("refuses spaces that are not the served env's (Pendulum-v1 observes 3 values)", async () => {
    await expectRefused('observation_space', box([5], 5), /Pendulum-v1/);
    await expectRefused('action_space', box([2], 2), /Pendulum-v1/);
  });

  it('still imports the export as it was', async () => {
    const r = await post(app, '/v1/agents/import', exported, 'msgpack');
    expect(r.status).toBe(201);
  });

  it('re-imports agents with infinite bounds (JSON) and agents of external envs with a declared reward', async () => {
    const cartPole = await post<{ id: string }>(app, '/v1/agents', {
      type: 'mpc',
      env_id: 'CartPole-v1',
      preset: 'fast',
    });
    const asJson = (await call(app, 'GET', `/v1/agents/${cartPole.body.id}/export`)).body;
    expect((await post(app, '/v1/agents/import', asJson)).status).toBe(201);

    const xenv = await post<{ id: string }>(app, '/v1/external-envs', {
      observation_space: {
        type: 'Box',
        dtype: 'float32',
        shape: [2],
        low: ['-inf', '-inf'],
        high: ['inf', 'inf'],
      },
      action_space: box([1], 1),
      reward: { env_id: 'tasks/PointMass1D-v0' },
    });
    expect(xenv.status).toBe(201);
    const agent = await post<{ id: string }>(app, '/v1/agents', {
      type: 'mpc',
      external_env_id: xenv.body.id,
      preset: 'fast',
    });
    expect(agent.status).toBe(201);
    const external = (await call(app, 'GET', `/v1/agents/${agent.body.id}/export`, undefined, 'msgpack'))
      .body as typeof exported;
    expect((await post(app, '/v1/agents/import', external, 'msgpack')).status).toBe(201);
    const widened = {
      ...external,
      agent: { ...external.agent, observation_space: box([3], 3) },
    };
    const r = await post(app, '/v1/agents/import', widened, 'msgpack');
    expect([r.status, r.body.type]).toEqual([422, problem('invalid-argument')]);
    expect(String(r.body.detail)).toMatch(/^agent\.observation_space: 3 values, .*tasks\/PointMass1D-v0/);
  });

  it('external envs are held to the same width limit', async () => {
    const wide = MAX_AGENT_SPACE_WIDTH + 1;
    const r = await post(app, '/v1/external-envs', {
      observation_space: box([wide], wide),
      action_space: box([1], 1),
    });
    expect([r.status, r.body.type]).toEqual([422, problem('invalid-argument')]);
    expect(String(r.body.detail)).toMatch(/^observation_space: .*x-limits\.max_agent_space_width/);
  });

  it("the limit is the spec's", () => {
    expect(MAX_AGENT_SPACE_WIDTH).toBe(loadSpec()['x-limits'].max_agent_space_width);
  });
});

describe('issue 14.10d: task listings are bounded', () => {
  const max = loadSpec()['x-limits'].max_tasks_per_request;
  const tabular = '/v1/envs/tasks%2FTabularMDP-v0/tasks';

  it('refuses count=10000 and count=max+1 with a 422 naming the query parameter', async () => {
    for (const count of [10000, max + 1, 0]) {
      const r = await call(app, 'GET', `${tabular}?count=${count}`);
      expect([r.status, r.body.type]).toEqual([422, problem('validation')]);
      expect((r.body.errors as { pointer: string }[])[0]!.pointer).toBe('/query/count');
    }
  });

  it('answers the largest family (TabularMDP, ~11 KB a task in JSON) at the maximum in ~1 MB', async () => {
    const r = await app.request(`${tabular}?count=${max}`);
    expect(r.status).toBe(200);
    const bytes = (await r.arrayBuffer()).byteLength;
    expect(bytes).toBeLessThan(1.5 * 2 ** 20);
    const packed = await app.request(`${tabular}?count=${max}`, { headers: { accept: msgpack } });
    const body = unpackMsgpack(new Uint8Array(await packed.arrayBuffer())) as { tasks: unknown[] };
    expect(body.tasks).toHaveLength(max);
  });
});
