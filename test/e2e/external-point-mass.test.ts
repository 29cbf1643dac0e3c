/**
 * Acceptance of the MPC agent on a simulator that lives only here, on the client side: the 1-D
 * point mass (pos += vel, vel += a, a in [-1, 1], start pos 1 vel 0, r = -0.001 pos^2, 30-step
 * episodes). The server never runs it: clients post transitions and ask for actions.
 * - With the reward declared (the served tasks/PointMass1D-v0's reward function applies to its
 *   observations), the agent learns the dynamics: after 500 random steps and 5 MPC episodes
 *   (refitted after each) its best episode beats what random play reaches with probability < 1e-5.
 * - With nothing declared, the agent learns dynamics and reward and still improves on random play.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Generator } from '../../src/rng/generator.ts';
import { type AgentTestApp, agentTestApp } from '../helpers/agents.ts';
import { post } from '../helpers/app.ts';

const STEPS = 30;

/** The client-side simulator. */
function simulate(pos: number, vel: number, a: number) {
  const next = [pos + vel, vel + Math.min(Math.max(a, -1), 1)];
  return { next, reward: -0.001 * next[0]! ** 2 };
}

/** Returns of `n` uniformly random episodes. */
function randomReturns(n: number, seed: number): Float64Array {
  const rng = Generator.fromSeed(seed);
  const out = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    let [pos, vel] = [1, 0];
    let total = 0;
    for (let t = 0; t < STEPS; t++) {
      const { next, reward } = simulate(pos, vel, rng.uniform(-1, 1));
      [pos, vel] = next as [number, number];
      total += reward;
    }
    out[e] = total;
  }
  return out;
}

type Row = { obs: number[]; a: number; next: number[]; r: number };

/** Registers the simulator, makes an agent, runs 500 random steps then 5 MPC episodes; returns their returns. */
async function learn(t: AgentTestApp, declareReward: boolean): Promise<number[]> {
  const env = await post<{ id: string }>(t.app, '/v1/external-envs', {
    name: '1-D point mass',
    observation_space: {
      type: 'Box',
      dtype: 'float32',
      shape: [2],
      low: ['-inf', '-inf'],
      high: ['inf', 'inf'],
    },
    action_space: { type: 'Box', dtype: 'float32', shape: [1], low: [-1], high: [1] },
    ...(declareReward ? { reward: { env_id: 'tasks/PointMass1D-v0' } } : {}),
    max_episode_steps: STEPS,
  });
  expect(env.status).toBe(201);
  const created = await post<{ id: string; config: { model: { learned_reward: boolean } } }>(
    t.app,
    '/v1/agents',
    {
      type: 'mpc',
      external_env_id: env.body.id,
      preset: 'fast',
      config: {
        planner: { type: 'cem', horizon: 10, population: 200, elites: 20, iterations: 5 },
        training: { epochs: 50 },
      },
    },
  );
  expect(created.status).toBe(201);
  expect(created.body.config.model.learned_reward).toBe(!declareReward);
  const agent = `/v1/agents/${created.body.id}`;
  const send = async (rows: Row[]) => {
    const res = await post(t.app, `${agent}/transitions`, {
      observation: rows.map((x) => x.obs),
      action: rows.map((x) => [x.a]),
      next_observation: rows.map((x) => x.next),
      reward: rows.map((x) => x.r),
    });
    expect(res.status).toBe(200);
  };
  const train = async () => {
    const job = await post<{ id: string }>(t.app, `${agent}/train`, {});
    const done = await t.waitJob(job.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
  };

  const rng = Generator.fromSeed(0);
  const warmup: Row[] = [];
  let obs = [1, 0];
  for (let i = 0; i < 500; i++) {
    if (i % STEPS === 0) obs = [1, 0];
    const a = rng.uniform(-1, 1);
    const { next, reward } = simulate(obs[0]!, obs[1]!, a);
    warmup.push({ obs, a, next, r: reward });
    obs = next;
  }
  await send(warmup);
  await train();

  const returns: number[] = [];
  for (let episode = 0; episode < 5; episode++) {
    let state = [1, 0];
    let context: string | undefined;
    let total = 0;
    const rows: Row[] = [];
    for (let step = 0; step < STEPS; step++) {
      const res = await post<{ action: number[]; context: string }>(t.app, `${agent}/act`, {
        observation: state,
        seed: episode * 1000 + step,
        ...(context ? { context } : {}),
      });
      expect(res.status).toBe(200);
      context = res.body.context;
      const a = res.body.action[0]!;
      const { next, reward } = simulate(state[0]!, state[1]!, a);
      rows.push({ obs: state, a, next, r: reward });
      total += reward;
      state = next;
    }
    returns.push(total);
    await send(rows);
    if (episode < 4) await train();
  }
  return returns;
}

describe('MPC agents learn an external simulator they never see', () => {
  let t: AgentTestApp;
  const random = randomReturns(200_000, 1).sort();
  beforeAll(async () => {
    t = await agentTestApp();
  });
  afterAll(() => t.close());

  it('declared reward: the best MPC episode beats the 1e-5 upper tail of random play', async () => {
    const returns = await learn(t, true);
    // The 1e-5 upper tail of random play, from 200k random episodes (their 2nd-best return).
    const tail = random[random.length - 2]!;
    expect(
      Math.max(...returns),
      `MPC ${returns.map((r) => r.toFixed(4))}; random tail ${tail.toFixed(4)}`,
    ).toBeGreaterThan(tail);
  });

  it('learned reward: MPC episodes beat random play on average', async () => {
    const returns = await learn(t, false);
    const mpc = returns.reduce((a, b) => a + b, 0) / returns.length;
    const median = random[random.length >> 1]!;
    expect(
      mpc,
      `MPC ${returns.map((r) => r.toFixed(4))}; random median ${median.toFixed(4)}`,
    ).toBeGreaterThan(median);
  });
});
