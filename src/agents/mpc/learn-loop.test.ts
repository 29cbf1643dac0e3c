import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/store.ts';
import { classicControlEnvs } from '../../envs/classic-control/index.ts';
import type { EnvDefinition } from '../../envs/env.ts';
import { TransitionReader } from '../../experience/reader.ts';
import { openStore } from '../../store/index.ts';
import { runLearnLoop } from './learn-loop.ts';
import type { MpcRecord } from './record.ts';

const dir = useTempDir();

describe('MPC learn loop', () => {
  it('stores terminated and truncated with the rows it collects', async () => {
    const def = classicControlEnvs.find((e) => e.id === 'Pendulum-v1') as EnvDefinition;
    const params = def.params(def.defaultKwargs);
    const record = {
      id: 'ag-learn',
      type: 'mpc',
      env: { envId: def.id, kwargs: {} },
      observation_space: def.observationSpace(params).describe(),
      action_space: def.actionSpace(params).describe(),
      layout: { obsDim: 3, action: { kind: 'box', dim: 1 }, learnedReward: false, learnedTermination: false },
    } as unknown as MpcRecord;
    const store = openStore(dir());
    const reader = new TransitionReader(store);
    // Warm-up longer than the run: random episodes only, no model to fit.
    const progress = await runLearnLoop(store, reader, def, record, {
      steps: 250,
      warmupSteps: 1000,
      refitEvery: 1000,
      seed: 3,
    });
    expect(progress.episodes.map((e) => e.length)).toEqual([200, 50]);
    const t = await reader.load(record.id, 3, 1);
    expect(t.n).toBe(250);
    // The TimeLimit ends episode 0 at row 199; the step budget cuts episode 1 at row 249.
    expect([...t.truncated!].flatMap((x, i) => (x ? [i] : []))).toEqual([199, 249]);
    expect(t.terminated.every((x) => x === 0)).toBe(true);
  });
});
