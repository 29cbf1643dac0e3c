import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendulumTransitions, zeroPredictorMse } from '../../test/helpers/pendulum-transitions.ts';
import { Generator } from '../rng/generator.ts';
import { createAdam, type GradientStep } from './adam.ts';
import { createEnsemble, type Ensemble } from './ensemble.ts';
import { serializeEnsemble } from './serialize.ts';
import { type TrainResult, trainEnsemble } from './train.ts';

function mse(pred: Float32Array, target: Float32Array): number {
  let s = 0;
  for (let i = 0; i < pred.length; i++) s += (pred[i]! - target[i]!) ** 2;
  return s / pred.length;
}

describe('trainEnsemble on Pendulum-v1 one-step dynamics', () => {
  let ens: Ensemble;
  let result: TrainResult;
  let tensorsBefore: number;
  let tensorsAfter: number;
  const data = pendulumTransitions(2000, 7);
  const test = pendulumTransitions(1000, 8);

  beforeAll(async () => {
    ens = await createEnsemble(
      { inputDim: 4, outputDim: 3, hiddenSizes: [64, 64], ensembleSize: 5 },
      { seed: 1 },
    );
    tensorsBefore = ens.tf.memory().numTensors;
    result = trainEnsemble(ens, data, { epochs: 8, batchSize: 64, seed: 3, numElites: 3 });
    tensorsAfter = ens.tf.memory().numTensors;
  });
  afterAll(() => ens.dispose());

  it('predicts held-out transitions far better than "no change"', async () => {
    const zero = zeroPredictorMse(test.targets); // ~0.115
    const { means } = await ens.predict(test.inputs, test.n, { members: ens.elites });
    const avg = new Float32Array(test.targets.length);
    for (const m of means) for (let i = 0; i < avg.length; i++) avg[i]! += m[i]! / means.length;
    const fit = mse(avg, test.targets);
    // Measured 1.18e-3 vs 0.115 (wasm; members 1.3e-3 to 1.6e-3): bound 5e-3 and under 5% of zero-change MSE.
    // The residual error is dominated by rows at the theta_dot = ±8 clip, a kink in the dynamics.
    expect(fit).toBeLessThan(5e-3);
    expect(fit).toBeLessThan(0.05 * zero);
    for (const m of means) expect(mse(m, test.targets)).toBeLessThan(0.05 * zero);
  });

  it('decreases the Gaussian NLL during training', () => {
    const first = result.epochs[0]!;
    const last = result.epochs.at(-1)!;
    expect(last.trainLoss).toBeLessThan(first.trainLoss - 1);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(last.valNll!)).toBeLessThan(mean(first.valNll!) - 1);
    expect(result.holdoutRows).toBe(200);
    expect(result.trainRows).toBe(1800);
  });

  it('elites are the members with lowest validation MSE (recomputed independently)', async () => {
    const rows = result.validationIndices;
    expect(rows).toHaveLength(200);
    const inputs = new Float32Array(rows.length * 4);
    const targets = new Float32Array(rows.length * 3);
    rows.forEach((r, i) => {
      inputs.set(data.inputs.subarray(4 * r, 4 * r + 4), 4 * i);
      targets.set(data.targets.subarray(3 * r, 3 * r + 3), 3 * i);
    });
    const { means } = await ens.predict(inputs, rows.length);
    const val = means.map((m) => mse(m, targets));
    val.forEach((v, m) => {
      expect(v).toBeCloseTo(result.valMse[m]!, 6);
    });
    const order = val.map((v, m) => [v, m] as const).sort((a, b) => a[0] - b[0]);
    expect(result.elites).toEqual(order.slice(0, 3).map(([, m]) => m));
    expect(ens.elites).toEqual(result.elites);
  });

  it('leaks no tensors while training', () => {
    expect(tensorsAfter).toBe(tensorsBefore);
  });
});

