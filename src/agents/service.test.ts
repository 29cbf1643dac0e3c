import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testJobRunner, testRegistry } from '../../test/helpers/app.ts';
import { transitionSchema } from '../experience/columns.ts';
import { Keyring, stateKeyFromSecret } from '../state/keyring.ts';
import { openStore } from '../store/index.ts';
import { INLINE_CONTEXT_BYTES } from './context.ts';
import { InvalidContextError, NotSupportedError } from './errors.ts';
import { AGENT_FAMILIES } from './families.ts';
import type { AgentFamily, AgentPolicy } from './family.ts';
import { AgentService } from './service.ts';
import { observationWidth } from './spaces.ts';
import { saveVersion } from './versions.ts';

/**
 * A policy-only family for the seam's tests: acts with a fixed row scaled by the version's one
 * artifact, and counts its calls in its context (`size` bytes, so large contexts can be tried).
 */
function counterFamily(size: number): AgentFamily<{ scale: number }> {
  return {
    type: 'counter',
    description: 'test family',
    configSchema: 'none',
    presets: [{ name: 'default', description: 'd', source: 'test', config: { scale: 1 } }],
    operations: new Set(['act']),
    accepts: (spaces) => {
      observationWidth(spaces.observation);
    },
    resolveConfig: ({ config }) => ({ scale: 1, ...(config as object) }),
    complete: (record) => record,
    transitionSchema: () => transitionSchema({ obsDim: 3, actionDim: 1 }),
    async load(_record, loaded) {
      const factor = loaded.bytes.weights![0]!;
      const policy: AgentPolicy = {
        version: loaded.version,
        act(_obs, { context }) {
          const calls = context ? new DataView(context.buffer, context.byteOffset).getUint32(0, true) + 1 : 1;
          const next = new Uint8Array(size);
          new DataView(next.buffer).setUint32(0, calls, true);
          return { action: Float32Array.of(factor * calls), context: next };
        },
        dispose: async () => {},
      };
      return policy;
    },
    versionSummary: () => ({}),
    checkArtifacts: async () => {},
    jobs: {},
  };
}

describe('AgentService on the family seam', () => {
  const dir = join(tmpdir(), `modelgym-service-${randomUUID()}`);
  const store = openStore(dir);
  const jobs = testJobRunner();
  const service = (size: number) =>
    new AgentService({
      store,
      registry: testRegistry,
      keyring: new Keyring(stateKeyFromSecret('service test secret of enough length')),
      jobs,
      limits: {
        maxPlanRollouts: 2_000_000,
        maxPlanFlops: 4e11,
        maxTransitionsPerRequest: 1000,
        maxReplayValues: 2 ** 28,
      },
      families: [...AGENT_FAMILIES, counterFamily(size) as AgentFamily],
    });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists every family with its operations', () => {
    const types = service(8).types();
    expect(types.map((t) => [t.type, t.operations])).toEqual([
      ['mpc', ['act', 'plan', 'transitions', 'train', 'learn', 'evaluate', 'export']],
      ['sac', ['act', 'transitions', 'train', 'learn', 'evaluate', 'export']],
      ['mbpo', ['act', 'learn', 'evaluate', 'export']],
      ['counter', ['act']],
    ]);
  });

  it('answers not-supported for every operation the family lacks, and stores nothing', async () => {
    const s = service(8);
    const { agent } = await s.create({ type: 'counter', env_id: 'Pendulum-v1' } as never);
    const obs = { values: Float32Array.of(1, 0, 0), shape: [3] };
    await expect(s.plan(agent.id, { observation: obs }, true)).rejects.toThrow(NotSupportedError);
    const batch = { observation: obs, action: obs, reward: obs, next_observation: obs };
    await expect(s.addTransitions(agent.id, batch)).rejects.toThrow(
      /counter agents do not support "transitions"; they support act/,
    );
    await expect(s.submit('agent-train', agent.id, {})).rejects.toThrow(NotSupportedError);
    await expect(s.exportAgent(agent.id)).rejects.toThrow(NotSupportedError);
    expect((await s.view(agent.id)).agent.transitions).toBe(0);
  });

  it("stores the transition columns of the agent's family, truncated included", async () => {
    const s = service(8);
    const { agent } = await s.create({ type: 'mpc', env_id: 'Pendulum-v1', preset: 'fast' } as never);
    const rows = (w: number, v: number[]) => ({
      values: Float32Array.from(v),
      shape: w === 1 ? [v.length] : [v.length / w, w],
    });
    const out = await s.addTransitions(agent.id, {
      observation: rows(3, [1, 0, 0, 0, 1, 0]),
      action: rows(1, [0.5, -0.5]),
      reward: rows(1, [-1, -2]),
      next_observation: rows(3, [0, 1, 0, 1, 0, 0]),
      truncated: rows(1, [0, 1]),
    });
    expect(out).toMatchObject({ added: 2, transitions: 2 });
    const { record } = await s.record(agent.id);
    const t = await s.reader.load(agent.id, AGENT_FAMILIES[0]!.transitionSchema(record));
    expect([...t.truncated!]).toEqual([0, 1]);
    expect([...t.terminated]).toEqual([0, 0]);
  });

  it.each([8, INLINE_CONTEXT_BYTES + 1])('carries %i context bytes between acts, sealed', async (size) => {
    const s = service(size);
    const { agent } = await s.create({ type: 'counter', env_id: 'Pendulum-v1' } as never);
    await saveVersion(store, agent.id, { weights: { manifest: {}, bytes: Uint8Array.of(3) } }, 0);
    const obs = { values: Float32Array.of(1, 0, 0), shape: [3] };
    const first = await s.plan(agent.id, { observation: obs, seed: 1 }, false);
    expect(first.action).toEqual([3]);
    const second = await s.plan(agent.id, { observation: obs, seed: 1, context: first.context! }, false);
    expect(second.action).toEqual([6]);
    // A large context travels as a stored blob's ref: the token stays small.
    expect(first.context!.length).toBeLessThan(size > INLINE_CONTEXT_BYTES ? 400 : 200);
    const other = await s.create({ type: 'counter', env_id: 'Pendulum-v1' } as never);
    await expect(
      s.plan(other.agent.id, { observation: obs, context: first.context! }, false),
    ).rejects.toThrow(InvalidContextError);
    await s.close();
  });
});
