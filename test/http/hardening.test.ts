/**
 * Issue 14 (hardening), items 1 and 4: bodies that used to kill the process or answer 500 are
 * refused with a problem in the negotiated encoding, and the server keeps serving.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackMsgpack } from '../../src/wire/msgpack.ts';
import { call, post, problem, testAgents, testApp, testJobRunner } from '../helpers/app.ts';

let dataDir: string;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'modelgym-hardening-'));
  const jobs = testJobRunner({ rootDir: join(dataDir, 'jobs') });
  app = testApp({ jobs, agents: testAgents({ jobs, dataDir }) });
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

type Format = 'json' | 'msgpack';

/** POSTs raw bytes with no Accept header: the answer comes in the request's own format. */
async function send(path: string, body: string | Uint8Array, format: Format) {
  const res = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': format === 'json' ? 'application/json' : 'application/msgpack' },
    body: typeof body === 'string' ? body : Buffer.from(body),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const contentType = res.headers.get('content-type') ?? '';
  const decoded = contentType.includes('msgpack')
    ? unpackMsgpack(bytes)
    : JSON.parse(Buffer.from(bytes).toString('utf8'));
  return { status: res.status, contentType, body: decoded as Record<string, unknown> };
}

/** Expects a problem of `kind`, encoded as the request was; then checks the server still answers. */
async function expectProblem(
  reply: Awaited<ReturnType<typeof send>>,
  status: number,
  kind: string,
  format: Format,
  detail?: RegExp,
) {
  expect([reply.status, reply.body.type], JSON.stringify(reply.body)).toEqual([status, problem(kind)]);
  expect(reply.contentType).toBe(format === 'json' ? 'application/problem+json' : 'application/msgpack');
  if (detail) expect(String(reply.body.detail)).toMatch(detail);
  expect((await call(app, 'GET', '/v1/health')).status).toBe(200);
}

const str = (s: string) => {
  const b = Buffer.from(s);
  return b.length < 32 ? [0xa0 | b.length, ...b] : [0xda, b.length >> 8, b.length & 0xff, ...b];
};
/** A msgpack map of the given entries, values already encoded. */
const map = (entries: [string, number[]][]) => [
  0x80 | entries.length,
  ...entries.flatMap(([k, v]) => [...str(k), ...v]),
];
/** `depth` nested one-element arrays around a 0, in msgpack and in JSON. */
const deepMsgpack = (depth: number) => [...new Array(depth).fill(0x91), 0x00];
const deepJson = (depth: number) => `${'['.repeat(depth)}0${']'.repeat(depth)}`;

describe('issue 14.1: msgpack extensions cannot build a self-containing body', () => {
  // {"observation": <id 1> [<pointer to 1>]}: msgpackr's structured clone made an array that
  // contains itself, and the shape walk of the agents' numeric decoder never ended.
  const selfContaining = Buffer.from(
    '\x81\xabobservation\xd6\x69\x00\x00\x00\x01\x91\xd6\x70\x00\x00\x00\x01',
    'latin1',
  );

  for (const route of ['act', 'plan', 'transitions']) {
    it(`POST /v1/agents/nope/${route} answers 400 malformed-body in msgpack`, async () => {
      const r = await send(`/v1/agents/nope/${route}`, selfContaining, 'msgpack');
      await expectProblem(r, 400, 'malformed-body', 'msgpack', /extension type 105 .* is not accepted/);
    });
  }
});

