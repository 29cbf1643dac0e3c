/**
 * One SAC gradient update, in SB3's order (stable_baselines3/sac/sac.py `train`): the entropy
 * coefficient's step (with the coefficient of before it used throughout), the critics' step on
 * the soft Bellman target of the target critics, the actor's step against the updated critics,
 * then the targets' Polyak move every `target_update_interval` updates. Every random draw (the
 * actor's noise) comes from the caller's generator, so a run is reproducible bit for bit and can
 * be resumed from a checkpoint.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import { type Adam, createAdam } from '../../models/adam.ts';
import { mlpVariables } from '../../models/mlp.ts';
import { polyakUpdate } from '../../models/polyak.ts';
import type { Generator } from '../../rng/generator.ts';
import type { TfModule } from '../../tensor/backend.ts';
import { actorSample, criticValue, minQ, type SacNetworks } from './networks.ts';

/** A minibatch with actions already scaled to [-1, 1]. */
export interface SacBatch {
  n: number;
  obs: Float32Array;
  action: Float32Array;
  reward: Float32Array;
  nextObs: Float32Array;
  /** 1 where the episode terminated (no bootstrap); truncation is not termination. */
  terminated: Uint8Array;
}

/** Hyperparameters of the update. */
export interface SacUpdateSettings {
  gamma: number;
  tau: number;
  learningRate: number;
  targetUpdateInterval: number;
  /** A fixed entropy coefficient, or undefined to learn it towards `targetEntropy`. */
  fixedEntCoef?: number;
  targetEntropy: number;
}

/** Losses and the coefficient of one update. */
export interface SacUpdateStats {
  criticLoss: number;
  actorLoss: number;
  entCoef: number;
  entCoefLoss: number;
}

/** The optimisers, in the order they are stored. */
export interface SacOptimizers {
  actor: Adam;
  critic: Adam;
  entropy: Adam;
}

/**
 * SB3's Adam is PyTorch's: epsilon 1e-8 (tfjs would use the backend's 1e-7). The three share
 * SB3's single learning rate.
 */
export function createSacOptimizers(tf: TfModule, learningRate: number): SacOptimizers {
  const make = () => createAdam(tf, { learningRate, epsilon: 1e-8 });
  return { actor: make(), critic: make(), entropy: make() };
}

/** Standard normal noise `[n, d]` from `rng`, row-major. */
export function normalNoise(rng: Generator, n: number, d: number): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < out.length; i++) out[i] = rng.standardNormal();
  return out;
}

/** The actor's noise of one update, each `[B, actionDim]` standard normal. */
export interface SacNoise {
  /** For the batch's observations (the entropy and actor steps). */
  pi: Float32Array;
  /** For the next observations (the critics' target). */
  next: Float32Array;
}

/** One update's noise from `rng`: `pi` first, then `next`. */
export function drawSacNoise(rng: Generator, n: number, actionDim: number): SacNoise {
  const pi = normalNoise(rng, n, actionDim);
  return { pi, next: normalNoise(rng, n, actionDim) };
}

/**
 * See the module doc. Updates `net` and the optimisers in place; `updates` counts the updates
 * before this one (for the target interval).
 */
export function sacUpdate(
  tf: TfModule,
  net: SacNetworks,
  opt: SacOptimizers,
  settings: SacUpdateSettings,
  batch: SacBatch,
  noise: SacNoise,
  updates: number,
): SacUpdateStats {
  const { obsDim, actionDim } = net.shape;
  const B = batch.n;
  const piNoise = noise.pi;
  const nextNoise = noise.next;
  const actorVars = mlpVariables(tf, net.actor);
  const criticVars = [...mlpVariables(tf, net.critics[0]), ...mlpVariables(tf, net.critics[1])];
  const out = tf.tidy(() => {
    const obs = tf.tensor2d(batch.obs, [B, obsDim]);
    const action = tf.tensor2d(batch.action, [B, actionDim]);
    const nextObs = tf.tensor2d(batch.nextObs, [B, obsDim]);
    const reward = tf.tensor2d(batch.reward, [B, 1]);
    const notDone = tf.sub(1, tf.tensor2d(Float32Array.from(batch.terminated), [B, 1]));
    const piEps = tf.tensor2d(piNoise, [B, actionDim]);

    // 1. The entropy coefficient: loss -mean(log_alpha * (log pi + target)), its gradient
    //    -mean(log pi + target), with alpha itself taken before the step.
    let alpha: Tf.Scalar;
    let entLoss: Tf.Scalar = tf.scalar(0);
    if (settings.fixedEntCoef === undefined) {
      alpha = tf.exp(net.logAlpha);
      const logProb = actorSample(tf, net, obs, piEps).logProb;
      const shifted = tf.add(logProb, settings.targetEntropy);
      entLoss = tf.neg(tf.mean(tf.mul(net.logAlpha, shifted))) as Tf.Scalar;
      opt.entropy.step([net.logAlpha], [tf.neg(tf.mean(shifted))]);
    } else {
      alpha = tf.scalar(settings.fixedEntCoef);
    }

    // 2. The soft Bellman target from the target critics.
    const next = actorSample(tf, net, nextObs, tf.tensor2d(nextNoise, [B, actionDim]));
    const nextQ = tf.sub(minQ(tf, net.targets, nextObs, next.action), tf.mul(alpha, next.logProb));
    const target = tf.add(reward, tf.mul(tf.mul(notDone, settings.gamma), nextQ));

    // 3. The critics: 0.5 * sum of each one's MSE.
    const critic = tf.variableGrads(() => {
      const e0 = tf.mean(tf.squaredDifference(criticValue(tf, net.critics[0], obs, action), target));
      const e1 = tf.mean(tf.squaredDifference(criticValue(tf, net.critics[1], obs, action), target));
      return tf.mul(tf.add(e0, e1), 0.5) as Tf.Scalar;
    }, criticVars);
    opt.critic.step(criticVars, critic.grads);

    // 4. The actor against the updated critics: mean(alpha log pi - min Q).
    const actor = tf.variableGrads(() => {
      const s = actorSample(tf, net, obs, piEps);
      return tf.mean(tf.sub(tf.mul(alpha, s.logProb), minQ(tf, net.critics, obs, s.action))) as Tf.Scalar;
    }, actorVars);
    opt.actor.step(actorVars, actor.grads);
    return tf.stack([critic.value, actor.value, alpha, entLoss]);
  });
  // 5. The targets.
  if ((updates + 1) % settings.targetUpdateInterval === 0) {
    // Targets are not trainable (mlpVariables skips them): list their tensors in the same order.
    const targetVars = net.targets.flatMap((t) => t.layers.flatMap((l) => [l.w, l.b])) as Tf.Variable[];
    polyakUpdate(tf, targetVars, criticVars, settings.tau);
  }
  const values = out.dataSync();
  out.dispose();
  return { criticLoss: values[0]!, actorLoss: values[1]!, entCoef: values[2]!, entCoefLoss: values[3]! };
}
