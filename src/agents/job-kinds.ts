/**
 * The job kinds this server runs: kind -> URL of the module whose `run(ctx)` runs it in a worker
 * thread (see src/jobs). Each agent job dispatches to the agent's family (jobs/job-env.ts).
 * Handlers read `ctx.environment.data_dir` (the server's data directory).
 * @module
 */
import type { AgentJobOperation } from './family.ts';

/** The job kind of an agent operation that runs as a job. */
export type AgentJobKind = `agent-${Exclude<AgentJobOperation, 'meta-train'>}`;

export const jobHandlerModules: Record<AgentJobKind, URL> = {
  'agent-train': new URL('./jobs/train.ts', import.meta.url),
  'agent-learn': new URL('./jobs/learn.ts', import.meta.url),
  'agent-evaluate': new URL('./jobs/evaluate.ts', import.meta.url),
};
