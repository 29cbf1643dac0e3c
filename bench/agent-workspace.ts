/**
 * A throwaway agents service for the learning benchmarks: a store in a fresh temp dir, the env's
 * registry (MuJoCo envs load on demand), a job runner that is never started (the benchmarks call
 * the job handlers themselves) and the spec's limits.
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentService } from '../src/agents/service.ts';
import { registryFor } from '../src/envs/env-ref.ts';
import type { EnvRegistry } from '../src/envs/registry.ts';
import { agentLimits, loadSpec } from '../src/http/spec.ts';
import { JobRunner } from '../src/jobs/index.ts';
import { Keyring, stateKeyFromSecret } from '../src/state/keyring.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/store.ts';

/** See the module doc; `close` removes the temp dir. */
export interface BenchWorkspace {
  store: Store;
  registry: EnvRegistry;
  agents: AgentService;
  close(): Promise<void>;
}

/** Opens one for a scenario named `name` on `envId`. */
export async function benchWorkspace(name: string, envId: string): Promise<BenchWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), `modelgym-bench-${name}-`));
  const store = openStore(dir);
  const registry = await registryFor([envId]);
  const agents = new AgentService({
    store,
    registry,
    keyring: new Keyring(stateKeyFromSecret('modelgym benchmark secret key')),
    jobs: new JobRunner({ rootDir: join(dir, 'jobs'), handlers: {} }),
    limits: agentLimits(loadSpec()),
  });
  return {
    store,
    registry,
    agents,
    async close() {
      await agents.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
