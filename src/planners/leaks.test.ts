import { describe, expect, it } from 'vitest';
import { createEnsemble } from '../models/ensemble.ts';
import type { DynamicsLayout } from '../models/layout.ts';
import { Generator } from '../rng/generator.ts';
import { ensembleRolloutModel } from './ensemble-model.ts';
import { trajectoryEvaluator } from './evaluator.ts';
import { FastNormal } from './fast-normal.ts';
import { createPlanner, PLANNER_TYPES } from './index.ts';
import type { PlanContext } from './planner.ts';

describe('planning through an ensemble leaks no tensors', () => {
  it('tf.memory().numTensors is unchanged across 100 plan calls of every continuous planner', async () => {
    const layout: DynamicsLayout = {
      obsDim: 3,
      action: { kind: 'box', dim: 1 },
      learnedReward: true,
      learnedTermination: true,
    };
    const ens = await createEnsemble(
      { inputDim: 4, outputDim: 5, hiddenSizes: [8], ensembleSize: 2 },
      { seed: 1 },
    );
    const { tf } = ens;
    const model = ensembleRolloutModel(ens, layout);
    const evaluator = trajectoryEvaluator({ model, particles: 2, propagation: 'ts1' });
    const bounds = { kind: 'box' as const, low: Float32Array.of(-2), high: Float32Array.of(2) };
    const noise = new FastNormal(Generator.fromSeed(0));
    const obs = Float32Array.of(1, 0, 0);
    const before = tf.memory().numTensors;
    for (const type of PLANNER_TYPES.filter(
      (t) => t !== 'categorical-cem' && t !== 'gradient' && t !== 'cem-gradient',
    )) {
      const planner = createPlanner(
        { type, horizon: 4, population: 8, ...(type.includes('cem') ? { elites: 2 } : {}) },
        bounds,
      );
      let context: PlanContext | undefined;
      for (let i = 0; i < 100; i++) {
        const out = planner.plan({ evaluate: evaluator.from(obs, noise), noise, context });
        context = out.context;
        expect(out.action).toHaveLength(1);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    ens.dispose();
  });
});
