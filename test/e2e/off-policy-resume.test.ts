/**
 * A SAC or MBPO learn job killed with SIGKILL mid-run and resumed by another server ends with the
 * same networks and optimiser state, bit for bit, as the same run never interrupted: the
 * checkpoint holds the replay buffer (MBPO: and its model buffer), the update generator and the
 * loop's progress, the version it names holds the networks (MBPO: and the ensemble) and Adam's
 * moments, and everything random is drawn from seeded generators.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/jobs/index.ts';
import { type AgentTestApp, agentTestApp } from '../helpers/agents.ts';
import { call, post } from '../helpers/app.ts';
import { spawnTs } from '../helpers/jobs/handlers.ts';

const SAC = {
  actor_hidden_sizes: [16],
  critic_hidden_sizes: [16],
  batch_size: 32,
  learning_starts: 50,
  seed: 6,
};
const SAC_ARTIFACTS = ['actor', 'critics', 'entropy', 'optimizers'];
const LEARN = { steps: 1400, checkpoint_every: 200, seed: 9 };

const FAMILIES = [
  { type: 'sac', config: SAC, artifacts: SAC_ARTIFACTS },
  {
    type: 'mbpo',
    // Refits every 150 steps (not at checkpoints), rollouts growing from 1 to 3 steps (the model
    // buffer is resized), two epochs of rollouts kept.
    config: {
      sac: { ...SAC, gradient_steps: 2 },
      model: { ensemble_size: 3, hidden_sizes: [16], elites: 2 },
      model_training: { epochs: 5 },
      model_train_every: 150,
      rollouts_per_step: 4,
      rollout_schedule: [1, 4, 1, 3],
      retain_epochs: 2,
    },
    artifacts: [...SAC_ARTIFACTS, 'dynamics', 'model_optimizer'],
  },
];

type Exported = { version: { artifacts: Record<string, { bytes: string; meta?: unknown }> } };

describe.each(FAMILIES)('$type learn job resume', ({ type, config, artifacts }) => {
  const apps: AgentTestApp[] = [];
  afterAll(async () => {
    for (const a of apps.reverse()) await a.close();
  });

  async function createAgent(t: AgentTestApp): Promise<string> {
    const res = await post<{ id: string }>(t.app, '/v1/agents', {
      type,
      env_id: 'Pendulum-v1',
      config,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function finalArtifacts(t: AgentTestApp, id: string) {
    const { body } = await call<Exported>(t.app, 'GET', `/v1/agents/${id}/export`);
    return body.version.artifacts;
  }

  it('ends with the same weights as an uninterrupted run', async () => {
    const plain = await agentTestApp();
    apps.push(plain);
    const plainId = await createAgent(plain);
    const plainJob = await post<{ id: string }>(plain.app, `/v1/agents/${plainId}/learn`, LEARN);
    const plainDone = await plain.waitJob(plainJob.body.id);
    expect(plainDone.status, JSON.stringify(plainDone.error)).toBe('succeeded');

    // The same run on a server whose own runner is stopped; a child process runs the job.
    const crashed = await agentTestApp({ leaseMs: 1000 });
    apps.push(crashed);
    await crashed.jobs.stop();
    const id = await createAgent(crashed);
    const child = spawnTs(new URL('../helpers/jobs/agent-runner-child.ts', import.meta.url), [
      crashed.dataDir,
    ]);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const job = await post<{ id: string }>(crashed.app, `/v1/agents/${id}/learn`, LEARN);
    const events = async (t: AgentTestApp) =>
      (await call<{ events: JobEvent[] }>(t.app, 'GET', `/v1/jobs/${job.body.id}/events`)).body.events;
    try {
      // Kill it after its second checkpoint, mid-way through the run.
      for (let i = 0; (await events(crashed)).filter((e) => e.type === 'checkpoint').length < 2; i++) {
        expect(i).toBeLessThan(1200);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect((await call<{ status: string }>(crashed.app, 'GET', `/v1/jobs/${job.body.id}`)).body.status).toBe(
      'running',
    );

    const resumed = await agentTestApp({ dataDir: crashed.dataDir, leaseMs: 1000 });
    apps.push(resumed);
    const done = await resumed.waitJob(job.body.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    const logs = (await events(resumed))
      .filter((e) => e.type === 'log')
      .map((e) => e.data as { message: string; data?: { steps: number } });
    const resuming = logs.find((l) => l.message === 'resuming')?.data;
    expect(resuming?.steps).toBeGreaterThanOrEqual(400);
    expect(resuming?.steps).toBeLessThan(LEARN.steps);
    expect(done.result).toMatchObject({
      steps: 1400,
      updates: (plainDone.result as { updates: number }).updates,
    });
    expect((done.result as { returns: number[] }).returns).toEqual(
      (plainDone.result as { returns: number[] }).returns,
    );

    const want = await finalArtifacts(plain, plainId);
    const got = await finalArtifacts(resumed, id);
    expect(Object.keys(got).sort()).toEqual([...artifacts].sort());
    for (const name of Object.keys(want)) expect(got[name]!.bytes, name).toBe(want[name]!.bytes);
    // The agent's data holds every transition once.
    const view = await call<{ transitions: number }>(resumed.app, 'GET', `/v1/agents/${id}`);
    expect(view.body.transitions).toBe(1400);
  }, 300_000);
});
