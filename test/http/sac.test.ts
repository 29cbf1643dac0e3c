/**
 * SAC agents over HTTP: the type listing, creation (and what it refuses), act before and after
 * training (greedy and exploring), the offline train job, evaluate, export/import, and the
 * operations SAC does not offer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentTestApp, agentTestApp, pendulumBatch } from '../helpers/agents.ts';
import { call, post, problem } from '../helpers/app.ts';

const TINY = { actor_hidden_sizes: [16], critic_hidden_sizes: [16], batch_size: 32, seed: 4 };

describe('SAC agents over HTTP', () => {
  let t: AgentTestApp;
  let id: string;
  beforeAll(async () => {
    t = await agentTestApp();
  });
  afterAll(() => t.close());

  it('lists the sac type with its presets, operations and config schema', async () => {
    const { body } = await call<{ agent_types: Array<Record<string, unknown>> }>(
      t.app,
      'GET',
      '/v1/agent-types',
    );
    const sac = body.agent_types.find((a) => a.type === 'sac')!;
    expect(sac.config_schema_name).toBe('SacConfig');
    expect(sac.operations).toEqual(['act', 'transitions', 'train', 'learn', 'evaluate', 'export']);
    const presets = sac.presets as Array<{ name: string; source: string; config: Record<string, unknown> }>;
    expect(presets.map((p) => p.name)).toEqual(['default', 'pendulum']);
    expect(presets[0]!.config).toMatchObject({
      learning_rate: 3e-4,
      batch_size: 256,
      tau: 0.005,
      ent_coef: 'auto',
    });
    expect(presets[1]!.config.learning_rate).toBe(1e-3);
    expect(presets[1]!.source).toMatch(/rl-baselines3-zoo/);
    expect((sac.config_schema as { properties: Record<string, unknown> }).properties.gamma).toBeDefined();
  });

  it('creates an agent with the preset filled in under the request', async () => {
    const res = await post<Record<string, unknown>>(t.app, '/v1/agents', {
      type: 'sac',
      env_id: 'Pendulum-v1',
      preset: 'pendulum',
      config: TINY,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'sac', preset: 'pendulum', version: 0, transitions: 0 });
    expect(res.body.config).toMatchObject({
      ...TINY,
      learning_rate: 1e-3,
      gamma: 0.99,
      buffer_size: 1_000_000,
    });
    id = res.body.id as string;
  });

  it('refuses Discrete actions, unknown fields, MPC fields and an oversized replay buffer', async () => {
    const discrete = await post<{ type: string; detail: string }>(t.app, '/v1/agents', {
      type: 'sac',
      env_id: 'CartPole-v1',
    });
    expect(discrete.status).toBe(422);
    expect(discrete.body.detail).toMatch(/Box action space/);
    const mpcField = await post<{ type: string }>(t.app, '/v1/agents', {
      type: 'sac',
      env_id: 'Pendulum-v1',
      config: { planner: { type: 'cem' } },
    });
    expect(mpcField.status).toBe(422);
    expect(mpcField.body.type).toBe(problem('validation'));
    const huge = await post<{ detail: string }>(t.app, '/v1/agents', {
      type: 'sac',
      env_id: 'tasks/AntGoal-v0',
      config: { buffer_size: 10_000_000 },
    });
    expect(huge.status).toBe(422);
    expect(huge.body.detail).toMatch(/max_replay_values|limit is/);
  });

  it('answers act before training with 409 and plan with 422 not-supported', async () => {
    const act = await post<{ type: string }>(t.app, `/v1/agents/${id}/act`, { observation: [1, 0, 0] });
    expect(act.status).toBe(409);
    const plan = await post<{ type: string; detail: string }>(t.app, `/v1/agents/${id}/plan`, {
      observation: [1, 0, 0],
    });
    expect(plan.status).toBe(422);
    expect(plan.body.type).toBe(problem('not-supported'));
  });

  it('refuses job fields meant for MPC agents', async () => {
    const res = await post<{ detail: string }>(t.app, `/v1/agents/${id}/learn`, {
      steps: 10,
      refit_every: 5,
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/refit_every/);
  });

  it('trains offline on posted transitions; acts greedily by default, samples with explore', async () => {
    expect((await post(t.app, `/v1/agents/${id}/transitions`, pendulumBatch())).status).toBe(200);
    const job = await post<{ id: string }>(t.app, `/v1/agents/${id}/train`, { updates: 60, seed: 2 });
    expect(job.status).toBe(202);
    const done = await t.waitJob(job.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.result).toMatchObject({ version: 1, transitions: 400, updates: 60 });
    const view = await call<Record<string, unknown>>(t.app, 'GET', `/v1/agents/${id}`);
    expect(view.body).toMatchObject({ version: 1, updates: 60 });
    expect(view.body.ent_coef as number).toBeLessThan(1);

    const obs = { observation: [0.5, 0.5, -1], seed: 11 };
    const greedy = await post<{ action: number[]; version: number }>(t.app, `/v1/agents/${id}/act`, obs);
    expect(greedy.status).toBe(200);
    expect(greedy.body.version).toBe(1);
    expect(greedy.body.action).toHaveLength(1);
    expect(Math.abs(greedy.body.action[0]!)).toBeLessThanOrEqual(2);
    // Greedy actions ignore the seed; sampled ones follow it.
    const other = await post<{ action: number[] }>(t.app, `/v1/agents/${id}/act`, { ...obs, seed: 12 });
    expect(other.body.action).toEqual(greedy.body.action);
    const a = await post<{ action: number[] }>(t.app, `/v1/agents/${id}/act`, { ...obs, explore: true });
    const b = await post<{ action: number[] }>(t.app, `/v1/agents/${id}/act`, { ...obs, explore: true });
    const c = await post<{ action: number[] }>(t.app, `/v1/agents/${id}/act`, {
      ...obs,
      seed: 12,
      explore: true,
    });
    expect(a.body.action).toEqual(b.body.action);
    expect(c.body.action).not.toEqual(a.body.action);
    expect(a.body.action).not.toEqual(greedy.body.action);
  });

  it('evaluates the trained version', async () => {
    const job = await post<{ id: string }>(t.app, `/v1/agents/${id}/evaluate`, {
      seeds: [0, 1],
      max_episode_steps: 20,
    });
    const done = await t.waitJob(job.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.result).toMatchObject({ version: 1 });
    expect((done.result as { returns: number[] }).returns).toHaveLength(2);
  });

  it('exports and imports: the copy acts exactly as the original', async () => {
    const exported = await call<Record<string, unknown>>(t.app, 'GET', `/v1/agents/${id}/export`);
    expect(exported.status).toBe(200);
    const version = exported.body.version as { artifacts: Record<string, unknown> };
    expect(Object.keys(version.artifacts).sort()).toEqual(['actor', 'critics', 'entropy', 'optimizers']);
    const imported = await post<{ id: string; type: string; version: number }>(
      t.app,
      '/v1/agents/import',
      exported.body,
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ type: 'sac', version: 1 });
    const obs = { observation: [0.1, -0.9, 2], seed: 5, explore: true };
    const mine = await post<{ action: number[] }>(t.app, `/v1/agents/${id}/act`, obs);
    const theirs = await post<{ action: number[] }>(t.app, `/v1/agents/${imported.body.id}/act`, obs);
    expect(theirs.body.action).toEqual(mine.body.action);
  });

  it('refuses an import whose networks do not fit the config', async () => {
    const exported = await call<Record<string, unknown>>(t.app, 'GET', `/v1/agents/${id}/export`);
    const agent = exported.body.agent as { config: Record<string, unknown> };
    agent.config = { ...agent.config, actor_hidden_sizes: [32] };
    const res = await post<{ detail: string }>(t.app, '/v1/agents/import', exported.body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/actor\/layers\/0\/w/);
  });
});
