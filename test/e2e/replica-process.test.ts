/**
 * Statelessness across processes: a second server process started on the same data dir (same
 * secret) serves an agent trained through the first, with identical plans for the same seed, and
 * continues the first one's plan contexts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChild } from '../../bench/child-server.ts';
import { type AgentTestApp, agentTestApp } from '../helpers/agents.ts';
import { post, testSecret } from '../helpers/app.ts';
import { pendulumTransitions } from '../helpers/pendulum-transitions.ts';

async function remotePost(port: number, path: string, body: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('a second server process on the same data dir', () => {
  let t: AgentTestApp;
  let child: ChildServer | undefined;
  beforeAll(async () => {
    t = await agentTestApp();
  });
  afterAll(async () => {
    await child?.stop();
    await t.close();
  });

  it('serves the same agent with identical plans for the same seed, and continues its contexts', async () => {
    const created = await post<{ id: string }>(t.app, '/v1/agents', {
      type: 'mpc',
      env_id: 'Pendulum-v1',
      config: {
        model: { ensemble_size: 2, hidden_sizes: [16], elites: 2 },
        training: { epochs: 2 },
        planner: { type: 'cem', horizon: 6, population: 30, elites: 5, iterations: 2 },
        particles: 2,
        shards: 2,
      },
    });
    const agent = `/v1/agents/${created.body.id}`;
    const data = pendulumTransitions(200, 5);
    const rows = (w: number, f: (i: number, j: number) => number) =>
      Array.from({ length: data.n }, (_, i) => Array.from({ length: w }, (_, j) => f(i, j)));
    const obs = rows(3, (i, j) => data.inputs[4 * i + j]!);
    await post(t.app, `${agent}/transitions`, {
      observation: obs,
      action: rows(1, (i) => data.inputs[4 * i + 3]!),
      next_observation: rows(3, (i, j) => obs[i]![j]! + data.targets[3 * i + j]!),
      reward: obs.map(() => 0),
    });
    const job = await post<{ id: string }>(t.app, `${agent}/train`, {});
    expect((await t.waitJob(job.body.id)).status).toBe('succeeded');

    child = await startChild(['bin/modelgym.js', 'serve'], {
      PORT: '0',
      MODELGYM_DATA_DIR: t.dataDir,
      MODELGYM_SECRET: testSecret,
      LOG_LEVEL: 'warn',
    });
    const req = { observation: [0.6, -0.8, 1.5], seed: 21 };
    const here = await post<{ actions: number[][]; context: string }>(t.app, `${agent}/plan`, req);
    const there = await remotePost(child.port, `${agent}/plan`, req);
    expect(there.status).toBe(200);
    expect(there.body.actions).toEqual(here.body.actions);
    const next = { observation: [0.7, -0.7, 1.2], seed: 22, context: here.body.context };
    const a = await post<{ action: number[] }>(t.app, `${agent}/act`, next);
    const b = await remotePost(child.port, `${agent}/act`, next);
    expect(b.status).toBe(200);
    expect(b.body.action).toEqual(a.body.action);
  });
});
