/**
 * Spec-driven fuzzing: requests to every operation of openapi.yaml, in JSON and msgpack, with
 * bodies that mostly follow the operation's schema and sometimes do not (wrong types, extra keys,
 * random bytes), path ids real and made up, and every Accept the API negotiates. No request may
 * get a 5xx; every 4xx is an RFC 9457 problem in the negotiated encoding; the server answers
 * afterwards. Seeded and bounded: FUZZ_RUNS (default 400) requests, FUZZ_SEED (default 14).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSpec, type SpecOperation, specOperations } from '../../src/http/spec.ts';
import { packMsgpack, unpackMsgpack } from '../../src/wire/msgpack.ts';
import { post, testApp } from '../helpers/app.ts';
import { anyValue, schemaArbitrary } from './schema-arbitrary.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 14);

const doc = loadSpec();
const components = doc.components.schemas as Record<string, unknown>;
// Streams stay open while their job is queued: the snapshot form of the events route is fuzzed.
const operations = specOperations(doc);

// CartPole-v1 most often: the real state tokens below are CartPole's, so steps get past the token.
const ENV_IDS = [
  'CartPole-v1',
  'CartPole-v1',
  'CartPole-v1',
  'Pendulum-v1',
  'MountainCarContinuous-v0',
  'HalfCheetah-v5',
  'tasks/PointNav-v0',
  'tasks/SparsePoint-v0',
  'tasks/TabularMDP-v0',
  'goal/BitFlip-v0',
  'goal/PointReach-v0',
];
const junk = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.constantFrom('..', '.', '%', 'a/b', '\u0000', 'ag_x', 'CartPole-v9'),
);

type Accept = 'none' | 'json' | 'msgpack' | 'any' | 'html';
const ACCEPT: Record<Accept, string | undefined> = {
  none: undefined,
  json: 'application/json',
  msgpack: 'application/msgpack',
  any: '*/*',
  html: 'text/html',
};

interface FuzzRequest {
  op: SpecOperation;
  path: string;
  body: { kind: 'json' | 'msgpack' | 'raw' | 'none' | 'text'; value: unknown };
  accept: Accept;
}

function requestArbitrary(ids: { agent: string; job: string; tokens: string[] }): fc.Arbitrary<FuzzRequest> {
  const overrides = {
    StateToken: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...ids.tokens) },
      { weight: 1, arbitrary: junk },
    ),
  };
  return fc.constantFrom(...operations).chain((op) => {
    const params = op.parameters.filter((p) => p.in === 'path');
    const query = op.parameters.filter((p) => p.in === 'query');
    const pathValue = (name: string) =>
      name === 'env_id'
        ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ENV_IDS) }, { weight: 1, arbitrary: junk })
        : name === 'agent_id'
          ? fc.oneof(fc.constant(ids.agent), junk)
          : name === 'job_id'
            ? fc.oneof(fc.constant(ids.job), junk)
            : junk;
    const pathArb = fc.record(Object.fromEntries(params.map((p) => [p.name, pathValue(p.name)])));
    const queryArb = fc.record(
      Object.fromEntries(
        query.map((p) => [
          p.name,
          fc.oneof(schemaArbitrary(p.schema, components, overrides).map(String), junk),
        ]),
      ),
      { requiredKeys: [] },
    );
    const value = op.bodySchema ? schemaArbitrary(op.bodySchema, components, overrides) : anyValue;
    const body = fc.oneof(
      { weight: 4, arbitrary: value.map((v) => ({ kind: 'json' as const, value: v })) },
      { weight: 4, arbitrary: value.map((v) => ({ kind: 'msgpack' as const, value: v })) },
      {
        weight: 1,
        arbitrary: fc.uint8Array({ maxLength: 64 }).map((v) => ({ kind: 'raw' as const, value: v })),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'none' as const, value: undefined }) },
      { weight: 1, arbitrary: fc.string().map((v) => ({ kind: 'text' as const, value: v })) },
    );
    const accept = fc.constantFrom<Accept>('none', 'json', 'msgpack', 'any', 'html');
    return fc.tuple(pathArb, queryArb, body, accept).map(([p, q, b, a]) => {
      let path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(p[name] as string));
      const search = new URLSearchParams(q as Record<string, string>).toString();
      if (search) path += `?${search}`;
      return { op, path, body: b, accept: a };
    });
  });
}

