/**
 * MBPO learns, on a budget small enough for CI: 1,000 env steps of InvertedPendulum-v5 through
 * the learn job, with small networks and ensemble, lift the greedy policy's mean evaluation
 * return far above what uniformly random actions get on the same seeds (half the steps SAC's
 * test gets for the same bar). The full budgets are benchmarks:
 * `npm run bench -- agents --only mbpo-pendulum,mbpo-inverted-pendulum`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPolicy } from '../../src/experience/policy.ts';
import { runRollout } from '../../src/experience/rollout.ts';
import { type AgentTestApp, agentTestApp } from '../helpers/agents.ts';
import { post, testRegistry } from '../helpers/app.ts';

const ENV = 'InvertedPendulum-v5';
const SEEDS = [0, 1, 2, 3, 4];

describe('MBPO learning', () => {
  let t: AgentTestApp;
  beforeAll(async () => {
    t = await agentTestApp();
  });
  afterAll(() => t.close());

  it('beats random actions by far after 1,000 env steps of InvertedPendulum-v5', async () => {
    const def = testRegistry.get(ENV);
    const random = SEEDS.map(
      (seed) => runRollout(def, { seed, policy: randomPolicy(def.actionSpace({}) as never) }).return,
    );
    const randomMean = random.reduce((a, b) => a + b, 0) / random.length;

    const agent = await post<{ id: string }>(t.app, '/v1/agents', {
      type: 'mbpo',
      env_id: ENV,
      preset: 'inverted-pendulum',
      config: {
        sac: {
          actor_hidden_sizes: [64, 64],
          critic_hidden_sizes: [64, 64],
          batch_size: 64,
          learning_starts: 200,
          gradient_steps: 5,
        },
        model: { ensemble_size: 5, hidden_sizes: [64, 64], elites: 3 },
        model_train_every: 200,
        rollouts_per_step: 50,
      },
    });
    expect(agent.status).toBe(201);
    const learn = await post<{ id: string }>(t.app, `/v1/agents/${agent.body.id}/learn`, {
      steps: 1000,
      seed: 0,
    });
    const learned = await t.waitJob(learn.body.id);
    expect(learned.status, JSON.stringify(learned.error)).toBe('succeeded');
    expect(learned.result).toMatchObject({ steps: 1000, updates: 800 * 5, version: 1 });

    const evaluation = await post<{ id: string }>(t.app, `/v1/agents/${agent.body.id}/evaluate`, {
      seeds: SEEDS,
    });
    const done = await t.waitJob(evaluation.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const mean = (done.result as { mean: number }).mean;
    // Random actions keep the pole up for a few steps; the trained policy for about 100 (measured).
    expect(randomMean).toBeLessThan(20);
    expect(mean).toBeGreaterThan(5 * randomMean);
    expect(mean).toBeGreaterThan(60);
  }, 600_000);
});
