import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendulumTransitions } from '../../test/helpers/pendulum-transitions.ts';
import { createEnsemble, type Ensemble } from '../models/ensemble.ts';
import type { DynamicsLayout } from '../models/layout.ts';
import { trainEnsemble } from '../models/train.ts';
import { Generator } from '../rng/generator.ts';
import { ensembleRolloutModel } from './ensemble-model.ts';
import { FastNormal } from './fast-normal.ts';

const LAYOUT: DynamicsLayout = {
  obsDim: 3,
  action: { kind: 'box', dim: 1 },
  learnedReward: false,
  learnedTermination: false,
};

describe('ensemble as a rollout model', () => {
  let ens: Ensemble;
  const data = pendulumTransitions(400, 1);
  beforeAll(async () => {
    ens = await createEnsemble(
      { inputDim: 4, outputDim: 3, hiddenSizes: [32, 32], ensembleSize: 3 },
      { seed: 2 },
    );
    // Two epochs fit a non-trivial input normaliser, which the model folds into the first layer.
    trainEnsemble(ens, data, { epochs: 2, seed: 1 });
  });
  afterAll(() => ens.dispose());

  const rows = 6;
  const obs = data.inputs.filter((_, i) => i % 4 !== 3).slice(0, rows * 3);
  const action = data.inputs.filter((_, i) => i % 4 === 3).slice(0, rows);

  it('predicts obs + mean exactly as the ensemble does, member by member', async () => {
    const model = ensembleRolloutModel(ens, LAYOUT, { members: [0, 1, 2], sample: false });
    const want = await ens.predict(data.inputs.slice(0, rows * 4), rows);
    const member = Int32Array.from({ length: rows }, (_, i) => i % 3);
    const out = model.step({ obs, action, n: rows, member, noise: new FastNormal(Generator.fromSeed(0)) });
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < 3; j++) {
        const expected = obs[r * 3 + j]! + want.means[r % 3]![r * 3 + j]!;
        expect(out.next[r * 3 + j]).toBeCloseTo(expected, 5);
      }
    }
    // Expectation: the average of the members' means.
    const mean = model.step({
      obs,
      action,
      n: rows,
      member: null,
      noise: new FastNormal(Generator.fromSeed(0)),
    });
    for (let j = 0; j < 3; j++) {
      const avg = (want.means[0]![j]! + want.means[1]![j]! + want.means[2]![j]!) / 3;
      expect(mean.next[j]).toBeCloseTo(obs[j]! + avg, 5);
    }
    model.dispose();
  });

  it('samples around the mean with the predicted spread, seeded', () => {
    const model = ensembleRolloutModel(ens, LAYOUT, { members: [0] });
    const n = 2000;
    const many = new Float32Array(n * 3);
    const acts = new Float32Array(n);
    for (let r = 0; r < n; r++) {
      many.set(obs.subarray(0, 3), r * 3);
      acts[r] = action[0]!;
    }
    const member = new Int32Array(n);
    const a = model.step({
      obs: many,
      action: acts,
      n,
      member,
      noise: new FastNormal(Generator.fromSeed(4)),
    });
    const b = model.step({
      obs: many,
      action: acts,
      n,
      member,
      noise: new FastNormal(Generator.fromSeed(4)),
    });
    expect(a.next).toEqual(b.next);
    const mean = model.step({
      obs: many.subarray(0, 3),
      action: acts.subarray(0, 1),
      n: 1,
      member: null,
      noise: new FastNormal(Generator.fromSeed(0)),
    });
    let avg = 0;
    let spread = 0;
    for (let r = 0; r < n; r++) avg += a.next[r * 3]! / n;
    for (let r = 0; r < n; r++) spread += (a.next[r * 3]! - avg) ** 2 / n;
    expect(spread).toBeGreaterThan(0);
    expect(Math.abs(avg - mean.next[0]!)).toBeLessThan(5 * Math.sqrt(spread / n));
    model.dispose();
  });

  it('refuses a layout that does not fit, and use after dispose', () => {
    expect(() => ensembleRolloutModel(ens, { ...LAYOUT, learnedReward: true })).toThrow(RangeError);
    const model = ensembleRolloutModel(ens, LAYOUT);
    model.dispose();
    expect(() =>
      model.step({ obs, action, n: rows, member: null, noise: new FastNormal(Generator.fromSeed(0)) }),
    ).toThrow(/dispose/);
  });
});
