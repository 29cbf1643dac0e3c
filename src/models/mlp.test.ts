import type * as Tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type TfModule } from '../tensor/backend.ts';
import { denseFor, inferenceDenseFor } from './dense.ts';
import { createEnsemble } from './ensemble.ts';
import {
  createMlp,
  disposeMlp,
  type HiddenActivation,
  type MlpConfig,
  type MlpParams,
  mlpForward,
  mlpTensors,
  type OutputActivation,
} from './mlp.ts';

// A 2-3-2 network with hand-picked weights, row-major [in, out].
const W1 = [
  [0.5, -1, 0.25],
  [2, 0.75, -0.5],
];
const B1 = [0.1, -0.2, 0.3];
const W2 = [
  [1, -0.5],
  [0.25, 2],
  [-1.5, 0.5],
];
const B2 = [0.05, -0.1];
const X = [
  [0.3, -0.6],
  [-1.2, 0.9],
  [2, 1],
];

const ACT: Record<HiddenActivation | OutputActivation, (z: number) => number> = {
  relu: (z) => Math.max(0, z),
  silu: (z) => z / (1 + Math.exp(-z)),
  tanh: Math.tanh,
  none: (z) => z,
};

/** The same network in float64 JavaScript. */
function byHand(x: number[], hidden: HiddenActivation, output: OutputActivation): number[] {
  const h = B1.map((b, j) => ACT[hidden](b + x.reduce((s, xi, i) => s + xi * W1[i]![j]!, 0)));
  return B2.map((b, k) => ACT[output](b + h.reduce((s, hj, j) => s + hj * W2[j]![k]!, 0)));
}