describe('trainEnsemble options', () => {
  const small = pendulumTransitions(300, 11);

  it('is reproducible from its seeds', async () => {
    const run = async () => {
      const e = await createEnsemble(
        { inputDim: 4, outputDim: 3, hiddenSizes: [8], ensembleSize: 2 },
        { seed: 2 },
      );
      const r = trainEnsemble(e, small, { epochs: 2, batchSize: 50, seed: 9 });
      const w = await e.params.members[1]!.layers[0]!.w.data();
      e.dispose();
      return { r, w };
    };
    const a = await run();
    const b = await run();
    expect(b.w).toEqual(a.w);
    expect(b.r.valMse).toEqual(a.r.valMse);
    expect(Array.from(b.r.validationIndices)).toEqual(Array.from(a.r.validationIndices));
  });

  it('trains with our Adam exactly as with tf.train.adam (weights bit for bit)', async () => {
    for (const deterministic of [false, true]) {
      const run = async (optimizer?: (e: Ensemble) => GradientStep & { dispose(): void }) => {
        const e = await createEnsemble(
          { inputDim: 4, outputDim: 3, hiddenSizes: [16, 16], ensembleSize: 3, deterministic },
          { seed: 7 },
        );
        const opt = optimizer?.(e);
        const r = trainEnsemble(e, small, {
          epochs: 3,
          batchSize: 32,
          learningRate: 2e-3,
          seed: 2,
          ...(opt ? { optimizer: opt } : {}),
        });
        const { weights } = await serializeEnsemble(e);
        opt?.dispose();
        e.dispose();
        return { weights, valMse: r.valMse, elites: r.elites };
      };
      // tf.train.adam behind the trainer's optimiser seam: what trainEnsemble used before.
      const reference = await run((e) => {
        const adam = e.tf.train.adam(2e-3);
        return {
          // tfjs types the map as variables; minimize hands it variableGrads' gradients, as we do.
          step: (_params, grads) =>
            adam.applyGradients(grads as unknown as Parameters<typeof adam.applyGradients>[0]),
          dispose: () => adam.dispose(),
        };
      });
      const ours = await run();
      expect(ours.weights).toEqual(reference.weights);
      expect(ours.valMse).toEqual(reference.valMse);
      expect(ours.elites).toEqual(reference.elites);
      // A caller's Adam with the same settings gives the same again (and its moments are its own).
      const given = await run((e) => createAdam(e.tf, { learningRate: 2e-3 }));
      expect(given.weights).toEqual(reference.weights);
    }
  });

  it('continues with a given optimiser across fits, and leaves it to the caller', async () => {
    const e = await createEnsemble(
      { inputDim: 4, outputDim: 3, hiddenSizes: [8], ensembleSize: 2 },
      { seed: 2 },
    );
    const adam = createAdam(e.tf);
    try {
      trainEnsemble(e, small, { epochs: 1, batchSize: 100, seed: 1, optimizer: adam, holdoutRatio: 0 });
      // 300 rows in batches of 100, 1 epoch: 3 updates; the second fit continues the count.
      expect(adam.iterations).toBe(3);
      trainEnsemble(e, small, { epochs: 2, batchSize: 100, seed: 2, optimizer: adam, holdoutRatio: 0 });
      expect(adam.iterations).toBe(9);
      expect((await adam.state()).m).toHaveLength(e.trainableVariables().length);
    } finally {
      adam.dispose();
      e.dispose();
    }
  });

  it('trains a deterministic (MSE) ensemble without bootstrap', async () => {
    const e = await createEnsemble(
      { inputDim: 4, outputDim: 3, hiddenSizes: [32, 32], ensembleSize: 2, deterministic: true },
      { seed: 4 },
    );
    const r = trainEnsemble(e, small, {
      epochs: 6,
      batchSize: 30,
      bootstrap: false,
      learningRate: 3e-3,
      numElites: 1,
    });
    // Six epochs on 300 rows: the kept members predict far better than no change at all.
    expect(Math.min(...r.valMse)).toBeLessThan(0.2 * zeroPredictorMse(small.targets));
    expect(r.epochs.at(-1)!.trainLoss).toBeLessThan(r.epochs[0]!.trainLoss);
    expect(r.epochs[0]!.valNll).toBeUndefined();
    expect(r.elites).toHaveLength(1);
    e.dispose();
  });

  it('rejects a dataset of the wrong size', async () => {
    const e = await createEnsemble({ inputDim: 4, outputDim: 3, hiddenSizes: [4], ensembleSize: 1 });
    expect(() => trainEnsemble(e, { ...small, n: 301 }, { epochs: 1 })).toThrow(RangeError);
    expect(() => trainEnsemble(e, small, { epochs: 1, numElites: 2 })).toThrow(RangeError);
    expect(() => trainEnsemble(e, small, { epochs: 1, holdoutRatio: 1 })).toThrow(/holdoutRatio/);
    const poisoned = { ...small, targets: small.targets.slice() };
    poisoned.targets[5] = Number.NaN;
    expect(() => trainEnsemble(e, poisoned, { epochs: 1 })).toThrow(/non-finite/);
    e.dispose();
  });
});

describe('target normalisation', () => {
  it('fits a tiny-scale target next to a large one (each column standardised)', async () => {
    // Targets: 1000 * sin(x0) and 0.001 * x1^2 — six orders of magnitude apart.
    const n = 600;
    const rng = Generator.fromSeed(2);
    const inputs = new Float32Array(n * 2);
    const targets = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const [a, b] = [rng.uniform(-2, 2), rng.uniform(-2, 2)];
      inputs.set([a, b], 2 * i);
      targets.set([1000 * Math.sin(a), 0.001 * b * b], 2 * i);
    }
    const e = await createEnsemble(
      { inputDim: 2, outputDim: 2, hiddenSizes: [32, 32], ensembleSize: 1, deterministic: true },
      { seed: 1 },
    );
    trainEnsemble(
      e,
      { inputs, targets, n },
      { epochs: 30, learningRate: 3e-3, holdoutRatio: 0, bootstrap: false },
    );
    const { means } = await e.predict(inputs, n);
    let err = 0;
    let variance = 0;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += targets[2 * i + 1]! / n;
    for (let i = 0; i < n; i++) {
      err += (means[0]![2 * i + 1]! - targets[2 * i + 1]!) ** 2 / n;
      variance += (targets[2 * i + 1]! - mean) ** 2 / n;
    }
    // The small column is explained (R^2 > 0.9), not drowned by the large one's loss.
    expect(err / variance).toBeLessThan(0.1);
    e.dispose();
  });
});