describe('issue 14.4: bad input is a 4xx problem, never a 500', () => {
  let state: string;
  beforeAll(async () => {
    state = (await post<{ state: string }>(app, '/v1/envs/Pendulum-v1/reset', { seed: 0 })).body.state;
  });

  const depthLimit = /nesting deeper than 64 levels .*\(x-limits\.max_body_depth\)/;

  for (const depth of [3000, 4000]) {
    it(`refuses ${depth}-level nesting in action, kwargs and observation, JSON and msgpack`, async () => {
      const cases: [string, string, number[]][] = [
        [
          '/v1/envs/Pendulum-v1/step',
          `{"state": "${state}", "action": ${deepJson(depth)}}`,
          map([
            ['state', str(state)],
            ['action', deepMsgpack(depth)],
          ]),
        ],
        [
          '/v1/envs/Pendulum-v1/make',
          `{"kwargs": {"g": ${deepJson(depth)}}}`,
          map([['kwargs', map([['g', deepMsgpack(depth)]])]]),
        ],
        [
          '/v1/envs/Pendulum-v1/reset',
          `{"kwargs": {"x": ${deepJson(depth)}}}`,
          map([['kwargs', map([['x', deepMsgpack(depth)]])]]),
        ],
        [
          '/v1/agents/nope/act',
          `{"observation": ${deepJson(depth)}}`,
          map([['observation', deepMsgpack(depth)]]),
        ],
      ];
      for (const [path, json, msgpack] of cases) {
        await expectProblem(await send(path, json, 'json'), 400, 'malformed-body', 'json', depthLimit);
        const packed = new Uint8Array(msgpack);
        await expectProblem(
          await send(path, packed, 'msgpack'),
          400,
          'malformed-body',
          'msgpack',
          depthLimit,
        );
      }
    });
  }

  it('still takes bodies nested up to the limit', async () => {
    const r = await send('/v1/envs/Pendulum-v1/make', `{"kwargs": {"g": ${deepJson(62)}}}`, 'json');
    expect([r.status, r.body.type]).toEqual([422, problem('invalid-argument')]);
  });

  it('refuses a msgpack BigInt extension in kwargs', async () => {
    const body = Buffer.from('\x81\xa6kwargs\x81\xa1g\xd4\x42\x01', 'latin1');
    const r = await send('/v1/envs/Pendulum-v1/make', body, 'msgpack');
    await expectProblem(r, 400, 'malformed-body', 'msgpack', /extension type 66/);
  });

  it('refuses integers beyond the safe range instead of rounding them', async () => {
    const seed = [0xcf, 0x00, 0x20, 0, 0, 0, 0, 0, 1]; // 2^53 + 1
    const r = await send('/v1/envs/Pendulum-v1/reset', new Uint8Array(map([['seed', seed]])), 'msgpack');
    await expectProblem(r, 400, 'malformed-body', 'msgpack', /9007199254740993 .* safe-integer range/);
  });

  it('compute_reward with goals that are not arrays of numbers: 422 naming the row', async () => {
    for (const achieved of [
      [null, null],
      ['ab', 'cd'],
      [{}, {}],
    ]) {
      const body = {
        achieved_goal: achieved,
        desired_goal: [
          [0, 0],
          [0, 0],
        ],
      };
      const r = await send('/v1/envs/goal%2FPointReach-v0/compute_reward', JSON.stringify(body), 'json');
      await expectProblem(r, 422, 'invalid-argument', 'json', /^achieved_goal\.0: /);
    }
  });

  it('agent import with bounds that are not arrays, or NaN: 422 naming the space', async () => {
    const created = await post<{ id: string }>(app, '/v1/agents', {
      type: 'mpc',
      env_id: 'Pendulum-v1',
      preset: 'fast',
    });
    expect(created.status).toBe(201);
    const exported = (await call(app, 'GET', `/v1/agents/${created.body.id}/export`, undefined, 'msgpack'))
      .body as { agent: Record<string, Record<string, unknown>> };
    const broken: [string, string, unknown][] = [
      ['observation_space', 'low', 5],
      ['observation_space', 'high', 'x'],
      ['observation_space', 'low', [Number.NaN, 0, 0]],
      ['action_space', 'low', { a: 1 }],
      ['action_space', 'high', [Number.NaN]],
      ['observation_space', 'shape', null],
    ];
    for (const [space, field, value] of broken) {
      const agent = { ...exported.agent, [space]: { ...exported.agent[space], [field]: value } };
      for (const format of ['msgpack', 'json'] as const) {
        const r = await post(app, '/v1/agents/import', { ...exported, agent }, format);
        expect([r.status, r.body.type], `${space}.${field} = ${String(value)} (${format})`).toEqual([
          422,
          problem('invalid-argument'),
        ]);
        expect(String(r.body.detail)).toMatch(new RegExp(`^agent\\.${space}: `));
      }
    }
    const minimal = { ...exported, agent: { ...exported.agent, observation_space: { type: 'Box' } } };
    const r = await post(app, '/v1/agents/import', minimal, 'msgpack');
    expect([r.status, r.body.type]).toEqual([422, problem('invalid-argument')]);
    // The export itself still imports.
    expect((await post(app, '/v1/agents/import', exported, 'msgpack')).status).toBe(201);
  });
});
