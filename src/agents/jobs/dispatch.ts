/**
 * Runs an agent job with the handler of the agent's family for the job's operation.
 * @module
 */
import type { JobContext } from '../../jobs/types.ts';
import { NotSupportedError } from '../errors.ts';
import { familyOf } from '../families.ts';
import type { AgentJobOperation } from '../family.ts';
import { openAgentJob } from './job-env.ts';

/** Runs the job `agent-<operation>` with the agent's family's handler. */
export async function runAgentJob(ctx: JobContext, operation: AgentJobOperation): Promise<unknown> {
  const job = await openAgentJob(ctx);
  const family = familyOf(job.record.type);
  const handler = family.jobs[operation];
  if (!handler) throw new NotSupportedError(family.type, operation, [...family.operations]);
  return handler(ctx, job, family);
}
