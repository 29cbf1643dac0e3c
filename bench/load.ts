/**
 * `npm run bench -- load`: does long work disturb interactive requests? A server (own process,
 * fresh data dir) serves an MPC agent for Pendulum-v1; sequential env steps and agent `act` calls
 * are timed while idle, then while the same server runs a `learn` job (model fitting and planning
 * in a worker thread). The goal: p99 under load within 3x of idle.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pendulumTransitions } from '../test/helpers/pendulum-transitions.ts';
import { startChild } from './child-server.ts';
import { KeepAliveClient } from './http-client.ts';
import { msSince, percentile, round } from './stats.ts';

const JSON_TYPE = 'application/json';

async function postJson(client: KeepAliveClient, path: string, body: unknown) {
  const res = await client.post(path, JSON.stringify(body), JSON_TYPE);
  const parsed = JSON.parse(res.body.toString('utf8'));
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.body.toString('utf8')}`);
  return parsed;
}

// biome-ignore lint/suspicious/noExplicitAny: a JSON answer read field by field.
async function getJson(port: number, path: string): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return res.json();
}

/** Latencies (ms) of `n` sequential env steps and `m` agent act calls. */
async function measure(client: KeepAliveClient, agentId: string, n: number, m: number) {
  let { state } = await postJson(client, '/v1/envs/Pendulum-v1/reset', { seed: 0 });
  const steps: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const out = await postJson(client, '/v1/envs/Pendulum-v1/step', { state, action: [0.5] });
    steps.push(msSince(t0));
    state = out.truncated
      ? (await postJson(client, '/v1/envs/Pendulum-v1/reset', { seed: i })).state
      : out.state;
  }
  const acts: number[] = [];
  let context: string | undefined;
  for (let i = 0; i < m; i++) {
    const t0 = process.hrtime.bigint();
    const out = await postJson(client, `/v1/agents/${agentId}/act`, {
      observation: [Math.cos(i / 10), Math.sin(i / 10), 0],
      seed: i,
      ...(context ? { context } : {}),
    });
    acts.push(msSince(t0));
    context = out.context;
  }
  const summary = (xs: number[]) => ({ p50: round(percentile(xs, 50)), p99: round(percentile(xs, 99)) });
  return { step: summary(steps), act: summary(acts) };
}

export async function benchLoad(
  quick: boolean,
): Promise<{ json: Record<string, unknown>; markdown: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'modelgym-bench-load-'));
  const server = await startChild(['bin/modelgym.js', 'serve'], {
    PORT: '0',
    MODELGYM_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  });
  const client = new KeepAliveClient(server.port);
  try {
    const config = {
      model: { hidden_sizes: [64, 64] },
      planner: { type: 'cem', horizon: 15, population: 100, elites: 10, iterations: 3 },
      shards: 1,
    };
    const agent = await postJson(client, '/v1/agents', {
      type: 'mpc',
      env_id: 'Pendulum-v1',
      preset: 'fast',
      config,
    });
    const data = pendulumTransitions(600, 1);
    const rows = (w: number, f: (i: number, j: number) => number) =>
      Array.from({ length: data.n }, (_, i) => Array.from({ length: w }, (_, j) => f(i, j)));
    const obs = rows(3, (i, j) => data.inputs[4 * i + j]!);
    await postJson(client, `/v1/agents/${agent.id}/transitions`, {
      observation: obs,
      action: rows(1, (i) => data.inputs[4 * i + 3]!),
      next_observation: rows(3, (i, j) => obs[i]![j]! + data.targets[3 * i + j]!),
      reward: obs.map(() => 0),
    });
    const train = await postJson(client, `/v1/agents/${agent.id}/train`, {});
    for (;;) {
      const job = await getJson(server.port, `/v1/jobs/${train.id}`);
      if (job.status === 'succeeded') break;
      if (job.status === 'failed') throw new Error(job.error.message);
      await new Promise((r) => setTimeout(r, 200));
    }
    const [n, m] = quick ? [200, 20] : [1000, 100];
    await measure(client, agent.id, 50, 5); // warm-up
    const idle = await measure(client, agent.id, n, m);
    const learn = await postJson(client, `/v1/agents/${agent.id}/learn`, {
      steps: 100000,
      warmup_steps: 200,
      refit_every: 200,
    });
    // Wait until the job is past its warm-up: fitting and planning are running.
    for (;;) {
      const job = await getJson(server.port, `/v1/jobs/${learn.id}`);
      if ((job.progress?.done ?? 0) >= 300) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const loaded = await measure(client, agent.id, n, m);
    await fetch(`http://127.0.0.1:${server.port}/v1/jobs/${learn.id}`, { method: 'DELETE' });
    const ratio = {
      step: round(loaded.step.p99 / idle.step.p99, 2),
      act: round(loaded.act.p99 / idle.act.p99, 2),
    };
    const json = {
      date: new Date().toISOString(),
      requests: { steps: n, acts: m },
      idle,
      underLearnJob: loaded,
      p99Ratio: ratio,
    };
    const md = [
      `# Latency under a running job (${new Date().toISOString().slice(0, 10)})`,
      '',
      'Rerun: `npm run bench -- load`. Server in its own process; sequential JSON requests on one keep-alive',
      'connection: Pendulum-v1 env steps, then MPC agent `act` calls (CEM 100 x 3 x horizon 15, ensemble 3 x 64x64);',
      'idle, then while a `learn` job (refits + planning in a worker thread) runs in the same server.',
      '',
      '| request | idle p50 ms | idle p99 ms | under job p50 ms | under job p99 ms | p99 ratio (goal <= 3) |',
      '| --- | --- | --- | --- | --- | --- |',
      `| env step | ${idle.step.p50} | ${idle.step.p99} | ${loaded.step.p50} | ${loaded.step.p99} | ${ratio.step} |`,
      `| agent act | ${idle.act.p50} | ${idle.act.p99} | ${loaded.act.p50} | ${loaded.act.p99} | ${ratio.act} |`,
      '',
    ].join('\n');
    return { json, markdown: md };
  } finally {
    client.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
