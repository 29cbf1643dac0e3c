/**
 * SAC learns, on a budget small enough for CI: 2,000 env steps of InvertedPendulum-v5 through the
 * learn job, with small networks, lift the greedy policy's mean evaluation return far above what
 * uniformly random actions get on the same seeds. (The full budgets are benchmarks:
 * `npm run bench -- agents --only sac-pendulum`.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPolicy } from '../../src/experience/policy.ts';
import { runRollout } from '../../src/experience/rollout.ts';
import { type AgentTestApp, agentTestApp } from '../helpers/agents.ts';
import { post, testRegistry } from '../helpers/app.ts';

const ENV = 'InvertedPendulum-v5';
const SEEDS = [0, 1, 2, 3, 4];

describe('SAC learning', () => {
  let t: AgentTestApp;
  beforeAll(async () => {
    t = await agentTestApp();
  });
  afterAll(() => t.close());

  it('beats random actions by far after 2,000 env steps of InvertedPendulum-v5', async () => {
    const def = testRegistry.get(ENV);
    const random = SEEDS.map(
      (seed) => runRollout(def, { seed, policy: randomPolicy(def.actionSpace({}) as never) }).return,
    );
    const randomMean = random.reduce((a, b) => a + b, 0) / random.length;

    const agent = await post<{ id: string }>(t.app, '/v1/agents', {
      type: 'sac',
      env_id: ENV,
      config: {
        actor_hidden_sizes: [64, 64],
        critic_hidden_sizes: [64, 64],
        batch_size: 64,
        learning_starts: 200,
      },
    });
    expect(agent.status).toBe(201);
    const learn = await post<{ id: string }>(t.app, `/v1/agents/${agent.body.id}/learn`, {
      steps: 2000,
      seed: 0,
    });
    const learned = await t.waitJob(learn.body.id);
    expect(learned.status, JSON.stringify(learned.error)).toBe('succeeded');
    expect(learned.result).toMatchObject({ steps: 2000, updates: 1800, version: 2 });

    const evaluation = await post<{ id: string }>(t.app, `/v1/agents/${agent.body.id}/evaluate`, {
      seeds: SEEDS,
    });
    const done = await t.waitJob(evaluation.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const mean = (done.result as { mean: number }).mean;
    // Random actions keep the pole up for about 8 steps; the trained policy for about 120.
    expect(randomMean).toBeLessThan(20);
    expect(mean).toBeGreaterThan(5 * randomMean);
    expect(mean).toBeGreaterThan(60);
  });
});
