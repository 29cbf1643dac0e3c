/**
 * What every agent job opens in its worker thread: the tensor backend, the store under the
 * runner's data directory (`ctx.environment.data_dir`), the agent's record, and the served env
 * its episodes run on (the request's `env_id`, else the agent's).
 * @module
 */

import type { EnvDefinition } from '../../envs/env.ts';
import { type EnvRef, registryFor } from '../../envs/env-ref.ts';
import { TransitionReader } from '../../experience/reader.ts';
import type { JobContext } from '../../jobs/types.ts';
import { openStore } from '../../store/index.ts';
import { initTensorBackend } from '../../tensor/backend.ts';
import { UnknownResourceError } from '../errors.ts';
import type { AgentJobEnv } from '../family.ts';
import type { AgentRecord } from '../record.ts';
import { fromStorable } from '../storable.ts';

/** Opens the store and the agent named by `ctx.params.agent_id`. */
export async function openAgentJob(ctx: JobContext): Promise<AgentJobEnv> {
  const environment = ctx.environment as { data_dir?: string; backend?: string };
  if (typeof environment.data_dir !== 'string') throw new Error('agent jobs need environment.data_dir');
  await initTensorBackend(environment.backend ? { force: environment.backend } : {});
  const params = ctx.params as Record<string, unknown>;
  const store = openStore(environment.data_dir);
  const id = params.agent_id as string;
  let record: AgentRecord;
  try {
    record = fromStorable<AgentRecord>((await store.getDoc('agents', id)).value);
  } catch {
    throw new UnknownResourceError('agent', id);
  }
  return { store, reader: new TransitionReader(store), record, params };
}

/** The served env a job's episodes run on, and the agent record seen as acting in it. */
export async function episodeEnv(job: AgentJobEnv): Promise<{ def: EnvDefinition; record: AgentRecord }> {
  const envId = (job.params.env_id as string | undefined) ?? job.record.env?.envId;
  if (envId === undefined) throw new Error('no env_id to run episodes on');
  const kwargs = (job.params.env_kwargs as Record<string, unknown> | undefined) ?? job.record.env?.kwargs;
  const env: EnvRef = {
    envId,
    ...(kwargs ? { kwargs } : {}),
    ...(job.record.env?.task !== undefined ? { task: job.record.env.task } : {}),
  };
  const registry = await registryFor([envId]);
  return { def: registry.get(envId), record: { ...job.record, env } };
}