async function send(app: ReturnType<typeof testApp>, r: FuzzRequest): Promise<Response> {
  const headers: Record<string, string> = {};
  const accept = ACCEPT[r.accept];
  if (accept) headers.accept = accept;
  let body: string | Buffer | undefined;
  if (r.op.method !== 'get' && r.op.method !== 'delete') {
    if (r.body.kind === 'json') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(r.body.value) ?? 'null';
    } else if (r.body.kind === 'msgpack') {
      headers['content-type'] = 'application/msgpack';
      body = Buffer.from(packMsgpack(r.body.value));
    } else if (r.body.kind === 'raw') {
      headers['content-type'] = 'application/msgpack';
      body = Buffer.from(r.body.value as Uint8Array);
    } else if (r.body.kind === 'text') {
      headers['content-type'] = 'text/plain';
      body = r.body.value as string;
    }
  }
  return app.request(r.path, {
    method: r.op.method.toUpperCase(),
    headers,
    ...(body !== undefined ? { body } : {}),
  });
}

/** Checks one answer; returns what is wrong with it, or undefined. */
async function problemWith(r: FuzzRequest, res: Response): Promise<string | undefined> {
  if (res.status >= 500) return `status ${res.status}: ${await res.text()}`;
  if (res.status < 400) return undefined;
  const type = res.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await res.arrayBuffer());
  const msgpack = type.startsWith('application/msgpack');
  if (!msgpack && !type.startsWith('application/problem+json'))
    return `${res.status} with content-type "${type}"`;
  // A 406 says the client's Accept cannot be met: any problem encoding will do there.
  const expected =
    res.status === 406
      ? undefined
      : r.accept === 'msgpack'
        ? 'msgpack'
        : r.accept === 'json'
          ? 'json'
          : undefined;
  if (expected === 'msgpack' && !msgpack) return `${res.status} answered in JSON to Accept: msgpack`;
  if (expected === 'json' && msgpack) return `${res.status} answered in msgpack to Accept: ${r.accept}`;
  const problem = (
    msgpack ? unpackMsgpack(bytes) : JSON.parse(Buffer.from(bytes).toString('utf8'))
  ) as Record<string, unknown>;
  if (typeof problem.type !== 'string' || !/^https:\/\/modelgym\.dev\/problems\/[a-z-]+$/.test(problem.type))
    return `problem type ${String(problem.type)}`;
  if (typeof problem.title !== 'string') return 'problem without a title';
  if (problem.status !== res.status) return `problem status ${String(problem.status)} on a ${res.status}`;
  return undefined;
}

describe('spec-driven fuzzing', () => {
  it(`answers ${RUNS} fuzzed requests without a 5xx, every 4xx a problem in the negotiated encoding`, {
    timeout: 600_000,
  }, async () => {
    const app = testApp();
    const agent = await post<{ id: string }>(app, '/v1/agents', {
      type: 'mpc',
      env_id: 'Pendulum-v1',
      preset: 'fast',
    });
    const job = await post<{ id: string }>(app, `/v1/agents/${agent.body.id}/evaluate`, {});
    const reset = await post<{ state: string }>(app, '/v1/envs/CartPole-v1/reset', { seed: 0 });
    const vector = await post<{ state: string }>(app, '/v1/envs/CartPole-v1/vector/reset', {
      num_envs: 2,
      seed: 0,
    });
    const ids = {
      agent: agent.body.id,
      job: String(job.body.id ?? 'jb_none'),
      tokens: [reset.body.state, vector.body.state],
    };
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(ids), async (r) => {
        const res = await send(app, r);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const wrong = await problemWith(r, res);
        if (wrong)
          throw new Error(
            `${r.op.method.toUpperCase()} ${r.path} (${r.body.kind}, accept ${r.accept}): ${wrong}`,
          );
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect((await app.request('/v1/health')).status).toBe(200);
    // The run reached past validation: successes and several kinds of refusal.
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThan(3);
  });
});
