import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentTestApp, agentTestApp, pendulumBatch } from '../helpers/agents.ts';
import { call, post, problem } from '../helpers/app.ts';

const SMALL = {
  model: { ensemble_size: 2, hidden_sizes: [32, 32], elites: 2 },
  training: { epochs: 3 },
  planner: { type: 'cem', horizon: 6, population: 30, elites: 5, iterations: 2 },
  particles: 2,
  shards: 2,
};
const VALUE = { hidden_sizes: [16], ensemble_size: 2, rounds: 2, epochs: 3 };

describe('MPC agents with a learned terminal value', () => {
  let t: AgentTestApp;
  let id: string;
  beforeAll(async () => {
    t = await agentTestApp();
  });
  afterAll(() => t.close());

  it('fills the value defaults, and refuses a value with a gradient planner or a bad discount', async () => {
    const res = await post<{ id: string; config: { value: Record<string, unknown> } }>(t.app, '/v1/agents', {
      type: 'mpc',
      env_id: 'Pendulum-v1',
      preset: 'fast',
      config: { ...SMALL, value: VALUE },
    });
    expect(res.status).toBe(201);
    expect(res.body.config.value).toEqual({
      discount: 0.98,
      lambda: 0.95,
      ensemble_size: 2,
      hidden_sizes: [16],
      rounds: 2,
      epochs: 3,
      batch_size: 64,
      learning_rate: 0.001,
    });
    id = res.body.id;
    const plain = await post<{ config: { value: unknown } }>(t.app, '/v1/agents', {
      type: 'mpc',
      env_id: 'Pendulum-v1',
    });
    expect(plain.body.config.value).toBeNull();

    const gradient = await post<{ type: string; detail: string }>(t.app, '/v1/agents', {
      type: 'mpc',
      env_id: 'Pendulum-v1',
      config: { model: { learned_reward: true }, planner: { type: 'gradient' }, value: {} },
    });
    expect([gradient.status, gradient.body.type]).toEqual([422, problem('invalid-argument')]);
    expect(gradient.body.detail).toMatch(/terminal value/);
    const discount = await post<{ type: string }>(t.app, '/v1/agents', {
      type: 'mpc',
      env_id: 'Pendulum-v1',
      config: { value: { discount: 1 } },
    });
    expect([discount.status, discount.body.type]).toEqual([422, problem('validation')]);
  });

  it('fits the value after the dynamics, plans with it, and carries it through export and import', async () => {
    const added = await post(t.app, `/v1/agents/${id}/transitions`, pendulumBatch());
    expect(added.status).toBe(200);
    const job = await post<{ id: string }>(t.app, `/v1/agents/${id}/train`, {});
    const done = await t.waitJob(job.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const result = done.result as { value: { validation_mse: number[]; mean_target: number } };
    expect(result.value.validation_mse).toHaveLength(2);
    // Pendulum rewards are in [-16.3, 0]: so is a discounted sum, scaled by at most 1 / (1 - 0.98).
    expect(result.value.mean_target).toBeLessThan(0);
    expect(result.value.mean_target).toBeGreaterThan(-16.3 * 50);
    // Progress counted the value's epochs after the model's: 3 + 2 rounds x 3.
    expect(done.progress).toMatchObject({ done: 9, total: 9 });

    const req = { observation: [0.3, 0.95, -1], seed: 11 };
    const a = await post<{ actions: number[][] }>(t.app, `/v1/agents/${id}/plan`, req);
    expect(a.status).toBe(200);
    type Export = { version: { transitions: number; artifacts: Record<string, unknown> } };
    const exported = await call<Export>(t.app, 'GET', `/v1/agents/${id}/export`, undefined, 'msgpack');
    expect(Object.keys(exported.body.version.artifacts).sort()).toEqual(['dynamics', 'value']);
    const imported = await post<{ id: string }>(t.app, '/v1/agents/import', exported.body, 'msgpack');
    expect(imported.status).toBe(201);
    const b = await post<{ actions: number[][] }>(t.app, `/v1/agents/${imported.body.id}/plan`, req);
    expect(b.body.actions).toEqual(a.body.actions);
    // Without its value the imported agent plans differently: the value is really used.
    const { value: _dropped, ...dynamicsOnly } = exported.body.version.artifacts;
    const withoutValue = { ...exported.body, version: { ...exported.body.version, artifacts: dynamicsOnly } };
    const bare = await post<{ id: string }>(t.app, '/v1/agents/import', withoutValue, 'msgpack');
    const c = await post<{ actions: number[][] }>(t.app, `/v1/agents/${bare.body.id}/plan`, req);
    expect(c.body.actions).not.toEqual(a.body.actions);
    const { dynamics: _model, ...valueOnly } = exported.body.version.artifacts;
    const orphanValue = { ...exported.body, version: { ...exported.body.version, artifacts: valueOnly } };
    const orphan = await post<{ type: string; detail: string }>(
      t.app,
      '/v1/agents/import',
      orphanValue,
      'msgpack',
    );
    expect([orphan.status, orphan.body.detail]).toEqual([
      422,
      expect.stringMatching(/value needs its model/),
    ]);
  });

  it('a learn job refits the value with the model and reports both', async () => {
    const created = await post<{ id: string }>(t.app, '/v1/agents', {
      type: 'mpc',
      env_id: 'CartPole-v1',
      preset: 'fast',
      config: {
        model: SMALL.model,
        training: SMALL.training,
        planner: { type: 'categorical-cem', horizon: 8, population: 30, elites: 5, iterations: 2 },
        particles: 2,
        shards: 1,
        value: VALUE,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const job = await post<{ id: string }>(t.app, `/v1/agents/${created.body.id}/learn`, {
      steps: 80,
      warmup_steps: 40,
      refit_every: 20,
    });
    const done = await t.waitJob(job.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const events = await call<{
      events: Array<{ type: string; data: { message?: string; data?: unknown } }>;
    }>(t.app, 'GET', `/v1/jobs/${job.body.id}/events`);
    const refits = events.body.events.filter((e) => e.type === 'log' && e.data.message === 'refit');
    expect(refits.length).toBeGreaterThanOrEqual(1);
    for (const r of refits) {
      const fit = r.data.data as { value: { validationMse: number[]; meanTarget: number } };
      expect(fit.value.validationMse).toHaveLength(2);
      // CartPole pays 1 per step: discounted sums lie in [1, 1 / (1 - 0.98)].
      expect(fit.value.meanTarget).toBeGreaterThanOrEqual(1);
      expect(fit.value.meanTarget).toBeLessThanOrEqual(50);
    }
  });
});
