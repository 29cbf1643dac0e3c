import type * as Tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Generator } from '../rng/generator.ts';
import { loadTf, type TfModule } from '../tensor/backend.ts';
import { type AdamManifest, type AdamOptions, createAdam, decodeAdamState, encodeAdamState } from './adam.ts';
import { createMlp, type Mlp } from './mlp.ts';
import { ParamsFormatError } from './params-io.ts';

const CONFIG = { inputDim: 3, hiddenSizes: [16, 16], outputDim: 2, hidden: 'silu', output: 'none' } as const;

describe('adam', () => {
  let tf: TfModule;
  let x: Tf.Tensor2D;
  let y: Tf.Tensor2D;
  beforeAll(async () => {
    tf = await loadTf();
    const rng = Generator.fromSeed(4);
    const draw = (n: number) => Float32Array.from({ length: n }, () => rng.standardNormal());
    x = tf.tensor2d(draw(32 * 3), [32, 3]);
    y = tf.tensor2d(draw(32 * 2), [32, 2]);
    return () => {
      x.dispose();
      y.dispose();
    };
  });

  const net = (seed = 1) => createMlp(tf, { ...CONFIG, hiddenSizes: [16, 16] }, { seed });
  // Batch `k` of a fixed sequence: a different loss surface at every step.
  const loss = (mlp: Mlp, k: number) => {
    const scale = 1 + 0.1 * k;
    return tf.mean(tf.squaredDifference(mlp.forward(tf.mul(x, scale) as Tf.Tensor2D), y)) as Tf.Scalar;
  };
  const ours = (mlp: Mlp, adam: ReturnType<typeof createAdam>, k: number) =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => loss(mlp, k), mlp.variables());
      adam.step(mlp.variables(), grads);
    });
  const weights = (mlp: Mlp) => mlp.variables().map((v) => v.dataSync().slice());

  for (const options of [
    {},
    { learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 },
  ] as AdamOptions[]) {
    it(`matches tf.train.adam bit for bit over 12 steps (${JSON.stringify(options)})`, () => {
      const a = net();
      const b = net();
      const reference = tf.train.adam(options.learningRate, options.beta1, options.beta2, options.epsilon);
      const adam = createAdam(tf, options);
      try {
        for (let k = 0; k < 12; k++) {
          tf.tidy(() => {
            reference.minimize(() => loss(a, k), false, a.variables());
          });
          ours(b, adam, k);
          expect(weights(b)).toEqual(weights(a));
        }
        expect(adam.iterations).toBe(12);
        // The weights did move.
        const fresh = net();
        expect(weights(b)[0]).not.toEqual(weights(fresh)[0]);
        fresh.dispose();
      } finally {
        reference.dispose();
        adam.dispose();
        a.dispose();
        b.dispose();
      }
    });
  }

  it('saved mid-way (through bytes and JSON) and restored, continues identically', async () => {
    const straight = net(2);
    const adam = createAdam(tf, { learningRate: 3e-3 });
    const resumed = net(2);
    const first = createAdam(tf, { learningRate: 3e-3 });
    const second = createAdam(tf, { learningRate: 3e-3 });
    try {
      for (let k = 0; k < 10; k++) ours(straight, adam, k);
      for (let k = 0; k < 5; k++) ours(resumed, first, k);
      const { manifest, bytes } = encodeAdamState(await first.state());
      first.dispose();
      const parsed = JSON.parse(JSON.stringify(manifest)) as AdamManifest;
      expect(parsed.step).toBe(5);
      expect(parsed.tensors.map((t) => t.name)).toEqual([
        ...[0, 1, 2, 3, 4, 5].map((i) => `m/${i}`),
        ...[0, 1, 2, 3, 4, 5].map((i) => `v/${i}`),
      ]);
      second.restore(decodeAdamState(parsed, bytes.slice()));
      expect(second.iterations).toBe(5);
      for (let k = 5; k < 10; k++) ours(resumed, second, k);
      expect(weights(resumed)).toEqual(weights(straight));
      // The restored optimiser's state is the uninterrupted one's.
      expect(await second.state()).toEqual(await adam.state());
    } finally {
      for (const t of [adam, second]) t.dispose();
      straight.dispose();
      resumed.dispose();
    }
  });

  it('leaks no tensors: steps, state and restore keep the count; dispose frees the moments', async () => {
    const mlp = net();
    const before = tf.memory().numTensors;
    const adam = createAdam(tf);
    expect(tf.memory().numTensors).toBe(before + 2); // the two bias-correction powers
    ours(mlp, adam, 0);
    const withMoments = tf.memory().numTensors;
    expect(withMoments).toBe(before + 2 + 2 * mlp.variables().length);
    for (let k = 1; k < 4; k++) {
      ours(mlp, adam, k);
      expect(tf.memory().numTensors).toBe(withMoments);
    }
    const state = await adam.state();
    expect(tf.memory().numTensors).toBe(withMoments);
    adam.restore(state);
    expect(tf.memory().numTensors).toBe(withMoments);
    adam.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => ours(mlp, adam, 0)).toThrow(/dispose/);
    mlp.dispose();
  });

  it('leaves a parameter without a gradient alone; refuses a changed parameter list', () => {
    const mlp = net();
    const adam = createAdam(tf);
    try {
      const vars = mlp.variables();
      const frozen = vars[0]!.dataSync().slice();
      const moved = vars[1]!.dataSync().slice();
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => loss(mlp, 0), vars);
        adam.step(
          vars,
          vars.map((v, i) => (i === 0 ? undefined : grads[v.name])),
        );
      });
      expect(vars[0]!.dataSync()).toEqual(frozen);
      expect(vars[1]!.dataSync()).not.toEqual(moved);
      expect(() =>
        adam.step(
          vars.slice(1),
          vars.slice(1).map(() => undefined),
        ),
      ).toThrow(RangeError);
      expect(() => adam.step(vars, [])).toThrow(/gradients/);
    } finally {
      adam.dispose();
      mlp.dispose();
    }
  });

  it('rejects bad options and inconsistent stored state', async () => {
    expect(() => createAdam(tf, { beta1: 1 })).toThrow(/beta1/);
    expect(() => createAdam(tf, { learningRate: Number.NaN })).toThrow(/learningRate/);
    const mlp = net();
    const adam = createAdam(tf);
    try {
      ours(mlp, adam, 0);
      const { manifest, bytes } = encodeAdamState(await adam.state());
      expect(() => decodeAdamState({ ...manifest, format: 'x' as never }, bytes)).toThrow(ParamsFormatError);
      expect(() => decodeAdamState(manifest, bytes.subarray(4))).toThrow(/bytes/);
      expect(() => decodeAdamState({ ...manifest, step: -1 }, bytes)).toThrow(/step/);
      expect(() => decodeAdamState({ ...manifest, tensors: manifest.tensors.slice(1) }, bytes)).toThrow(
        ParamsFormatError,
      );
      const state = await adam.state();
      expect(() => adam.restore({ ...state, v: [] })).toThrow(RangeError);
    } finally {
      adam.dispose();
      mlp.dispose();
    }
  });
});
