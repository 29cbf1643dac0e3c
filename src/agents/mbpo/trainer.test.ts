import { beforeAll, describe, expect, it } from 'vitest';
import type { EnvDefinition } from '../../envs/env.ts';
import { registryFor } from '../../envs/env-ref.ts';
import { randomPolicy } from '../../experience/policy.ts';
import { TransitionRecorder } from '../../experience/recorder.ts';
import { runRollout } from '../../experience/rollout.ts';
import { Generator } from '../../rng/generator.ts';
import { loadTf, type TfModule } from '../../tensor/backend.ts';
import { mbpoFamily } from './family.ts';
import type { MbpoRecord } from './record.ts';
import { MbpoTrainer } from './trainer.ts';

const LIMITS = { maxPlanRollouts: 1, maxPlanFlops: 1, maxTransitionsPerRequest: 1, maxReplayValues: 1e8 };

/** A tiny MBPO agent on Pendulum-v1 (refit every 50 steps, 3 rollouts per step, 2 steps long). */
function pendulumAgent(def: EnvDefinition): MbpoRecord {
  const spaces = { observation: def.observationSpace({}).describe(), action: def.actionSpace({}).describe() };
  const config = mbpoFamily.resolveConfig({
    config: {
      sac: { actor_hidden_sizes: [8], critic_hidden_sizes: [8], batch_size: 20 },
      model: { ensemble_size: 2, hidden_sizes: [8], elites: 1 },
      model_training: { epochs: 3 },
      model_train_every: 50,
      rollouts_per_step: 3,
      rollout_schedule: [1, 2, 2, 2],
      real_ratio: 0.25,
    },
    spaces,
    limits: LIMITS,
    known: true,
  });
  return mbpoFamily.complete({
    id: 'ag-test',
    type: 'mbpo',
    preset: 'default',
    config,
    observation_space: spaces.observation,
    action_space: spaces.action,
    known: { envId: 'Pendulum-v1' },
    created_at: new Date(0).toISOString(),
  }) as MbpoRecord;
}

describe('MbpoTrainer', () => {
  let tf: TfModule;
  let def: EnvDefinition;
  beforeAll(async () => {
    tf = await loadTf();
    def = (await registryFor(['Pendulum-v1'])).get('Pendulum-v1');
  });

  it('refits on schedule, fills the model buffer, updates on mixed batches, leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const record = pendulumAgent(def);
    const fits: number[] = [];
    const trainer = await MbpoTrainer.open(record, undefined, Generator.fromSeed(1), undefined, (f) => {
      fits.push(f.steps);
      expect(f.rolloutLength).toBe(2);
      // 50 x 3 starts, two steps each (Pendulum never terminates).
      expect(f.rolloutRows).toBe(300);
      expect(f.validationMse).toHaveLength(2);
    });
    try {
      expect(trainer.ready()).toBe(false);
      const recorder = new TransitionRecorder();
      let steps = 0;
      runRollout(def, {
        seed: 0,
        policy: randomPolicy(def.actionSpace({})),
        maxSteps: 120,
        recorder,
        onStep: (n) => {
          steps = n;
          trainer.replay.add(recorder.last());
          trainer.afterEnvStep(n);
          if (trainer.ready()) trainer.update();
        },
      });
      expect(steps).toBe(120);
      expect(fits).toEqual([50, 100]);
      // One epoch of rollouts kept: the buffer holds the last refit's rows only.
      expect(trainer.modelRows).toBe(300);
      // Ready from the first refit on: steps 50 to 120.
      expect(trainer.updates).toBe(71);
      const artifacts = await trainer.artifacts();
      expect(Object.keys(artifacts).sort()).toEqual([
        'actor',
        'critics',
        'dynamics',
        'entropy',
        'model_optimizer',
        'optimizers',
      ]);
      expect(artifacts.dynamics!.meta).toMatchObject({ fits: 2 });
      await mbpoFamily.checkArtifacts(record, artifacts);
    } finally {
      trainer.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
