/**
 * Test apps that run agent jobs for real: a data dir under the temp dir, a started job runner
 * with the agent job handlers, and the agents service on the same store.
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobHandlerModules } from '../../src/agents/job-kinds.ts';
import type { AgentService } from '../../src/agents/service.ts';
import { isTerminalStatus, type JobRecord, type JobRunner } from '../../src/jobs/index.ts';
import { call, testAgents, testApp, testJobRunner } from './app.ts';
import { pendulumTransitions } from './pendulum-transitions.ts';

/** A running agent test app. */
export interface AgentTestApp {
  app: ReturnType<typeof testApp>;
  agents: AgentService;
  jobs: JobRunner;
  dataDir: string;
  /** Polls the job until it ends; returns its final record. */
  waitJob(id: string): Promise<JobRecord>;
  close(): Promise<void>;
}

/** Starts one; `dataDir` shares a data dir with another app (a second replica). */
export async function agentTestApp(
  options: { dataDir?: string; leaseMs?: number } = {},
): Promise<AgentTestApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'modelgym-agents-')));
  const jobs = testJobRunner({
    rootDir: join(dataDir, 'jobs'),
    handlers: jobHandlerModules,
    environment: { data_dir: dataDir },
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
  });
  const agents = testAgents({ jobs, dataDir });
  const app = testApp({ jobs, agents });
  jobs.start();
  return {
    app,
    agents,
    jobs,
    dataDir,
    async waitJob(id) {
      for (;;) {
        const { body } = await call<JobRecord>(app, 'GET', `/v1/jobs/${id}`);
        if (isTerminalStatus(body.status)) return body;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await jobs.stop();
      await agents.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** 400 Pendulum transitions as a transition batch. */
export function pendulumBatch() {
  const data = pendulumTransitions(400, 3);
  const rows = (width: number, pick: (i: number, j: number) => number) =>
    Array.from({ length: data.n }, (_, i) => Array.from({ length: width }, (_, j) => pick(i, j)));
  const obs = rows(3, (i, j) => data.inputs[4 * i + j]!);
  return {
    observation: obs,
    action: rows(1, (i) => data.inputs[4 * i + 3]!),
    next_observation: rows(3, (i, j) => obs[i]![j]! + data.targets[3 * i + j]!),
    reward: obs.map(([c, , v]) => -(Math.acos(Math.max(-1, Math.min(1, c!))) ** 2 + 0.1 * v! ** 2)),
    terminated: obs.map(() => false),
  };
}
