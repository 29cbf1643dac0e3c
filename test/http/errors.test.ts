import { describe, expect, it } from 'vitest';
import { call, post, problem, testApp } from '../helpers/app.ts';

const app = testApp({ maxBodyBytes: 4096 });

async function reset(envId = 'CartPole-v1', body: unknown = { seed: 0 }) {
  const r = await post<{ state: string; observation: number[] }>(app, `/v1/envs/${envId}/reset`, body);
  expect(r.status).toBe(200);
  return r.body;
}

describe('errors are RFC 9457 problems that change nothing', () => {
  it('404 unknown env, with a suggestion', async () => {
    const r = await post(app, '/v1/envs/CartPole-v0/reset', {});
    expect(r.status).toBe(404);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body).toMatchObject({ type: problem('unknown-env'), status: 404, title: 'Unknown environment' });
    expect(r.body.detail).toContain('did you mean "CartPole-v1"');
    expect(r.body.instance).toBe(r.headers.get('x-request-id'));
  });

  it('422 invalid action: wrong shape, outside Discrete, NaN or inf, wrong type', async () => {
    const { state } = await reset();
    for (const action of [2, -1, 0.5, [0, 1], 'left', null]) {
      const r = await post(app, '/v1/envs/CartPole-v1/step', { state, action });
      expect(r.status, JSON.stringify(action)).toBe(422);
      expect([problem('invalid-action'), problem('validation')]).toContain(r.body.type);
    }
    const p = await reset('Pendulum-v1');
    for (const action of [[0, 0], [[1]], [], 1.0]) {
      const r = await post(app, '/v1/envs/Pendulum-v1/step', { state: p.state, action });
      expect(r.status, JSON.stringify(action)).toBe(422);
      expect(r.body.type).toBe(problem('invalid-action'));
    }
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const r = await post(app, '/v1/envs/Pendulum-v1/step', { state: p.state, action: [bad] }, 'msgpack');
      expect(r.status).toBe(422);
      expect(r.body.type).toBe(problem('invalid-action'));
      expect(String(r.body.detail)).toMatch(/NaN|finite|inf/i);
    }
    // The token still works afterwards: nothing changed.
    const ok = await post(app, '/v1/envs/Pendulum-v1/step', { state: p.state, action: [0.5] });
    expect(ok.status).toBe(200);
  });

  it('400 tampered, foreign-env, unknown-key and malformed state', async () => {
    const { state } = await reset();
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const foreign = (await reset('MountainCar-v0')).state;
    const otherKey = (
      await post<{ state: string }>(
        testApp({ secret: 'a completely different secret' }),
        '/v1/envs/CartPole-v1/reset',
        { seed: 0 },
      )
    ).body.state;
    const cases: [string, RegExp][] = [
      [flip(state, state.length - 5), /tampered/],
      [foreign, /belongs to env "MountainCar-v0"/],
      [otherKey, /does not have/],
      ['v1.nope', /malformed/],
      [state.replace(/^v1/, 'v9'), /version/],
    ];
    for (const [token, detail] of cases) {
      const r = await post(app, '/v1/envs/CartPole-v1/step', { state: token, action: 0 });
      expect(r.status).toBe(400);
      expect(r.body.type).toBe(problem('invalid-state'));
      expect(String(r.body.detail)).toMatch(detail);
    }
    const bad = await post(app, '/v1/envs/CartPole-v1/step', { state: 'not a token!', action: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.type).toBe(problem('validation'));
  });

  it('409 when stepping an episode that has ended', async () => {
    let { state } = await reset('CartPole-v1', { seed: 1 });
    let last: { terminated?: boolean; state: string } | undefined;
    for (let i = 0; i < 200; i++) {
      const r = await post<{ terminated: boolean; state: string }>(app, '/v1/envs/CartPole-v1/step', {
        state,
        action: 1,
      });
      expect(r.status).toBe(200);
      last = r.body;
      state = r.body.state;
      if (r.body.terminated) break;
    }
    expect(last?.terminated).toBe(true);
    const r = await post(app, '/v1/envs/CartPole-v1/step', { state, action: 1 });
    expect(r.status).toBe(409);
    expect(r.body.type).toBe(problem('reset-needed'));
    // A reset from the ended episode continues its generator.
    const again = await post(app, '/v1/envs/CartPole-v1/reset', { state });
    expect(again.status).toBe(200);
  });

  it('413 body over the limit, 415 unsupported media type, 400 malformed body', async () => {
    const big = await post(app, '/v1/envs/CartPole-v1/reset', {
      options: { state: new Array(2000).fill(0.123456789) },
    });
    expect(big.status).toBe(413);
    expect(big.body.type).toBe(problem('payload-too-large'));
    const res = await app.request('/v1/envs/CartPole-v1/reset', {
      method: 'POST',
      body: 'seed=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { type: string }).type).toBe(problem('unsupported-media-type'));
    const broken = await app.request('/v1/envs/CartPole-v1/reset', {
      method: 'POST',
      body: '{"seed":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { type: string }).type).toBe(problem('malformed-body'));
  });

  it('422 schema violations list every failure with a pointer', async () => {
    const r = await post(app, '/v1/envs/CartPole-v1/reset', { seed: -1, extra: true });
    expect(r.status).toBe(422);
    expect(r.body.type).toBe(problem('validation'));
    const pointers = (r.body.errors as { pointer: string }[]).map((e) => e.pointer);
    expect(pointers).toContain('/body/seed');
    expect(pointers).toContain('/body');
  });

  it('422 invalid kwargs and reset options name the field', async () => {
    const k = await post(app, '/v1/envs/Pendulum-v1/reset', { kwargs: { gravity: 9.8 } });
    expect(k.status).toBe(422);
    expect(k.body.type).toBe(problem('invalid-argument'));
    expect(String(k.body.detail)).toContain('gravity');
    const o = await post(app, '/v1/envs/CartPole-v1/reset', { seed: 0, options: { low: 1, high: -1 } });
    expect(o.status).toBe(422);
    expect(o.body.type).toBe(problem('invalid-argument'));
    const s = await post(app, '/v1/envs/CartPole-v1/reset', { seed: 0, options: { state: [0, 0] } });
    expect(s.status).toBe(422);
  });

  it('404 unknown route, 405 wrong method with Allow, 406 unacceptable Accept', async () => {
    const nf = await call(app, 'GET', '/v2/nothing');
    expect(nf.status).toBe(404);
    expect(nf.body.type).toBe(problem('not-found'));
    const wrong = await call(app, 'GET', '/v1/envs/CartPole-v1/step');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    const na = await app.request('/v1/envs', { headers: { accept: 'text/html' } });
    expect(na.status).toBe(406);
  });

  it('answers problems in msgpack to msgpack clients', async () => {
    const r = await post(app, '/v1/envs/Nope-v0/reset', {}, 'msgpack');
    expect(r.status).toBe(404);
    expect(r.contentType).toBe('application/msgpack');
    expect(r.body.type).toBe(problem('unknown-env'));
  });
});