describe('mlp', () => {
  let tf: TfModule;
  let params: MlpParams;
  beforeAll(async () => {
    tf = await loadTf();
    params = {
      layers: [
        { w: tf.tensor2d(W1), b: tf.tensor1d(B1) },
        { w: tf.tensor2d(W2), b: tf.tensor1d(B2) },
      ],
    };
    return () => disposeMlp(params);
  });

  for (const hidden of ['relu', 'silu', 'tanh'] as const) {
    for (const output of ['none', 'tanh'] as const) {
      it(`forward (${hidden} hidden, ${output} output) matches a hand computation`, () => {
        const before = tf.memory().numTensors;
        const got = tf.tidy(() => mlpForward(tf, params, tf.tensor2d(X), { hidden, output }).arraySync());
        expect(tf.memory().numTensors).toBe(before);
        X.forEach((x, r) => {
          byHand(x, hidden, output).forEach((want, k) => {
            expect(Math.abs(got[r]![k]! - want)).toBeLessThan(1e-6 * (1 + Math.abs(want)));
          });
        });
      });
    }
  }

  it('the bare inference kernel gives the same values, bit for bit', () => {
    for (const hidden of ['relu', 'silu', 'tanh'] as const) {
      const [a, b] = tf.tidy(() => {
        const x = tf.tensor2d(X);
        return [
          mlpForward(tf, params, x, { hidden }).dataSync(),
          mlpForward(tf, params, x, { hidden }, inferenceDenseFor(tf)).dataSync(),
        ];
      });
      expect(b).toEqual(a);
    }
  });

  it("the dense kernel's gradients (linear and fused ReLU) match tfjs's own", () => {
    const bias: number[][] = [];
    for (const activation of ['linear', 'relu'] as const) {
      const grads = (dense: typeof denseFor) =>
        tf.tidy(() => {
          const x = tf.tensor2d(X);
          const w = tf.tensor2d(W1);
          const b = tf.tensor1d(B1);
          const up = tf.tensor2d([
            [1, -2, 0.5],
            [0.3, 1, -1],
            [2, 0.1, 1],
          ]);
          const f = (xx: Tf.Tensor, ww: Tf.Tensor, bb: Tf.Tensor) =>
            tf.sum(
              tf.mul(dense(tf)(xx as Tf.Tensor2D, ww as Tf.Tensor2D, bb as Tf.Tensor1D, activation), up),
            );
          return tf
            .grads(f)([x, w, b])
            .map((g) => Array.from(g.dataSync()));
        });
      const ours = grads(denseFor);
      const theirs = grads(inferenceDenseFor);
      ours.forEach((g, i) => {
        g.forEach((v, j) => {
          expect(Math.abs(v - theirs[i]![j]!)).toBeLessThan(1e-5);
        });
      });
      bias.push(ours[2]!);
    }
    // Some pre-activations are negative here: the ReLU's gate shows in the bias gradient.
    expect(bias[1]).not.toEqual(bias[0]);
  });

  it('createMlp draws the ensemble initialisation: same seed, same weights as a one-member ensemble', async () => {
    const mlp = createMlp(
      tf,
      { inputDim: 4, hiddenSizes: [8, 8], outputDim: 3, hidden: 'silu', output: 'none' },
      { seed: 3 },
    );
    const ens = await createEnsemble(
      { inputDim: 4, outputDim: 3, hiddenSizes: [8, 8], ensembleSize: 1, deterministic: true },
      { seed: 3 },
    );
    try {
      const a = mlpTensors(mlp.params).map(([, t]) => t.dataSync());
      const b = mlpTensors(ens.params.members[0]!).map(([, t]) => t.dataSync());
      expect(a).toEqual(b);
      // Truncated at 2 standard deviations of 1 / (2 sqrt(fanIn)), biases zero.
      for (const v of a[0]!) expect(Math.abs(v)).toBeLessThanOrEqual(2 / (2 * Math.sqrt(4)));
      expect(Array.from(a[1]!)).toEqual(new Array(8).fill(0));
      // And the ensemble's forward is the MLP's (deterministic member, identity normaliser).
      const [fe, fm] = tf.tidy(() => {
        const x = tf.tensor2d([
          [0.1, 0.2, 0.3, 0.4],
          [-1, 0, 1, 2],
        ]);
        return [ens.forward(ens.params, x).means[0]!.dataSync(), mlp.forward(x).dataSync()];
      });
      expect(fm).toEqual(fe);
    } finally {
      mlp.dispose();
      ens.dispose();
    }
  });

  it('trains through its variables and frees every tensor on dispose', () => {
    const before = tf.memory().numTensors;
    const mlp = createMlp(
      tf,
      { inputDim: 2, hiddenSizes: [16], outputDim: 1, hidden: 'relu', output: 'tanh' },
      { seed: 1 },
    );
    expect(mlp.variables()).toHaveLength(4);
    expect(tf.memory().numTensors).toBe(before + 4);
    const x = tf.tensor2d(X);
    const y = tf.tensor2d([[0.5], [-0.5], [0.25]]);
    const loss = () => tf.tidy(() => tf.mean(tf.squaredDifference(mlp.forward(x), y)).dataSync()[0]!);
    const first = loss();
    const opt = tf.train.sgd(0.1);
    for (let i = 0; i < 50; i++) {
      tf.tidy(() => {
        opt.minimize(
          () => tf.mean(tf.squaredDifference(mlp.forward(x), y)) as Tf.Scalar,
          false,
          mlp.variables(),
        );
      });
    }
    expect(loss()).toBeLessThan(first / 4);
    opt.dispose();
    x.dispose();
    y.dispose();
    mlp.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a seed fixes the weights; another seed changes them', () => {
    const config = { inputDim: 3, hiddenSizes: [5], outputDim: 2, hidden: 'tanh', output: 'none' } as const;
    const [a, b, c] = [1, 1, 2].map((seed) => {
      const m = createMlp(tf, { ...config, hiddenSizes: [5] }, { seed });
      const w = m.params.layers[0]!.w.dataSync().slice();
      m.dispose();
      return w;
    });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('rejects an invalid config', () => {
    const ok: MlpConfig = { inputDim: 2, hiddenSizes: [4], outputDim: 1, hidden: 'relu', output: 'none' };
    expect(() => createMlp(tf, { ...ok, inputDim: 0 })).toThrow(/inputDim/);
    expect(() => createMlp(tf, { ...ok, hiddenSizes: [4, 2.5] })).toThrow(/hiddenSizes\[1\]/);
    expect(() => createMlp(tf, { ...ok, hidden: 'gelu' as never })).toThrow(/hidden/);
    expect(() => createMlp(tf, { ...ok, output: 'sigmoid' as never })).toThrow(/output/);
  });
});
