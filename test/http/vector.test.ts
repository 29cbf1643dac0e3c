import { describe, expect, it } from 'vitest';
import { post, problem, testApp } from '../helpers/app.ts';

const app = testApp();

interface Tensor {
  dtype: string;
  shape: number[];
  data: Uint8Array;
}
interface VecBody {
  observation: Tensor | number[][];
  reward: Tensor | number[];
  terminated: Tensor | boolean[];
  truncated: Tensor | boolean[];
  info: Record<string, unknown[]>;
  state: string;
}

const floats = (t: Tensor) => Array.from(new Float32Array(new Uint8Array(t.data).buffer));
const rows = (t: Tensor) => {
  const flat = floats(t);
  const d = t.shape[1]!;
  return Array.from({ length: t.shape[0]! }, (_, i) => flat.slice(i * d, (i + 1) * d));
};
const bools = (t: Tensor) => Array.from(new Uint8Array(t.data), Boolean);

async function single(envId: string, seed: number, actions: unknown[]) {
  const r = await post<{ observation: number[]; state: string }>(app, `/v1/envs/${envId}/reset`, { seed });
  const out = [r.body.observation];
  let state = r.body.state;
  for (const action of actions) {
    const s = await post<{ observation: number[]; state: string }>(app, `/v1/envs/${envId}/step`, {
      state,
      action,
    });
    out.push(s.body.observation);
    state = s.body.state;
  }
  return out;
}

