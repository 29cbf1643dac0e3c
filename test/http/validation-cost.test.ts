/**
 * Issue 14, item 3: validation costs no more than the body's size. Validators stop at the first
 * failure (ajv with `allErrors` made one error object per bad item: 8 MB of 2 M strings in
 * `options.state` took 2-3 s and ~500 MB, and each validator kept its last errors, ~380 MB, until
 * its next call); only bodies up to `fullReportMaxBytes` list every failure. Every array of the
 * spec has a `maxItems` (test/spec-arrays.test.ts).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { maxEventsPerSnapshot } from '../../src/http/routes/jobs.ts';
import { fullReportMaxBytes } from '../../src/http/validation.ts';
import type { JobEvent } from '../../src/jobs/index.ts';
import { stringifyJson } from '../../src/wire/json.ts';
import { packMsgpack, unpackMsgpack } from '../../src/wire/msgpack.ts';
import { call, post, problem, testApp, testJobRunner } from '../helpers/app.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const app = testApp();
const MiB = 2 ** 20;

type Format = 'json' | 'msgpack';

/** POSTs an already encoded body; decodes the answer (a problem) in the request's format. */
async function send(path: string, bytes: Uint8Array, format: Format) {
  const type = format === 'json' ? 'application/json' : 'application/msgpack';
  const res = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': type },
    body: Buffer.from(bytes),
  });
  const raw = new Uint8Array(await res.arrayBuffer());
  const body = (
    format === 'msgpack' ? unpackMsgpack(raw) : JSON.parse(Buffer.from(raw).toString('utf8'))
  ) as {
    type: string;
    errors?: { pointer: string; message: string }[];
  };
  return { status: res.status, body };
}

const encode = (value: unknown, format: Format): Uint8Array =>
  format === 'json' ? new TextEncoder().encode(stringifyJson(value)) : packMsgpack(value);

/**
 * 2,090,000 short strings where numbers, booleans or integers belong: 8.4 MB in msgpack, within
 * the 8 MiB body limit and the 2 Mi items limit (6.3 MB of `""` in JSON).
 */
const junkItems = 2_090_000;
const junk = (format: Format) => new Array<string>(junkItems).fill(format === 'json' ? '' : 'abc');

/** Five operations, each with one huge array whose every item breaks the schema (built on demand). */
const pathological: [string, (junk: string[]) => unknown, string][] = [
  ['/v1/envs/CartPole-v1/reset', (junk) => ({ options: { state: junk } }), '/body/options/state'],
  [
    '/v1/envs/CartPole-v1/vector/reset',
    (junk) => ({ num_envs: 2, options: { reset_mask: junk } }),
    '/body/options/reset_mask',
  ],
  [
    '/v1/envs/CartPole-v1/replay',
    (junk) => ({ actions: [0], options: { state: junk } }),
    '/body/options/state',
  ],
  ['/v1/agents/nope/evaluate', (junk) => ({ seeds: junk }), '/body/seeds'],
  [
    '/v1/external-envs',
    (junk) => ({
      observation_space: { type: 'Box', shape: [2], low: junk, high: [0, 0] },
      action_space: { type: 'Discrete', n: 2 },
    }),
    '/body/observation_space/low',
  ],
];

