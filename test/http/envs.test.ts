import { describe, expect, it } from 'vitest';
import type { components } from '../../src/generated/openapi.ts';
import { call, post, testApp, testRegistry } from '../helpers/app.ts';

const app = testApp();
const replica = testApp();

type EnvDetail = components['schemas']['EnvDetail'] & {
  observation_space: { high: unknown[] };
};
type ResetBody = { observation: number[]; info: object; state: string };
type StepBody = ResetBody & { reward: number; terminated: boolean; truncated: boolean };

describe('env resources', () => {
  it('lists every registered env with its spec fields', async () => {
    const r = await call<{ envs: { id: string; max_episode_steps: number; reward_threshold: number }[] }>(
      app,
      'GET',
      '/v1/envs',
    );
    expect(r.status).toBe(200);
    expect(r.body.envs.map((e) => e.id)).toEqual(testRegistry.list().map((d) => d.id));
    expect(r.body.envs.find((e) => e.id === 'CartPole-v1')).toEqual({
      id: 'CartPole-v1',
      max_episode_steps: 500,
      reward_threshold: 475,
    });
  });

  it('describes an env: spaces with non-finite bounds as strings in JSON, floats in msgpack', async () => {
    const json = await call<EnvDetail>(app, 'GET', '/v1/envs/CartPole-v1');
    expect(json.body.action_space).toEqual({ type: 'Discrete', dtype: 'int64', n: 2, start: 0 });
    expect(json.body.observation_space.type).toBe('Box');
    expect(json.body.observation_space.high).toContain('inf');
    expect(Object.keys(json.body.doc)).toEqual(
      expect.arrayContaining([
        'description',
        'action_space',
        'observation_space',
        'rewards',
        'starting_state',
        'episode_end',
        'arguments',
        'version_history',
      ]),
    );
    const mp = await call<EnvDetail>(app, 'GET', '/v1/envs/CartPole-v1', undefined, 'msgpack');
    expect(mp.body.observation_space.high).toContain(Number.POSITIVE_INFINITY);
  });

  it('makes an env with kwargs (spaces and kwargs in effect) and rejects unknown kwargs', async () => {
    const r = await post<EnvDetail>(app, '/v1/envs/Pendulum-v1/make', { kwargs: { g: 9.81 } });
    expect(r.status).toBe(200);
    expect(r.body.kwargs).toEqual({ g: 9.81 });
    const bad = await post(app, '/v1/envs/Pendulum-v1/make', { kwargs: { G: 1 } });
    expect(bad.status).toBe(422);
  });

  it('takes max_episode_steps as a kwarg of every env: a shorter or longer TimeLimit, sealed in the token', async () => {
    const made = await post<EnvDetail>(app, '/v1/envs/CartPole-v1/make', {
      kwargs: { max_episode_steps: 3 },
    });
    expect(made.body).toMatchObject({ max_episode_steps: 3, kwargs: { max_episode_steps: 3 } });
    const flags = async (kwargs: Record<string, unknown>, n: number) => {
      let r = await post<ResetBody>(app, '/v1/envs/Pendulum-v1/reset', { seed: 0, kwargs });
      const truncated: boolean[] = [];
      for (let i = 0; i < n; i++) {
        const s = await post<{ state: string; truncated: boolean }>(app, '/v1/envs/Pendulum-v1/step', {
          state: r.body.state,
          action: [0],
        });
        truncated.push(s.body.truncated);
        r = s as never;
        if (s.body.truncated) break;
      }
      return truncated;
    };
    expect(await flags({ max_episode_steps: 3 }, 10)).toEqual([false, false, true]);
    // Longer than Pendulum's 200: step 200 is not the end.
    expect((await flags({ max_episode_steps: 205 }, 205)).slice(198)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    const vector = await post<{ state: string }>(app, '/v1/envs/Pendulum-v1/vector/reset', {
      num_envs: 2,
      seed: 0,
      kwargs: { max_episode_steps: 1 },
    });
    const vstep = await post<{ truncated: unknown }>(app, '/v1/envs/Pendulum-v1/vector/step', {
      state: vector.body.state,
      action: [[0], [0]],
      array_format: 'nested',
    });
    expect(vstep.body.truncated).toEqual([true, true]);
    for (const bad of [0, 1.5, '10', 2_000_000]) {
      const res = await post<{ detail: string }>(app, '/v1/envs/CartPole-v1/make', {
        kwargs: { max_episode_steps: bad },
      });
      expect(res.status).toBe(422);
      expect(res.body.detail).toMatch(/max_episode_steps/);
    }
  });

  it('takes namespaced ids unencoded as well as percent-encoded', async () => {
    const plain = await post<ResetBody>(app, '/v1/envs/goal/BitFlip-v0/reset', { seed: 3 });
    const encoded = await post<ResetBody>(app, '/v1/envs/goal%2FBitFlip-v0/reset', { seed: 3 });
    expect(plain.status).toBe(200);
    expect(plain.body.observation).toEqual(encoded.body.observation);
    const step = await post(app, '/v1/envs/goal/BitFlip-v0/step', { state: plain.body.state, action: 0 });
    expect(step.status).toBe(200);
    const detail = await call<EnvDetail>(app, 'GET', '/v1/envs/tasks/PointNav-v0');
    expect(detail.body.id).toBe('tasks/PointNav-v0');
    const vector = await post(app, '/v1/envs/tasks/PointNav-v0/vector/reset', { num_envs: 2, seed: 0 });
    expect(vector.status).toBe(200);
    // Un-namespaced vector routes are not read as a namespace.
    expect((await post(app, '/v1/envs/CartPole-v1/vector/reset', { num_envs: 2, seed: 0 })).status).toBe(200);
    const wrong = await call(app, 'DELETE', '/v1/envs/goal/BitFlip-v0/reset');
    expect(wrong.status).toBe(405);
    expect((await post(app, '/v1/envs/goal/Nope-v0/reset', { seed: 0 })).status).toBe(404);
  });

  it("reports Gymnasium's render metadata: modes where the server draws, fps from the class or 1 / dt", async () => {
    const meta = async (id: string, kwargs: Record<string, unknown> = {}) => {
      const r = await post<{ render_modes: string[]; render_fps: number | null }>(
        app,
        `/v1/envs/${encodeURIComponent(id)}/make`,
        { kwargs },
      );
      expect(r.status).toBe(200);
      return [r.body.render_modes, r.body.render_fps];
    };
    expect(await meta('CartPole-v1')).toEqual([['rgb_array'], 50]);
    expect(await meta('Acrobot-v1')).toEqual([['rgb_array'], 15]);
    // MuJoCo: dt = timestep x frame_skip (HalfCheetah 0.01 x 5; Hopper 0.002 x 4).
    expect(await meta('HalfCheetah-v5')).toEqual([['rgb_array'], 20]);
    expect(await meta('Hopper-v5')).toEqual([['rgb_array'], 125]);
    expect(await meta('HalfCheetah-v5', { frame_skip: 10 })).toEqual([['rgb_array'], 10]);
    expect(await meta('goal/BitFlip-v0')).toEqual([[], null]);
  });

  for (const format of ['json', 'msgpack'] as const) {
    it(`resets to Gymnasium's initial observation and steps (${format})`, async () => {
      const r = await post<ResetBody>(app, '/v1/envs/CartPole-v1/reset', { seed: 0 }, format);
      expect(r.status).toBe(200);
      expect(r.body.info).toEqual({});
      const expected = [0.01369617, -0.02302133, -0.04590265, -0.04834724];
      for (const [i, v] of r.body.observation.entries()) expect(v).toBeCloseTo(expected[i]!, 7);
      for (const v of r.body.observation) expect(Math.fround(v)).toBe(v);
      const s = await post<StepBody>(
        app,
        '/v1/envs/CartPole-v1/step',
        { state: r.body.state, action: 1 },
        format,
      );
      expect(s.status).toBe(200);
      expect(s.body).toMatchObject({ reward: 1, terminated: false, truncated: false, info: {} });
      expect(s.body.observation).toHaveLength(4);
    });
  }

  it('accepts an action as a binary tensor', async () => {
    const r = await post<ResetBody>(app, '/v1/envs/Pendulum-v1/reset', { seed: 3 }, 'msgpack');
    const data = new Uint8Array(new Float32Array([0.75]).buffer);
    const viaTensor = await post<StepBody>(
      app,
      '/v1/envs/Pendulum-v1/step',
      { state: r.body.state, action: { dtype: 'float32', shape: [1], data } },
      'msgpack',
    );
    const viaArray = await post<StepBody>(
      app,
      '/v1/envs/Pendulum-v1/step',
      { state: r.body.state, action: [0.75] },
      'msgpack',
    );
    expect(viaTensor.status).toBe(200);
    expect(viaTensor.body.observation).toEqual(viaArray.body.observation);
    const b64 = Buffer.from(data).toString('base64');
    const viaJson = await post<StepBody>(app, '/v1/envs/Pendulum-v1/step', {
      state: r.body.state,
      action: { dtype: 'float32', shape: [1], data: b64 },
    });
    expect(viaJson.body.observation).toEqual(viaArray.body.observation);
    const wrong = await post(app, '/v1/envs/Pendulum-v1/step', {
      state: r.body.state,
      action: { dtype: 'float32', shape: [2], data: b64 },
    });
    expect(wrong.status).toBe(422);
  });

  it('continues an episode on another replica, and forks when a token is re-stepped', async () => {
    const r = await post<ResetBody>(app, '/v1/envs/Acrobot-v1/reset', { seed: 5 });
    let tokenA = r.body.state;
    let tokenB = r.body.state;
    for (let i = 0; i < 10; i++) {
      const a = await post<StepBody>(app, '/v1/envs/Acrobot-v1/step', { state: tokenA, action: i % 3 });
      const b = await post<StepBody>(replica, '/v1/envs/Acrobot-v1/step', { state: tokenB, action: i % 3 });
      expect(b.body.observation).toEqual(a.body.observation);
      expect(b.body.reward).toBe(a.body.reward);
      tokenA = a.body.state;
      tokenB = b.body.state;
    }
    const fork1 = await post<StepBody>(app, '/v1/envs/Acrobot-v1/step', { state: tokenA, action: 0 });
    const fork2 = await post<StepBody>(app, '/v1/envs/Acrobot-v1/step', { state: tokenA, action: 2 });
    const fork1again = await post<StepBody>(app, '/v1/envs/Acrobot-v1/step', { state: tokenA, action: 0 });
    expect(fork1again.body.observation).toEqual(fork1.body.observation);
    expect(fork2.body.observation).not.toEqual(fork1.body.observation);
  });

  it("a reset without seed continues the previous episode's generator, as Gymnasium does", async () => {
    const first = await post<ResetBody>(app, '/v1/envs/CartPole-v1/reset', { seed: 42 });
    const second = await post<ResetBody>(app, '/v1/envs/CartPole-v1/reset', { state: first.body.state });
    const secondAgain = await post<ResetBody>(replica, '/v1/envs/CartPole-v1/reset', {
      state: first.body.state,
    });
    expect(second.body.observation).toEqual(secondAgain.body.observation);
    expect(second.body.observation).not.toEqual(first.body.observation);
    const unseeded1 = await post<ResetBody>(app, '/v1/envs/CartPole-v1/reset', {});
    const unseeded2 = await post<ResetBody>(app, '/v1/envs/CartPole-v1/reset', {});
    expect(unseeded1.body.observation).not.toEqual(unseeded2.body.observation);
  });

  it('starts from options.state and keeps kwargs in the token', async () => {
    const r = await post<ResetBody>(app, '/v1/envs/Pendulum-v1/reset', {
      seed: 1,
      kwargs: { g: 0 },
      options: { state: [0, 0] },
    });
    expect(r.body.observation).toEqual([1, 0, 0]);
    const s = await post<StepBody>(app, '/v1/envs/Pendulum-v1/step', { state: r.body.state, action: [0] });
    expect(s.body.observation).toEqual([1, 0, 0]); // no gravity, no torque: stays put
    const conflicting = await post(app, '/v1/envs/Pendulum-v1/reset', {
      state: r.body.state,
      kwargs: { g: 10 },
    });
    expect(conflicting.status).toBe(422);
  });

  it('truncates at max_episode_steps (TimeLimit)', async () => {
    const r = await post<ResetBody>(app, '/v1/envs/Pendulum-v1/reset', { seed: 0 }, 'msgpack');
    let state = r.body.state;
    let last: StepBody | undefined;
    for (let i = 0; i < 200; i++) {
      const s = await post<StepBody>(app, '/v1/envs/Pendulum-v1/step', { state, action: [0] }, 'msgpack');
      last = s.body;
      state = s.body.state;
      expect(s.body.truncated).toBe(i === 199);
    }
    expect(last?.terminated).toBe(false);
  });

  it('decodes percent-encoded namespaced ids', async () => {
    const r = await post(app, '/v1/envs/tasks%2FNothing-v0/reset', {});
    expect(r.status).toBe(404);
    expect(r.body.detail).toContain('"tasks/Nothing-v0"');
  });
});

describe('kwargs equality', () => {
  it('treats the kwargs make reports (defaults merged) as the same as none', async () => {
    const made = await post<{ kwargs: Record<string, unknown> }>(app, '/v1/envs/CartPole-v1/make', {});
    const first = await post<{ state: string }>(app, '/v1/envs/CartPole-v1/reset', { seed: 0 });
    const again = await post(app, '/v1/envs/CartPole-v1/reset', {
      state: first.body.state,
      kwargs: made.body.kwargs,
    });
    expect(again.status).toBe(200);
  });
});