describe('vector envs', () => {
  it('sub-env i of a reset with seed s is the single env seeded s + i; steps agree bit for bit', async () => {
    const n = 4;
    const r = await post<VecBody>(
      app,
      '/v1/envs/Pendulum-v1/vector/reset',
      { num_envs: n, seed: 10 },
      'msgpack',
    );
    expect(r.status).toBe(200);
    const obs = r.body.observation as Tensor;
    expect(obs.dtype).toBe('float32');
    expect(obs.shape).toEqual([n, 3]);
    const actions = [[0.5], [-1], [2], [0]];
    const tensor = {
      dtype: 'float32',
      shape: [n, 1],
      data: new Uint8Array(new Float32Array(actions.flat()).buffer),
    };
    const s = await post<VecBody>(
      app,
      '/v1/envs/Pendulum-v1/vector/step',
      { state: r.body.state, action: tensor },
      'msgpack',
    );
    expect(s.status).toBe(200);
    for (let i = 0; i < n; i++) {
      const [first, second] = await single('Pendulum-v1', 10 + i, [actions[i]]);
      expect(rows(obs)[i]).toEqual(first);
      expect(rows(s.body.observation as Tensor)[i]).toEqual(second);
    }
    expect((s.body.reward as Tensor).dtype).toBe('float64');
    expect(bools(s.body.terminated as Tensor)).toEqual([false, false, false, false]);
  });

  it('answers nested arrays on request and accepts nested actions', async () => {
    const r = await post<VecBody>(app, '/v1/envs/CartPole-v1/vector/reset', {
      num_envs: 3,
      seed: 0,
      array_format: 'nested',
    });
    expect((r.body.observation as number[][]).length).toBe(3);
    const s = await post<VecBody>(app, '/v1/envs/CartPole-v1/vector/step', {
      state: r.body.state,
      action: [0, 1, 0],
      array_format: 'nested',
    });
    expect(s.body.reward).toEqual([1, 1, 1]);
    expect(s.body.terminated).toEqual([false, false, false]);
    const [, expected] = await single('CartPole-v1', 1, [1]);
    expect((s.body.observation as number[][])[1]).toEqual(expected);
  });

  async function runUntilOneEnds(mode: string) {
    const r = await post<VecBody>(app, '/v1/envs/CartPole-v1/vector/reset', {
      num_envs: 2,
      seed: 3,
      autoreset_mode: mode,
      array_format: 'nested',
    });
    let state = r.body.state;
    for (let t = 0; t < 100; t++) {
      const s = await post<VecBody>(app, '/v1/envs/CartPole-v1/vector/step', {
        state,
        action: [1, 0],
        array_format: 'nested',
      });
      expect(s.status).toBe(200);
      const done = (s.body.terminated as boolean[]).map((x, i) => x || (s.body.truncated as boolean[])[i]);
      if (done.some(Boolean)) return { step: s.body, done, before: state };
      state = s.body.state;
    }
    throw new Error('no sub-env ended');
  }

  it('next_step autoreset: the step after the end resets that sub-env (reward 0, flags false)', async () => {
    const { step, done } = await runUntilOneEnds('next_step');
    const i = done.indexOf(true);
    const next = await post<VecBody>(app, '/v1/envs/CartPole-v1/vector/step', {
      state: step.state,
      action: [1, 0],
      array_format: 'nested',
    });
    expect((next.body.reward as number[])[i]).toBe(0);
    expect((next.body.terminated as boolean[])[i]).toBe(false);
    // The reset continued sub-env i's own generator: it equals a second reset() of env seeded 3 + i.
    const first = await post<{ state: string }>(app, '/v1/envs/CartPole-v1/reset', { seed: 3 + i });
    const second = await post<{ observation: number[] }>(app, '/v1/envs/CartPole-v1/reset', {
      state: first.body.state,
    });
    expect((next.body.observation as number[][])[i]).toEqual(second.body.observation);
  });

  it('same_step autoreset: final_obs and its mask, and the reset observation at once', async () => {
    const { step, done } = await runUntilOneEnds('same_step');
    const i = done.indexOf(true);
    expect(step.info._final_obs).toEqual(done);
    expect((step.info.final_obs as unknown[])[i]).toHaveLength(4);
    expect((step.info.final_obs as unknown[])[1 - i]).toBeNull();
    expect((step.info.final_obs as number[][])[i]).not.toEqual((step.observation as number[][])[i]);
    const next = await post<VecBody>(app, '/v1/envs/CartPole-v1/vector/step', {
      state: step.state,
      action: [1, 0],
      array_format: 'nested',
    });
    expect((next.body.reward as number[])[i]).toBe(1);
  });

  it('disabled autoreset: stepping an ended sub-env is a 409 until reset_mask resets it', async () => {
    const { step, done } = await runUntilOneEnds('disabled');
    const again = await post(app, '/v1/envs/CartPole-v1/vector/step', { state: step.state, action: [1, 0] });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe(problem('reset-needed'));
    const partial = await post<VecBody>(app, '/v1/envs/CartPole-v1/vector/reset', {
      num_envs: 2,
      state: step.state,
      options: { reset_mask: done },
      array_format: 'nested',
    });
    expect(partial.status).toBe(200);
    const keep = done.indexOf(false);
    expect((partial.body.observation as number[][])[keep]).toEqual((step.observation as number[][])[keep]);
    const ok = await post(app, '/v1/envs/CartPole-v1/vector/step', {
      state: partial.body.state,
      action: [1, 0],
    });
    expect(ok.status).toBe(200);
  });

  it('refuses wrong batch sizes, bad actions, masks without state and mixed-up tokens', async () => {
    const r = await post<VecBody>(app, '/v1/envs/CartPole-v1/vector/reset', { num_envs: 2, seed: 0 });
    const wrongSize = await post(app, '/v1/envs/CartPole-v1/vector/step', {
      state: r.body.state,
      action: [0, 1, 0],
    });
    expect(wrongSize.status).toBe(422);
    const badAction = await post(app, '/v1/envs/CartPole-v1/vector/step', {
      state: r.body.state,
      action: [0, 7],
    });
    expect(badAction.status).toBe(422);
    expect(badAction.body.detail).toMatch(/action\[1\]/);
    const mask = await post(app, '/v1/envs/CartPole-v1/vector/reset', {
      num_envs: 2,
      options: { reset_mask: [true, false] },
    });
    expect(mask.status).toBe(422);
    const single = await post<{ state: string }>(app, '/v1/envs/CartPole-v1/reset', { seed: 0 });
    const mixed = await post(app, '/v1/envs/CartPole-v1/vector/step', {
      state: single.body.state,
      action: [0, 1],
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.detail).toMatch(/episode state token/);
    const mixed2 = await post(app, '/v1/envs/CartPole-v1/step', { state: r.body.state, action: 0 });
    expect(mixed2.status).toBe(400);
    const tooMany = await post(app, '/v1/envs/CartPole-v1/vector/reset', { num_envs: 5000 });
    expect(tooMany.status).toBe(422);
  });
});

describe('vector seeds', () => {
  it('takes one seed per sub-env, as Gymnasium does', async () => {
    const list = await post<VecBody>(app, '/v1/envs/CartPole-v1/vector/reset', {
      num_envs: 2,
      seed: [5, 9],
      array_format: 'nested',
    });
    const [five] = await single('CartPole-v1', 5, []);
    const [nine] = await single('CartPole-v1', 9, []);
    expect(list.body.observation).toEqual([five, nine]);
    const wrong = await post(app, '/v1/envs/CartPole-v1/vector/reset', { num_envs: 3, seed: [1, 2] });
    expect(wrong.status).toBe(422);
  });
});