describe('issue 14.3: a pathological body costs about what parsing it costs', () => {
  for (const format of ['msgpack', 'json'] as const) {
    it(`answers five 8 MB-class ${format} bodies of bad items with one error each, in bounded memory`, async () => {
      gc();
      const start = process.memoryUsage().heapUsed;
      let peak = 0;
      for (const [path, body, pointer] of pathological) {
        const bytes = encode(body(junk(format)), format);
        expect(bytes.byteLength).toBeGreaterThan(6_000_000);
        expect(bytes.byteLength).toBeLessThanOrEqual(8 * MiB);
        gc();
        const before = process.memoryUsage().heapUsed;
        const r = await send(path, bytes, format);
        // Measured before any collection: what the request left behind, garbage included.
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
        expect([r.status, r.body.type], path).toEqual([422, problem('validation')]);
        expect(r.body.errors, path).toHaveLength(1);
        expect(r.body.errors![0]!.pointer).toBe(pointer);
        expect(r.body.errors![0]!.message).toMatch(/must NOT have more than \d+ items/);
      }
      gc();
      const retained = process.memoryUsage().heapUsed - start;
      // Before: ~500 MB per request, ~380 MB of it kept by each validator (~2 GB for the five).
      expect(peak / MiB).toBeLessThan(200);
      expect(retained / MiB).toBeLessThan(32);
      expect((await call(app, 'GET', '/v1/health')).status).toBe(200);
    });
  }

  it('stops at the first bad item of an array within its maxItems', async () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const state = new Array<string>(100_000).fill('abc');
    const r = await send('/v1/envs/CartPole-v1/reset', packMsgpack({ options: { state } }), 'msgpack');
    expect([r.status, r.body.type]).toEqual([422, problem('validation')]);
    expect(r.body.errors).toEqual([{ pointer: '/body/options/state/0', message: 'must be number' }]);
    gc();
    expect((process.memoryUsage().heapUsed - before) / MiB).toBeLessThan(16);
  });

  it(`lists every failure of bodies up to ${fullReportMaxBytes} bytes, the first of larger ones`, async () => {
    const small = packMsgpack({ seed: -1, extra: true });
    const large = packMsgpack({ seed: -1, extra: true, options: { state: new Array(1000).fill(0.5) } });
    expect(small.byteLength).toBeLessThanOrEqual(fullReportMaxBytes);
    expect(large.byteLength).toBeGreaterThan(fullReportMaxBytes);
    const all = await send('/v1/envs/CartPole-v1/reset', small, 'msgpack');
    expect(all.body.errors!.map((e) => e.pointer).sort()).toEqual(['/body', '/body/seed']);
    const first = await send('/v1/envs/CartPole-v1/reset', large, 'msgpack');
    expect(first.status).toBe(422);
    expect(first.body.errors).toHaveLength(1);
  });

  it('caps the listed failures of a small body at 20', async () => {
    const r = await post(app, '/v1/envs/CartPole-v1/reset', { options: { state: new Array(500).fill('x') } });
    expect(r.status).toBe(422);
    expect(r.body.errors).toHaveLength(20);
  });
});

describe('issue 14.3: reset_mask has a maxItems', () => {
  it('refuses a reset_mask longer than x-limits.max_num_envs with a 422 validation problem', async () => {
    const { state } = (
      await post<{ state: string }>(app, '/v1/envs/CartPole-v1/vector/reset', { num_envs: 4 })
    ).body;
    const r = await post(app, '/v1/envs/CartPole-v1/vector/reset', {
      num_envs: 4,
      state,
      options: { reset_mask: new Array(4097).fill(true) },
    });
    expect([r.status, r.body.type]).toEqual([422, problem('validation')]);
    expect(r.body.errors).toEqual([
      { pointer: '/body/options/reset_mask', message: 'must NOT have more than 4096 items' },
    ]);
    const ok = await post(app, '/v1/envs/CartPole-v1/vector/reset', {
      num_envs: 4,
      state,
      options: { reset_mask: [true, false, false, true] },
    });
    expect(ok.status).toBe(200);
  });
});

describe('issue 14.3: answers keep to their maxItems', () => {
  it(`a job's event snapshot holds at most ${maxEventsPerSnapshot} events; after pages on`, async () => {
    const jobs = testJobRunner();
    const log: JobEvent[] = Array.from({ length: maxEventsPerSnapshot + 5 }, (_, i) => ({
      seq: i + 1,
      time: '2026-01-01T00:00:00.000Z',
      type: 'progress',
    }));
    jobs.events = async (_id, { after = 0 } = {}) => log.filter((e) => e.seq > after);
    const jobsApp = testApp({ jobs });
    const first = await call<{ events: JobEvent[] }>(jobsApp, 'GET', '/v1/jobs/job_x/events');
    expect(first.body.events).toHaveLength(maxEventsPerSnapshot);
    const last = first.body.events.at(-1)!.seq;
    const rest = await call<{ events: JobEvent[] }>(jobsApp, 'GET', `/v1/jobs/job_x/events?after=${last}`);
    expect(rest.body.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((i) => maxEventsPerSnapshot + i));
  });
});
