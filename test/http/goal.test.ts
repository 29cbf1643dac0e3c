import { describe, expect, it } from 'vitest';
import { call, post, testApp } from '../helpers/app.ts';

const app = testApp();
const path = (id: string) => `/v1/envs/${encodeURIComponent(id)}`;

type GoalObs = { observation: number[]; achieved_goal: number[]; desired_goal: number[] };
type Step = {
  observation: GoalObs;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  state: string;
  info: Record<string, number>;
};

describe('goal-conditioned envs over HTTP', () => {
  it('are described as GoalEnvs with Dict observation spaces', async () => {
    const r = await call<Record<string, unknown>>(app, 'GET', path('goal/PointReach-v0'));
    expect(r.body.goal_conditioned).toBe(true);
    expect((r.body.observation_space as { type: string }).type).toBe('Dict');
    const plain = await call<Record<string, unknown>>(app, 'GET', path('CartPole-v1'));
    expect(plain.body.goal_conditioned).toBe(false);
  });

  it('compute_reward over a batch equals the per-step rewards, and relabeling succeeds', async () => {
    const r = await post<{ state: string }>(app, `${path('goal/PointReachSparse-v0')}/reset`, { seed: 3 });
    let state = r.body.state;
    const achieved: number[][] = [];
    const desired: number[][] = [];
    const rewards: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = await post<Step>(app, `${path('goal/PointReachSparse-v0')}/step`, {
        state,
        action: [Math.sin(i), Math.cos(i)],
      });
      achieved.push(s.body.observation.achieved_goal);
      desired.push(s.body.observation.desired_goal);
      rewards.push(s.body.reward);
      state = s.body.state;
    }
    const batch = await post<{ reward: number[] }>(
      app,
      `${path('goal/PointReachSparse-v0')}/compute_reward`,
      {
        achieved_goal: achieved,
        desired_goal: desired,
        array_format: 'nested',
      },
    );
    expect(batch.status).toBe(200);
    expect(batch.body.reward).toEqual(rewards);
    const relabeled = await post<{ reward: number[] }>(
      app,
      `${path('goal/PointReachSparse-v0')}/compute_reward`,
      {
        achieved_goal: achieved,
        desired_goal: achieved,
        array_format: 'nested',
      },
    );
    expect(relabeled.body.reward).toEqual(new Array(30).fill(0));
  });

  it('compute_reward takes tensors and refuses mismatched shapes and envs without goals', async () => {
    const a = new Float32Array([0, 0, 0.5, 0.5]);
    const tensor = (x: Float32Array) => ({ dtype: 'float32', shape: [2, 2], data: new Uint8Array(x.buffer) });
    const r = await post<{ reward: { dtype: string; data: Uint8Array } }>(
      app,
      `${path('goal/PointReach-v0')}/compute_reward`,
      { achieved_goal: tensor(a), desired_goal: tensor(new Float32Array([0, 0, 0.5, 0.5])) },
      'msgpack',
    );
    expect(r.body.reward.dtype).toBe('float64');
    expect(Array.from(new Float64Array(new Uint8Array(r.body.reward.data).buffer)).map(Math.abs)).toEqual([
      0, 0,
    ]);
    const bad = await post(app, `${path('goal/PointReach-v0')}/compute_reward`, {
      achieved_goal: [[0, 0]],
      desired_goal: [[0, 0, 0]],
    });
    expect(bad.status).toBe(422);
    const none = await post(app, `${path('CartPole-v1')}/compute_reward`, {
      achieved_goal: [[0]],
      desired_goal: [[0]],
    });
    expect(none.status).toBe(404);
  });

  it('bit flipping truncates after n steps for the n given as a kwarg', async () => {
    const r = await post<{ state: string }>(app, `${path('goal/BitFlip-v0')}/reset`, {
      seed: 0,
      kwargs: { n: 3 },
      options: { state: [0, 0, 0, 1, 1, 1] },
    });
    let state = r.body.state;
    const flags: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await post<Step>(app, `${path('goal/BitFlip-v0')}/step`, { state, action: 0 });
      flags.push(s.body.truncated);
      state = s.body.state;
    }
    expect(flags).toEqual([false, false, true]);
  });
});
