import type * as Tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEnsemble } from '../models/ensemble.ts';
import type { DynamicsLayout } from '../models/layout.ts';
import { Generator } from '../rng/generator.ts';
import { loadTf, type TfModule } from '../tensor/backend.ts';
import { ensembleObjective } from './ensemble-objective.ts';
import { trajectoryEvaluator } from './evaluator.ts';
import { FastNormal } from './fast-normal.ts';
import { createPlanner } from './index.ts';
import type { BoxActions } from './planner.ts';
import type { RolloutModel } from './rollout-model.ts';

/** 1-D double integrator: p += v, v += a; reward -(p^2) - 0.1 a^2; start p = 2, v = 0. */
const DT = 0.5;
const BOUNDS: BoxActions = { kind: 'box', low: Float32Array.of(-1), high: Float32Array.of(1) };

function jsModel(): RolloutModel {
  return {
    obsDim: 2,
    actionDim: 1,
    members: 1,
    predictsReward: true,
    predictsTermination: false,
    step({ obs, action, n }) {
      const next = new Float32Array(2 * n);
      const reward = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const v = obs[2 * i + 1]! + DT * action[i]!;
        const p = obs[2 * i]! + DT * v;
        next[2 * i] = p;
        next[2 * i + 1] = v;
        reward[i] = -(p * p) - 0.1 * action[i]! ** 2;
      }
      return { next, reward };
    },
    dispose() {},
  };
}

function tensorObjective(tf: TfModule, start: Float32Array) {
  return (actions: Tf.Tensor3D) => {
    const [population, horizon] = actions.shape;
    let p: Tf.Tensor = tf.fill([population], start[0]!);
    let v: Tf.Tensor = tf.fill([population], start[1]!);
    let total: Tf.Tensor = tf.zeros([population]);
    for (let t = 0; t < horizon; t++) {
      const a = tf.reshape(tf.slice(actions, [0, t, 0], [-1, 1, 1]), [population]);
      v = tf.add(v, tf.mul(DT, a));
      p = tf.add(p, tf.mul(DT, v));
      total = tf.sub(total, tf.add(tf.square(p), tf.mul(0.1, tf.square(a))));
    }
    return total as Tf.Tensor1D;
  };
}

describe('gradient-based planning', () => {
  let tf: TfModule;
  beforeAll(async () => {
    tf = await loadTf();
  });

  it('improves the predicted return of its starting sequence, leaving no tensors', () => {
    const start = Float32Array.of(2, 0);
    const evaluator = trajectoryEvaluator({ model: jsModel() });
    const noise = new FastNormal(Generator.fromSeed(0));
    const evaluate = evaluator.from(start, noise);
    const zero = evaluate(new Float32Array(15), 1)[0]!;
    const before = tf.memory().numTensors;
    const planner = createPlanner({ type: 'gradient', horizon: 15, population: 4, steps: 40 }, BOUNDS, tf);
    const out = planner.plan({ evaluate, objective: tensorObjective(tf, start), noise });
    expect(tf.memory().numTensors).toBe(before);
    // Doing nothing from p = 2 costs 4 per step (-60); the optimised plan brakes towards 0.
    expect(zero).toBeCloseTo(-60, 4);
    expect(out.value).toBeGreaterThan(zero + 30);
    expect(out.action[0]).toBeLessThan(0);
    for (const a of out.sequence) expect(Math.abs(a)).toBeLessThanOrEqual(1);
  });

  it('refines CEM: never worse than CEM alone by the evaluator', () => {
    const start = Float32Array.of(2, 0);
    const evaluator = trajectoryEvaluator({ model: jsModel() });
    const cem = createPlanner(
      { type: 'cem', horizon: 15, population: 30, elites: 5, iterations: 2, execute: 'best' },
      BOUNDS,
    );
    const both = createPlanner(
      {
        type: 'cem-gradient',
        horizon: 15,
        population: 4,
        steps: 20,
        cem: { population: 30, elites: 5, iterations: 2, execute: 'best' },
      },
      BOUNDS,
      tf,
    );
    const plain = cem.plan({
      evaluate: evaluator.from(start, new FastNormal(Generator.fromSeed(1))),
      noise: new FastNormal(Generator.fromSeed(1)),
    });
    const noise = new FastNormal(Generator.fromSeed(1));
    const refined = both.plan({
      evaluate: evaluator.from(start, noise),
      objective: tensorObjective(tf, start),
      noise,
    });
    expect(refined.value).toBeGreaterThanOrEqual(plain.value);
    expect(both.name).toBe('cem+gradient');
  });

  it('climbs an ensemble objective with a learned reward head', async () => {
    const layout: DynamicsLayout = {
      obsDim: 2,
      action: { kind: 'box', dim: 1 },
      learnedReward: true,
      learnedTermination: false,
    };
    const ens = await createEnsemble(
      { inputDim: 3, outputDim: 3, hiddenSizes: [16, 16], ensembleSize: 2 },
      { seed: 3 },
    );
    const before = tf.memory().numTensors;
    const objective = ensembleObjective(ens, layout, Float32Array.of(0.5, -0.5));
    const init = new Float32Array(4 * 10);
    const value = (a: Float32Array) =>
      tf.tidy(() => objective(tf.tensor3d(a, [4, 10, 1])).dataSync() as Float32Array);
    const start = value(init);
    // The planner picks by an evaluator; here it is the same objective, evaluated without gradients.
    const planner = createPlanner(
      { type: 'gradient', horizon: 10, population: 4, steps: 15, initScale: 0 },
      BOUNDS,
      tf,
    );
    const out = planner.plan({
      evaluate: (a, n) => tf.tidy(() => objective(tf.tensor3d(a, [n, 10, 1])).dataSync() as Float32Array),
      objective,
      noise: new FastNormal(Generator.fromSeed(0)),
    });
    expect(out.value).toBeGreaterThan(Math.max(...start));
    expect(tf.memory().numTensors).toBe(before);
    ens.dispose();
  });

  it('needs an objective and Box actions', () => {
    const planner = createPlanner({ type: 'gradient', horizon: 5 }, BOUNDS, tf);
    const noise = new FastNormal(Generator.fromSeed(0));
    expect(() => planner.plan({ evaluate: () => new Float32Array(16), noise })).toThrow(/objective/);
    expect(() => createPlanner({ type: 'gradient', horizon: 5 }, { kind: 'discrete', n: 2 }, tf)).toThrow(
      /Discrete/,
    );
    expect(() => createPlanner({ type: 'gradient', horizon: 5 }, BOUNDS)).toThrow(/tensor module/);
  });
});
