/**
 * Job `agent-train`: the agent's family's `train` handler, in a job worker thread.
 * @module
 */
import type { JobContext } from '../../jobs/types.ts';
import { runAgentJob } from './dispatch.ts';

export function run(ctx: JobContext): Promise<unknown> {
  return runAgentJob(ctx, 'train');
}
