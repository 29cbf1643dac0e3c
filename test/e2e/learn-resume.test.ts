/**
 * A server-side learning job survives its server: killed mid-way (runner stopped without
 * releasing its lease, as a crash leaves it), it is resumed by the next server on the same data
 * dir from its last checkpoint (after a refit) and finishes with the full step count.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/jobs/index.ts';
import { type AgentTestApp, agentTestApp } from '../helpers/agents.ts';
import { call, post } from '../helpers/app.ts';

const TINY = {
  model: { ensemble_size: 2, hidden_sizes: [16], elites: 2 },
  training: { epochs: 3 },
  planner: { type: 'cem', horizon: 5, population: 20, elites: 4, iterations: 2 },
  particles: 2,
  shards: 1,
};

describe('learn job resume', () => {
  const apps: AgentTestApp[] = [];
  afterAll(async () => {
    for (const a of apps.reverse()) await a.close();
  });

  it('a learn job killed after a checkpoint resumes on the next server and completes', async () => {
    const first = await agentTestApp({ leaseMs: 1500 });
    apps.push(first);
    const agent = await post<{ id: string }>(first.app, '/v1/agents', {
      type: 'mpc',
      env_id: 'tasks/PointMass1D-v0',
      config: TINY,
    });
    const job = await post<{ id: string }>(first.app, `/v1/agents/${agent.body.id}/learn`, {
      steps: 180,
      warmup_steps: 30,
      refit_every: 30,
      seed: 3,
    });
    expect(job.status).toBe(202);
    const events = async (app: AgentTestApp) =>
      (await call<{ events: JobEvent[] }>(app.app, 'GET', `/v1/jobs/${job.body.id}/events`)).body.events;
    // Wait for the first checkpoint (after the first refit), then "crash".
    for (let i = 0; !(await events(first)).some((e) => e.type === 'checkpoint'); i++) {
      expect(i).toBeLessThan(600);
      await new Promise((r) => setTimeout(r, 50));
    }
    await first.jobs.stop({ releaseLeases: false });
    const before = await call<{ status: string }>(first.app, 'GET', `/v1/jobs/${job.body.id}`);
    expect(before.body.status).toBe('running');

    const second = await agentTestApp({ dataDir: first.dataDir, leaseMs: 1500 });
    apps.push(second);
    const done = await second.waitJob(job.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const result = done.result as { steps: number; episodes: number; version: number };
    expect(result.steps).toBe(180);
    expect(result.episodes).toBe(6);
    const all = await events(second);
    expect(all.some((e) => e.type === 'resumed')).toBe(true);
    const logs = all.filter((e) => e.type === 'log').map((e) => (e.data as { message: string }).message);
    expect(logs).toContain('resuming');
    // The agent serves the version the resumed run fitted last.
    const view = await call<{ transitions: number; version: number }>(
      second.app,
      'GET',
      `/v1/agents/${agent.body.id}`,
    );
    expect(view.body.version).toBe(result.version);
  });
});
