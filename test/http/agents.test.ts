import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentTestApp, agentTestApp, pendulumBatch } from '../helpers/agents.ts';
import { call, post, problem } from '../helpers/app.ts';

const SMALL = {
  model: { ensemble_size: 2, hidden_sizes: [32, 32], elites: 2 },
  training: { epochs: 5 },
  planner: { type: 'cem', horizon: 8, population: 40, elites: 5, iterations: 2 },
  particles: 2,
  shards: 1,
};

describe('agents over HTTP', () => {
  let t: AgentTestApp;
  let id: string;
  let etag: string;
  beforeAll(async () => {
    t = await agentTestApp();
  });
  afterAll(() => t.close());

  it('lists the mpc agent type with its presets and config schema', async () => {
    const { status, body } = await call<{ agent_types: Array<Record<string, unknown>> }>(
      t.app,
      'GET',
      '/v1/agent-types',
    );
    expect(status).toBe(200);
    const mpc = body.agent_types[0]!;
    expect(mpc.type).toBe('mpc');
    expect((mpc.presets as Array<{ name: string }>).map((p) => p.name)).toEqual([
      'default',
      'pets',
      'icem',
      'pddm',
      'fast',
    ]);
    expect((mpc.config_schema as { properties: Record<string, unknown> }).properties.planner).toMatchObject({
      required: ['type'],
    });
    expect(mpc.config_schema_name).toBe('MpcConfig');
    expect(mpc.operations).toEqual(['act', 'plan', 'transitions', 'train', 'learn', 'evaluate', 'export']);
  });

  it('refuses an unknown agent type with a validation problem that names the discriminator', async () => {
    const res = await post<{ type: string; errors: Array<{ pointer: string; message: string }> }>(
      t.app,
      '/v1/agents',
      { type: 'dreamer', env_id: 'Pendulum-v1' },
    );
    expect(res.status).toBe(422);
    expect(res.body.type).toBe(problem('validation'));
    expect(res.body.errors[0]!.pointer).toBe('/body/type');
    expect((await call<{ items: unknown[] }>(t.app, 'GET', '/v1/agents')).body.items).toHaveLength(0);
  });

  it('creates an agent for a served env, untrained, with an ETag', async () => {
    const res = await post<Record<string, unknown>>(t.app, '/v1/agents', {
      type: 'mpc',
      env_id: 'Pendulum-v1',
      preset: 'fast',
      config: SMALL,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'mpc',
      env_id: 'Pendulum-v1',
      version: 0,
      transitions: 0,
      preset: 'fast',
    });
    expect((res.body.config as { planner: unknown }).planner).toEqual(SMALL.planner);
    expect(res.body.observation_space).toMatchObject({ type: 'Box', shape: [3] });
    id = res.body.id as string;
    etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const got = await call(t.app, 'GET', `/v1/agents/${id}`);
    expect(got.headers.get('etag')).toBe(etag);
    const list = await call<{ items: Array<{ id: string }> }>(t.app, 'GET', '/v1/agents');
    expect(list.body.items.map((a) => a.id)).toContain(id);
  });

  it('refuses bad agents, naming the problem, and creates nothing', async () => {
    const before = (await call<{ items: unknown[] }>(t.app, 'GET', '/v1/agents')).body.items.length;
    const cases: Array<[unknown, number, string, RegExp?]> = [
      [{ type: 'mpc', env_id: 'NoSuch-v0' }, 404, 'unknown-env'],
      [{ type: 'mpc' }, 422, 'invalid-argument', /exactly one of env_id and external_env_id/],
      [{ type: 'mpc', env_id: 'Pendulum-v1', preset: 'nope' }, 422, 'invalid-argument', /unknown preset/],
      [
        { type: 'mpc', env_id: 'Pendulum-v1', config: { planner: { type: 'cem', horizon: 5, wiggle: 1 } } },
        422,
        'invalid-argument',
        /no setting "wiggle"/,
      ],
      [
        {
          type: 'mpc',
          env_id: 'Pendulum-v1',
          config: { planner: { type: 'cem', horizon: 5, population: 10, elites: 20 } },
        },
        422,
        'invalid-argument',
        /elites/,
      ],
      [
        {
          type: 'mpc',
          env_id: 'Pendulum-v1',
          config: { planner: { type: 'cem', horizon: 200, population: 10000, elites: 10, iterations: 5 } },
        },
        422,
        'invalid-argument',
        /limit/,
      ],
      [
        { type: 'mpc', env_id: 'CartPole-v1', config: { planner: { type: 'cem', horizon: 5 } } },
        422,
        'invalid-argument',
        /Discrete/,
      ],
      [{ type: 'mpc', env_id: 'goal/BitFlip-v0' }, 422, 'invalid-argument', /Box observation/],
      [{ type: 'mpc', external_env_id: 'xe-nope' }, 404, 'unknown-external-env'],
      [{ type: 'mpc', env_id: 'Pendulum-v1', config: { particles: 0 } }, 422, 'validation'],
    ];
    for (const [body, status, kind, detail] of cases) {
      const res = await post<{ type: string; detail: string }>(t.app, '/v1/agents', body);
      expect([res.status, res.body.type], JSON.stringify(body)).toEqual([status, problem(kind)]);
      if (detail) expect(res.body.detail).toMatch(detail);
    }
    expect((await call<{ items: unknown[] }>(t.app, 'GET', '/v1/agents')).body.items).toHaveLength(before);
  });

  it('refuses planning before training, unknown agents, and bad transitions', async () => {
    const plan = await post<{ type: string }>(t.app, `/v1/agents/${id}/plan`, { observation: [1, 0, 0] });
    expect([plan.status, plan.body.type]).toEqual([409, problem('not-trained')]);
    const unknown = await post<{ type: string }>(t.app, '/v1/agents/ag-nope/plan', {
      observation: [1, 0, 0],
    });
    expect([unknown.status, unknown.body.type]).toEqual([404, problem('unknown-agent')]);
    const batch = pendulumBatch();
    const bad = [
      { ...batch, observation: batch.observation.map((r) => r.slice(0, 2)) },
      { ...batch, reward: batch.reward.slice(1) },
      {
        ...batch,
        next_observation: batch.next_observation.map((r, i) => (i === 7 ? [r[0], 'nan', r[2]] : r)),
      },
    ];
    for (const body of bad) {
      const res = await post<{ type: string }>(t.app, `/v1/agents/${id}/transitions`, body);
      expect([res.status, res.body.type]).toEqual([422, problem('invalid-argument')]);
    }
    const stale = await t.app.request(`/v1/agents/${id}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-match': '"stale"' },
      body: JSON.stringify(batch),
    });
    expect(stale.status).toBe(412);
    expect((await call(t.app, 'GET', `/v1/agents/${id}`)).body.transitions).toBe(0);
  });

  it('stores transitions (If-Match), trains in a job, then plans with predictions and a context', async () => {
    const res = await t.app.request(`/v1/agents/${id}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'if-match': etag },
      body: JSON.stringify(pendulumBatch()),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ added: 400, transitions: 400, segment: 1 });
    const job = await post<{ id: string; status: string }>(t.app, `/v1/agents/${id}/train`, {});
    expect(job.status).toBe(202);
    expect(job.headers.get('location')).toBe(`/v1/jobs/${job.body.id}`);
    const done = await t.waitJob(job.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.result).toMatchObject({ version: 1, transitions: 400, epochs: 5 });
    const agent = await call<{ version: number; validation_mse: number[] }>(t.app, 'GET', `/v1/agents/${id}`);
    expect(agent.body.version).toBe(1);
    expect(agent.body.validation_mse).toHaveLength(2);

    const plan = await post<Record<string, unknown>>(t.app, `/v1/agents/${id}/plan`, {
      observation: [-1, 0, 0],
      seed: 5,
    });
    expect(plan.status).toBe(200);
    const body = plan.body as {
      action: number[];
      actions: number[][];
      predicted_observations: { mean: number[][]; std: number[][] };
      predicted_rewards: { mean: number[]; std: number[] };
      context: string;
      version: number;
      planner: string;
    };
    expect(body.action).toHaveLength(1);
    expect(Math.abs(body.action[0]!)).toBeLessThanOrEqual(2);
    expect(body.actions).toHaveLength(8);
    expect(body.predicted_observations.mean).toHaveLength(9);
    expect(body.predicted_observations.mean[0]).toEqual([-1, 0, 0]);
    expect(body.predicted_observations.std[0]).toEqual([0, 0, 0]);
    expect(body.predicted_rewards.mean).toHaveLength(8);
    expect([body.version, body.planner, (body as { seed?: number }).seed]).toEqual([1, 'cem', 5]);
    // Same inputs, same plan; the context warm-starts the next one.
    const again = await post(t.app, `/v1/agents/${id}/plan`, { observation: [-1, 0, 0], seed: 5 }, 'msgpack');
    expect((again.body as { action: number[] }).action).toEqual(body.action);
    const next = await post<{ action: number[]; context: string }>(t.app, `/v1/agents/${id}/act`, {
      observation: [-0.99, 0.1, 0.2],
      context: body.context,
      seed: 6,
    });
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    expect(next.body.context).not.toBe(body.context);
    const tampered = `${body.context.slice(0, -4)}AAAA`;
    const bad = await post<{ type: string }>(t.app, `/v1/agents/${id}/act`, {
      observation: [1, 0, 0],
      context: tampered,
    });
    expect([bad.status, bad.body.type]).toEqual([400, problem('invalid-context')]);
    // Without a seed the server draws one and says which, so the plan can be reproduced.
    const drawn = await post<{ action: number[]; seed: number }>(t.app, `/v1/agents/${id}/act`, {
      observation: [1, 0, 0],
    });
    const redo = await post<{ action: number[] }>(t.app, `/v1/agents/${id}/act`, {
      observation: [1, 0, 0],
      seed: drawn.body.seed,
    });
    expect(Number.isInteger(drawn.body.seed)).toBe(true);
    expect(redo.body.action).toEqual(drawn.body.action);
    const nan = await post<{ type: string }>(t.app, `/v1/agents/${id}/act`, { observation: [1, 'nan', 0] });
    expect([nan.status, nan.body.type]).toEqual([422, problem('invalid-argument')]);
    const wide = await post<{ type: string }>(t.app, `/v1/agents/${id}/act`, { observation: [1, 0, 0, 0] });
    expect([wide.status, wide.body.type]).toEqual([422, problem('invalid-argument')]);
  });

  it('a second replica on the same data dir serves the same agent with identical plans', async () => {
    const replica = await agentTestApp({ dataDir: t.dataDir });
    try {
      const req = { observation: [0.3, 0.95, -1], seed: 11 };
      const a = await post<{ action: number[]; actions: number[][] }>(t.app, `/v1/agents/${id}/plan`, req);
      const b = await post<{ action: number[]; actions: number[][] }>(
        replica.app,
        `/v1/agents/${id}/plan`,
        req,
      );
      expect(b.status).toBe(200);
      expect(b.body.actions).toEqual(a.body.actions);
    } finally {
      await replica.close();
    }
  });

  it('evaluates on the env as a job, and refuses an env whose spaces differ', async () => {
    const job = await post<{ id: string }>(t.app, `/v1/agents/${id}/evaluate`, {
      seeds: [0, 1],
      max_episode_steps: 5,
    });
    expect(job.status).toBe(202);
    const done = await t.waitJob(job.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect((done.result as { returns: number[] }).returns).toHaveLength(2);
    const mismatch = await post<{ type: string }>(t.app, `/v1/agents/${id}/evaluate`, {
      env_id: 'MountainCarContinuous-v0',
    });
    expect([mismatch.status, mismatch.body.type]).toEqual([422, problem('invalid-argument')]);
  });

  it('exports and imports an agent (weights and data), which then plans the same', async () => {
    const exported = await call(t.app, 'GET', `/v1/agents/${id}/export`, undefined, 'msgpack');
    expect(exported.status).toBe(200);
    const imported = await post<{ id: string; version: number; transitions: number }>(
      t.app,
      '/v1/agents/import',
      exported.body,
      'msgpack',
    );
    expect(imported.status).toBe(201);
    expect(imported.body.id).not.toBe(id);
    expect([imported.body.version, imported.body.transitions]).toEqual([1, 400]);
    const req = { observation: [0.3, 0.95, -1], seed: 11 };
    const a = await post<{ actions: number[][] }>(t.app, `/v1/agents/${id}/plan`, req);
    const b = await post<{ actions: number[][] }>(t.app, `/v1/agents/${imported.body.id}/plan`, req);
    expect(b.body.actions).toEqual(a.body.actions);
    const broken = await post<{ type: string }>(
      t.app,
      '/v1/agents/import',
      { ...(exported.body as object), format_version: 3 },
      'msgpack',
    );
    expect(broken.status).toBe(422);
    // Format 1 (before versions had named artifacts: `model` = the dynamics) still imports.
    type Artifact = { manifest: unknown; bytes: Uint8Array; meta?: Record<string, unknown> };
    const v2 = exported.body as { version: { transitions: number; artifacts: Record<string, Artifact> } };
    const dynamics = v2.version.artifacts.dynamics!;
    const { version: _v, ...rest } = v2;
    const v1 = {
      ...rest,
      format_version: 1,
      model: {
        manifest: dynamics.manifest,
        weights: dynamics.bytes,
        meta: { ...dynamics.meta, transitions: v2.version.transitions },
      },
    };
    const old = await post<{ id: string; version: number }>(t.app, '/v1/agents/import', v1, 'msgpack');
    expect(old.status).toBe(201);
    const c = await post<{ actions: number[][] }>(t.app, `/v1/agents/${old.body.id}/plan`, req);
    expect(c.body.actions).toEqual(a.body.actions);
    // An artifact MPC does not know is refused, naming it.
    const odd = {
      ...v2,
      version: { ...v2.version, artifacts: { ...v2.version.artifacts, actor: dynamics } },
    };
    const refused = await post<{ detail: string }>(t.app, '/v1/agents/import', odd, 'msgpack');
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('version.artifacts.actor');
  });

  it('deletes with If-Match: a stale ETag changes nothing, the current one deletes everything', async () => {
    const stale = await t.app.request(`/v1/agents/${id}`, {
      method: 'DELETE',
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    const current = (await call(t.app, 'GET', `/v1/agents/${id}`)).headers.get('etag')!;
    const ok = await t.app.request(`/v1/agents/${id}`, {
      method: 'DELETE',
      headers: { 'if-match': current },
    });
    expect(ok.status).toBe(204);
    expect((await call(t.app, 'GET', `/v1/agents/${id}`)).status).toBe(404);
  });
});
