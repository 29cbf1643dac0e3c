/**
 * MBPO agents over HTTP: the type listing, creation (and what it refuses), the operations MBPO
 * does not offer, a small learn job (its model-fit logs, the version's ensemble), acting,
 * export/import (and an import whose model does not fit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/jobs/index.ts';
import { type AgentTestApp, agentTestApp, pendulumBatch } from '../helpers/agents.ts';
import { call, post, problem } from '../helpers/app.ts';

const TINY = {
  sac: {
    actor_hidden_sizes: [16],
    critic_hidden_sizes: [16],
    batch_size: 32,
    learning_starts: 100,
    gradient_steps: 2,
    seed: 4,
  },
  model: { ensemble_size: 3, hidden_sizes: [16], elites: 2 },
  model_training: { epochs: 5 },
  model_train_every: 100,
  rollouts_per_step: 4,
};

describe('MBPO agents over HTTP', () => {
  let t: AgentTestApp;
  let id: string;
  beforeAll(async () => {
    t = await agentTestApp();
  });
  afterAll(() => t.close());

  it('lists the mbpo type with its presets, operations and config schema', async () => {
    const { body } = await call<{ agent_types: Array<Record<string, unknown>> }>(
      t.app,
      'GET',
      '/v1/agent-types',
    );
    const mbpo = body.agent_types.find((a) => a.type === 'mbpo')!;
    expect(mbpo.config_schema_name).toBe('MbpoConfig');
    expect(mbpo.operations).toEqual(['act', 'learn', 'evaluate', 'export']);
    const presets = mbpo.presets as Array<{ name: string; source: string; config: Record<string, unknown> }>;
    expect(presets.map((p) => p.name)).toEqual(['default', 'inverted-pendulum', 'pendulum']);
    expect(presets[0]!.source).toMatch(/Janner et al. 2019/);
    expect(presets[1]!.source).toMatch(/mbpo_inv_pendulum/);
    const schema = mbpo.config_schema as { properties: Record<string, { properties?: object }> };
    expect(schema.properties.sac!.properties).toHaveProperty('gradient_steps');
    expect(schema.properties).toHaveProperty('rollout_schedule');
  });

  it('creates an agent with the preset filled in under the request', async () => {
    const res = await post<Record<string, unknown>>(t.app, '/v1/agents', {
      type: 'mbpo',
      env_id: 'Pendulum-v1',
      config: TINY,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ type: 'mbpo', preset: 'default', version: 0, transitions: 0 });
    expect(res.body.config).toMatchObject({
      sac: { batch_size: 32, gradient_steps: 2, gamma: 0.99 },
      model: { ensemble_size: 3, elites: 2, deterministic: false },
      model_training: { epochs: 5, patience: 5 },
      real_ratio: 0.05,
    });
    id = res.body.id as string;
  });

  it('refuses Discrete actions, elites beyond the ensemble and unknown fields', async () => {
    const discrete = await post<{ detail: string }>(t.app, '/v1/agents', {
      type: 'mbpo',
      env_id: 'CartPole-v1',
    });
    expect(discrete.status).toBe(422);
    expect(discrete.body.detail).toMatch(/MBPO agents need a Box action space/);
    const elites = await post<{ detail: string }>(t.app, '/v1/agents', {
      type: 'mbpo',
      env_id: 'Pendulum-v1',
      config: { model: { ensemble_size: 2 } },
    });
    expect(elites.status).toBe(422);
    expect(elites.body.detail).toMatch(/elites \(5\) exceeds ensemble_size \(2\)/);
    const unknown = await post<{ type: string }>(t.app, '/v1/agents', {
      type: 'mbpo',
      env_id: 'Pendulum-v1',
      config: { planner: { type: 'cem' } },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toBe(problem('validation'));
  });

  it('answers act before learning with 409; plan, train and transitions with 422 not-supported', async () => {
    expect((await post(t.app, `/v1/agents/${id}/act`, { observation: [1, 0, 0] })).status).toBe(409);
    for (const [path, body] of [
      ['plan', { observation: [1, 0, 0] }],
      ['train', { updates: 5 }],
      ['transitions', pendulumBatch()],
    ] as const) {
      const res = await post<{ type: string }>(t.app, `/v1/agents/${id}/${path}`, body);
      expect(res.status, path).toBe(422);
      expect(res.body.type, path).toBe(problem('not-supported'));
    }
    const mpcField = await post<{ detail: string }>(t.app, `/v1/agents/${id}/learn`, {
      steps: 10,
      refit_every: 5,
    });
    expect(mpcField.status).toBe(422);
    expect(mpcField.body.detail).toMatch(/model_train_every/);
  });

  it('learns: refits and rolls out the model on schedule, stores a version with the ensemble', async () => {
    const job = await post<{ id: string }>(t.app, `/v1/agents/${id}/learn`, { steps: 300, seed: 1 });
    expect(job.status).toBe(202);
    const done = await t.waitJob(job.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    // Updates from step 101 on, 2 per step.
    expect(done.result).toMatchObject({ steps: 300, version: 1, updates: 200 * 2 });
    const { body } = await call<{ events: JobEvent[] }>(t.app, 'GET', `/v1/jobs/${job.body.id}/events`);
    const fits = body.events
      .filter((e) => e.type === 'log' && (e.data as { message: string }).message === 'model-fit')
      .map((e) => (e.data as { data: Record<string, unknown> }).data);
    expect(fits.map((f) => f.steps)).toEqual([100, 200, 300]);
    for (const f of fits) {
      expect(f).toMatchObject({ rollout_length: 1, rollout_rows: 400, model_rows: 400 });
      expect(f.validation_mse).toHaveLength(3);
    }
    const view = await call<Record<string, unknown>>(t.app, 'GET', `/v1/agents/${id}`);
    expect(view.body).toMatchObject({ version: 1, transitions: 300, updates: 400 });
    expect(view.body.validation_mse).toHaveLength(3);

    const obs = { observation: [0.5, 0.5, -1], seed: 11 };
    const greedy = await post<{ action: number[] }>(t.app, `/v1/agents/${id}/act`, obs);
    const other = await post<{ action: number[] }>(t.app, `/v1/agents/${id}/act`, { ...obs, seed: 12 });
    const explore = await post<{ action: number[] }>(t.app, `/v1/agents/${id}/act`, {
      ...obs,
      explore: true,
    });
    expect(greedy.status).toBe(200);
    expect(other.body.action).toEqual(greedy.body.action);
    expect(explore.body.action).not.toEqual(greedy.body.action);
  });

  it('exports and imports: the copy acts exactly as the original', async () => {
    const exported = await call<Record<string, unknown>>(t.app, 'GET', `/v1/agents/${id}/export`);
    expect(exported.status).toBe(200);
    const version = exported.body.version as { artifacts: Record<string, unknown> };
    expect(Object.keys(version.artifacts).sort()).toEqual([
      'actor',
      'critics',
      'dynamics',
      'entropy',
      'model_optimizer',
      'optimizers',
    ]);
    const imported = await post<{ id: string; type: string; version: number }>(
      t.app,
      '/v1/agents/import',
      exported.body,
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ type: 'mbpo', version: 1 });
    const obs = { observation: [0.1, -0.9, 2], seed: 5, explore: true };
    const mine = await post<{ action: number[] }>(t.app, `/v1/agents/${id}/act`, obs);
    const theirs = await post<{ action: number[] }>(t.app, `/v1/agents/${imported.body.id}/act`, obs);
    expect(theirs.body.action).toEqual(mine.body.action);
  });

  it('refuses an import whose model does not fit the agent, or that lacks it', async () => {
    const exported = await call<Record<string, unknown>>(t.app, 'GET', `/v1/agents/${id}/export`);
    const agent = exported.body.agent as { config: { model: Record<string, unknown> } };
    agent.config.model = { ...agent.config.model, learned_reward: true };
    const wider = await post<{ detail: string }>(t.app, '/v1/agents/import', exported.body);
    expect(wider.status).toBe(422);
    expect(wider.body.detail).toMatch(/dynamics/);

    const again = await call<Record<string, unknown>>(t.app, 'GET', `/v1/agents/${id}/export`);
    delete (again.body.version as { artifacts: Record<string, unknown> }).artifacts.dynamics;
    const missing = await post<{ detail: string }>(t.app, '/v1/agents/import', again.body);
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toMatch(/holds its model/);
  });
});
