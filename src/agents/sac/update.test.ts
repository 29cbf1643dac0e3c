import type * as Tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import fixture from '../../../test/fixtures/sac-update.json' with { type: 'json' };
import type { MlpParams } from '../../models/mlp.ts';
import { Generator } from '../../rng/generator.ts';
import { loadTf, type TfModule } from '../../tensor/backend.ts';
import { createSacNetworks, disposeSacNetworks, type SacNetworks } from './networks.ts';
import { createSacOptimizers, drawSacNoise, type SacBatch, sacUpdate } from './update.ts';

type Layers = Array<{ w: number[][]; b: number[] }>;

const s = fixture.settings;
const shape = { obsDim: s.obs_dim, actionDim: s.action_dim, actorHidden: s.hidden, criticHidden: s.hidden };
const settings = {
  gamma: s.gamma,
  tau: s.tau,
  learningRate: s.learning_rate,
  targetUpdateInterval: 1,
  targetEntropy: s.target_entropy,
};

function batchOf(b: typeof fixture.batch): SacBatch {
  return {
    n: b.obs.length,
    obs: Float32Array.from(b.obs.flat()),
    action: Float32Array.from(b.action.flat()),
    reward: Float32Array.from(b.reward),
    nextObs: Float32Array.from(b.next_obs.flat()),
    terminated: Uint8Array.from(b.terminated),
  };
}

describe('sacUpdate', () => {
  let tf: TfModule;
  beforeAll(async () => {
    tf = await loadTf();
  });

  /** Networks holding the fixture's initial weights (targets = critics, as at the start). */
  function fixtureNetworks(): SacNetworks {
    const net = createSacNetworks(tf, shape, Generator.fromSeed(0), s.init_ent_coef);
    const set = (p: MlpParams, layers: Layers) =>
      p.layers.forEach((l, i) => {
        (l.w as Tf.Variable).assign(tf.tensor2d(layers[i]!.w));
        (l.b as Tf.Variable).assign(tf.tensor1d(layers[i]!.b));
      });
    set(net.actor, fixture.initial.actor);
    set(net.critics[0], fixture.initial.q0);
    set(net.critics[1], fixture.initial.q1);
    set(net.targets[0], fixture.initial.q0);
    set(net.targets[1], fixture.initial.q1);
    return net;
  }

  function expectLayers(p: MlpParams, want: Layers, name: string) {
    p.layers.forEach((l, i) => {
      const w = l.w.arraySync() as number[][];
      const b = l.b.arraySync() as number[];
      w.flat().forEach((v, j) => {
        expect(v, `${name} layer ${i} w[${j}]`).toBeCloseTo(want[i]!.w.flat()[j]!, 5);
      });
      b.forEach((v, j) => {
        expect(v, `${name} layer ${i} b[${j}]`).toBeCloseTo(want[i]!.b[j]!, 5);
      });
    });
  }

  it("reproduces PyTorch's SB3-ordered updates: losses, coefficient and every parameter", () => {
    const net = fixtureNetworks();
    const opt = createSacOptimizers(tf, s.learning_rate);
    const before = tf.memory().numTensors;
    fixture.noise.forEach((n, k) => {
      const stats = sacUpdate(
        tf,
        net,
        opt,
        settings,
        batchOf(fixture.batch),
        { pi: Float32Array.from(n.pi.flat()), next: Float32Array.from(n.next.flat()) },
        k,
      );
      const want = fixture.stats[k]!;
      expect(stats.criticLoss).toBeCloseTo(want.critic_loss, 4);
      expect(stats.actorLoss).toBeCloseTo(want.actor_loss, 4);
      expect(stats.entCoef).toBeCloseTo(want.ent_coef, 6);
      expect(stats.entCoefLoss).toBeCloseTo(want.ent_coef_loss, 5);
    });
    // Adam's two moments per parameter (actor 3 layers, two critics of 3, log alpha) are made on
    // the first step; nothing else may stay behind.
    expect(tf.memory().numTensors - before).toBe(2 * (2 * 3 + 2 * 2 * 3 + 1));
    const f = fixture.final;
    expectLayers(net.actor, f.actor, 'actor');
    expectLayers(net.critics[0], f.q0, 'q0');
    expectLayers(net.critics[1], f.q1, 'q1');
    expectLayers(net.targets[0], f.target0, 'target0');
    expectLayers(net.targets[1], f.target1, 'target1');
    expect(net.logAlpha.arraySync()).toBeCloseTo(f.log_alpha, 6);
    disposeSacNetworks(net);
    for (const o of Object.values(opt)) o.dispose();
  });

  it('keeps the targets until the interval is reached, and a fixed coefficient fixed', () => {
    const net = fixtureNetworks();
    const opt = createSacOptimizers(tf, s.learning_rate);
    const target = () => Array.from(net.targets[0].layers[0]!.w.dataSync());
    const start = target();
    const noise = drawSacNoise(Generator.fromSeed(1), 6, s.action_dim);
    const fixed = { ...settings, targetUpdateInterval: 2, fixedEntCoef: 0.3 };
    const first = sacUpdate(tf, net, opt, fixed, batchOf(fixture.batch), noise, 0);
    expect(target()).toEqual(start);
    expect(first.entCoef).toBeCloseTo(0.3, 6);
    expect(net.logAlpha.arraySync()).toBeCloseTo(Math.log(s.init_ent_coef), 6);
    sacUpdate(tf, net, opt, fixed, batchOf(fixture.batch), noise, 1);
    expect(target()).not.toEqual(start);
    disposeSacNetworks(net);
    for (const o of Object.values(opt)) o.dispose();
  });
});
