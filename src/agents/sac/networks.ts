/**
 * SAC's networks: a tanh-squashed Gaussian actor (one MLP whose output holds the mean and the log
 * standard deviation of each action dimension), twin Q critics over (observation, action) with a
 * Polyak-averaged target copy of each, and the log entropy coefficient. All are explicit
 * parameters on the network layer (models/mlp.ts), initialised as PyTorch's `nn.Linear` (SB3's
 * start), so a seed fixes them on any backend. Actions are in [-1, 1] here; the agent scales
 * them to the env's bounds.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import {
  type DenseParams,
  disposeMlp,
  initMlpParams,
  type MlpParams,
  mlpForward,
  mlpLayerWidths,
  toVariable,
} from '../../models/mlp.ts';
import type { Generator } from '../../rng/generator.ts';
import type { TfModule } from '../../tensor/backend.ts';

/** SB3's clamp of the actor's log standard deviation. */
export const LOG_STD_MIN = -20;
export const LOG_STD_MAX = 2;
/** SB3's epsilon in the tanh change of variables, log(1 - tanh(u)^2 + eps). */
const SQUASH_EPSILON = 1e-6;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Sizes of the networks. */
export interface SacShape {
  obsDim: number;
  actionDim: number;
  actorHidden: readonly number[];
  criticHidden: readonly number[];
}

/** The parameters of one SAC agent. */
export interface SacNetworks {
  shape: SacShape;
  actor: MlpParams;
  critics: [MlpParams, MlpParams];
  targets: [MlpParams, MlpParams];
  /** log(alpha), a scalar variable. */
  logAlpha: Tf.Variable<Tf.Rank.R0>;
}

/** A squashed Gaussian sample and its log density. */
export interface ActorSample {
  /** tanh(mean + std * noise), `[B, actionDim]` in (-1, 1). */
  action: Tf.Tensor2D;
  /** log pi(action | obs), `[B, 1]`. */
  logProb: Tf.Tensor2D;
}

const RELU = { hidden: 'relu' } as const;

/** Layer widths of the actor and of each critic. */
export function sacLayerWidths(shape: SacShape) {
  return {
    actor: mlpLayerWidths(shape.obsDim, shape.actorHidden, 2 * shape.actionDim),
    critic: mlpLayerWidths(shape.obsDim + shape.actionDim, shape.criticHidden, 1),
  };
}

/** Fresh networks drawn from `rng` (actor, then each critic; targets start as copies). */
export function createSacNetworks(
  tf: TfModule,
  shape: SacShape,
  rng: Generator,
  initEntCoef: number,
): SacNetworks {
  const widths = sacLayerWidths(shape);
  const actor = initMlpParams(tf, widths.actor, rng, true, 'torch');
  const critics: [MlpParams, MlpParams] = [
    initMlpParams(tf, widths.critic, rng, true, 'torch'),
    initMlpParams(tf, widths.critic, rng, true, 'torch'),
  ];
  const copy = (p: MlpParams): MlpParams => ({
    layers: p.layers.map(
      (l): DenseParams => ({
        w: toVariable<Tf.Rank.R2>(tf, () => l.w.clone(), false),
        b: toVariable<Tf.Rank.R1>(tf, () => l.b.clone(), false),
      }),
    ),
  });
  const targets: [MlpParams, MlpParams] = [copy(critics[0]), copy(critics[1])];
  const logAlpha = toVariable<Tf.Rank.R0>(tf, () => tf.scalar(Math.log(initEntCoef)), true);
  return { shape, actor, critics, targets, logAlpha };
}

/** Frees every tensor. */
export function disposeSacNetworks(n: SacNetworks): void {
  disposeMlp(n.actor);
  for (const p of [...n.critics, ...n.targets]) disposeMlp(p);
  n.logAlpha.dispose();
}

/** The actor's mean and clamped log standard deviation, each `[B, actionDim]`. */
export function actorHead(
  tf: TfModule,
  n: SacNetworks,
  obs: Tf.Tensor2D,
): { mean: Tf.Tensor2D; logStd: Tf.Tensor2D } {
  const out = mlpForward(tf, n.actor, obs, RELU);
  const d = n.shape.actionDim;
  const [mean, rawLogStd] = tf.split(out, [d, d], 1) as [Tf.Tensor2D, Tf.Tensor2D];
  return { mean, logStd: tf.clipByValue(rawLogStd, LOG_STD_MIN, LOG_STD_MAX) };
}

/** The greedy action tanh(mean), `[B, actionDim]`. */
export function actorMode(tf: TfModule, n: SacNetworks, obs: Tf.Tensor2D): Tf.Tensor2D {
  return tf.tanh(actorHead(tf, n, obs).mean);
}

/**
 * A reparameterised sample `tanh(mean + std * noise)` with its log density: the Gaussian's
 * `sum(-noise^2 / 2 - log std - log(2 pi) / 2)` minus the squashing's `sum(log(1 - a^2 + 1e-6))`.
 * `noise` is standard normal `[B, actionDim]`, drawn by the caller (from our generator, so that
 * updates are reproducible bit for bit). Pure: differentiable w.r.t. the actor.
 */
export function actorSample(tf: TfModule, n: SacNetworks, obs: Tf.Tensor2D, noise: Tf.Tensor2D): ActorSample {
  const { mean, logStd } = actorHead(tf, n, obs);
  const u = tf.add(mean, tf.mul(tf.exp(logStd), noise));
  const action = tf.tanh(u) as Tf.Tensor2D;
  const gaussian = tf.sub(tf.mul(tf.square(noise), -0.5), tf.add(logStd, HALF_LOG_TWO_PI));
  const squash = tf.log(tf.add(tf.sub(1, tf.square(action)), SQUASH_EPSILON));
  const logProb = tf.sum(tf.sub(gaussian, squash), 1, true) as Tf.Tensor2D;
  return { action, logProb };
}

/** Q(obs, action) of one critic's parameters, `[B, 1]`. */
export function criticValue(
  tf: TfModule,
  critic: MlpParams,
  obs: Tf.Tensor2D,
  action: Tf.Tensor2D,
): Tf.Tensor2D {
  return mlpForward(tf, critic, tf.concat([obs, action], 1) as Tf.Tensor2D, RELU);
}

/** min(Q1, Q2) of a pair of critics, `[B, 1]`. */
export function minQ(
  tf: TfModule,
  pair: readonly [MlpParams, MlpParams],
  obs: Tf.Tensor2D,
  action: Tf.Tensor2D,
): Tf.Tensor2D {
  return tf.minimum(criticValue(tf, pair[0], obs, action), criticValue(tf, pair[1], obs, action));
}
