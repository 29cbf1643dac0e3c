import type * as Tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnsemble, type Ensemble } from './ensemble.ts';

describe('probabilistic ensemble forward', () => {
  let ens: Ensemble;
  let tf: Ensemble['tf'];
  beforeAll(async () => {
    ens = await createEnsemble(
      { inputDim: 4, outputDim: 3, hiddenSizes: [16, 16], ensembleSize: 3 },
      { seed: 5 },
    );
    tf = ens.tf;
  });
  afterAll(() => ens.dispose());

  it('gives per-member means and soft-bounded log-variances', () => {
    const out = tf.tidy(() => {
      const x = tf.randomUniform([7, 4], -3, 3, 'float32', 1) as Tf.Tensor2D;
      const o = ens.forward(ens.params, x);
      return { m: o.means.map((t) => t.arraySync()), l: (o.logvars ?? []).map((t) => t.arraySync()) };
    });
    expect(out.m).toHaveLength(3);
    expect(out.l).toHaveLength(3);
    for (const rows of [...out.m, ...out.l]) {
      expect(rows).toHaveLength(7);
      for (const r of rows) expect(r).toHaveLength(3);
    }
    // Initial bounds 0.5 / -10: the soft clamp keeps every log-variance strictly inside them.
    for (const v of out.l.flat(2)) {
      expect(v).toBeLessThan(0.5);
      expect(v).toBeGreaterThan(-10);
    }
    // Members differ (independent initialisations).
    expect(out.m[0]).not.toEqual(out.m[1]);
  });

  it('evaluates a subset of members, on shared or per-member inputs', () => {
    const [a, b] = tf.tidy(() => {
      const x = tf.randomUniform([5, 4], -1, 1, 'float32', 2) as Tf.Tensor2D;
      const all = ens.forward(ens.params, x);
      const some = ens.forward(ens.params, [x, x], { members: [2, 0] });
      return [
        [all.means[2]!.arraySync(), all.means[0]!.arraySync()],
        [some.means[0]!.arraySync(), some.means[1]!.arraySync()],
      ];
    });
    expect(b).toEqual(a);
    expect(() =>
      tf.tidy(() => {
        ens.forward(ens.params, [tf.zeros([2, 4]) as Tf.Tensor2D]);
      }),
    ).toThrow(RangeError);
  });

  it('is differentiable w.r.t. its inputs (matches finite differences) and to second order', () => {
    const x0 = [0.3, -0.7, 1.1, 0.2];
    const f = (x: Tf.Tensor) => {
      const o = ens.forward(ens.params, x as Tf.Tensor2D);
      return tf.add(tf.sum(tf.addN(o.means)), tf.mul(0.1, tf.sum(tf.addN(o.logvars!)))) as Tf.Scalar;
    };
    const { g, g2 } = tf.tidy(() => {
      const x = tf.tensor2d([x0]);
      return {
        g: tf.grad(f)(x).dataSync().slice(),
        g2: tf
          .grad((v: Tf.Tensor) => tf.sum(tf.square(tf.grad(f)(v))))(x)
          .dataSync()
          .slice(),
      };
    });
    const eps = 1e-2;
    const value = (x: number[]) => tf.tidy(() => f(tf.tensor2d([x])).dataSync()[0]!);
    x0.forEach((_, j) => {
      const plus = x0.map((v, k) => (k === j ? v + eps : v));
      const minus = x0.map((v, k) => (k === j ? v - eps : v));
      const fd = (value(plus) - value(minus)) / (2 * eps);
      expect(Math.abs(g[j]! - fd)).toBeLessThan(2e-2 * (1 + Math.abs(fd)));
    });
    expect(g.some((v) => v !== 0)).toBe(true);
    // Second order (what MAML-style meta-learning needs): d/dx |df/dx|^2 against finite differences.
    const gradNorm = (x: number[]) =>
      tf.tidy(() => tf.sum(tf.square(tf.grad(f)(tf.tensor2d([x])))).dataSync()[0]!);
    x0.forEach((_, j) => {
      const plus = x0.map((v, k) => (k === j ? v + eps : v));
      const minus = x0.map((v, k) => (k === j ? v - eps : v));
      const fd = (gradNorm(plus) - gradNorm(minus)) / (2 * eps);
      expect(Math.abs(g2[j]! - fd)).toBeLessThan(3e-2 * (1 + Math.abs(fd)));
    });
    expect(g2.some((v) => v !== 0)).toBe(true);
  });

  it('gives gradients w.r.t. explicit parameters (meta-learning can pass adapted ones)', () => {
    const norms = tf.tidy(() => {
      const x = tf.randomUniform([8, 4], -1, 1, 'float32', 3) as Tf.Tensor2D;
      const { grads } = tf.variableGrads(() => tf.sum(ens.forward(ens.params, x).means[1]!) as Tf.Scalar);
      const member1 = ens.params.members[1]!.layers[0]!.w as Tf.Variable;
      const member0 = ens.params.members[0]!.layers[0]!.w as Tf.Variable;
      return [
        tf.norm(grads[member1.name]!).dataSync()[0]!,
        grads[member0.name] ? tf.norm(grads[member0.name]!).dataSync()[0]! : 0,
      ];
    });
    expect(norms[0]).toBeGreaterThan(0);
    expect(norms[1]).toBe(0);
  });

  it('leaks no tensors across 100 forward calls and predict calls', async () => {
    const x = tf.randomUniform([32, 4], -1, 1, 'float32', 4) as Tf.Tensor2D;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) {
      const s = tf.tidy(() => tf.addN(ens.forward(ens.params, x).means.map((m) => tf.sum(m))));
      s.dataSync();
      s.dispose();
    }
    for (let i = 0; i < 10; i++) await ens.predict(new Float32Array(32 * 4), 32);
    for (let i = 0; i < 10; i++) {
      tf.tidy(() => {
        tf.grad((v: Tf.Tensor) => tf.sum(ens.forward(ens.params, v as Tf.Tensor2D).means[0]!))(x);
      });
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('deterministic members have only a mean head; dispose frees every tensor', async () => {
    const before = ens.tf.memory().numTensors;
    const det = await createEnsemble({
      inputDim: 2,
      outputDim: 2,
      hiddenSizes: [8],
      ensembleSize: 2,
      deterministic: true,
    });
    const out = await det.predict(Float32Array.of(1, 2, 3, 4), 2);
    expect(out.means).toHaveLength(2);
    expect(out.means[0]).toHaveLength(4);
    expect(out.logvars).toBeUndefined();
    expect(det.trainableVariables()).toHaveLength(2 * 4);
    det.dispose();
    expect(ens.tf.memory().numTensors).toBe(before);
  });

  it('rejects an invalid config', async () => {
    await expect(createEnsemble({ inputDim: 0, outputDim: 1 })).rejects.toThrow(/inputDim/);
    await expect(createEnsemble({ inputDim: 1, outputDim: 1, hiddenSizes: [3, 1.5] })).rejects.toThrow(
      /hiddenSizes/,
    );
  });
});
