/**
 * A differentiable objective from an ensemble, for gradient-based planning: the start observation
 * is propagated through the mean of the (elite) members' predicted means (no sampling, so the
 * gradient is of a deterministic function), and the rewards come from the model's learned reward
 * or a tensor reward function. The env registry's batched rewards are plain JavaScript and give no
 * gradient; planners that need one use these instead.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import type { Ensemble } from '../models/ensemble.ts';
import { type DynamicsLayout, inputDim, outputDim, rewardColumn } from '../models/layout.ts';
import type { DifferentiableObjective } from './planner.ts';

/** A reward as tensor ops: `obs` `[n, d]`, `action` `[n, a]`, `next` `[n, d]` -> `[n]`. */
export type TensorReward = (obs: Tf.Tensor2D, action: Tf.Tensor2D, next: Tf.Tensor2D) => Tf.Tensor1D;

/**
 * The predicted return of `[population, horizon, a]` sequences from `obs`, differentiable in the
 * actions. Box actions only. Uses `reward` when given, else the model's learned reward.
 */
export function ensembleObjective(
  ensemble: Ensemble,
  layout: DynamicsLayout,
  obs: Float32Array,
  reward?: TensorReward,
): DifferentiableObjective {
  const { tf } = ensemble;
  if (layout.action.kind !== 'box') throw new RangeError('gradient planning needs Box actions');
  if (ensemble.config.inputDim !== inputDim(layout) || ensemble.config.outputDim !== outputDim(layout)) {
    throw new RangeError('the ensemble does not fit the layout');
  }
  const rc = rewardColumn(layout);
  if (!reward && rc < 0) throw new RangeError('no reward: give a tensor reward or learn the reward');
  const d = layout.obsDim;
  const members = ensemble.elites;
  return (actions: Tf.Tensor3D) => {
    const [population, horizon] = actions.shape;
    let state = tf.tile(tf.tensor2d(obs, [1, d]), [population, 1]) as Tf.Tensor2D;
    let total = tf.zeros([population]) as Tf.Tensor1D;
    for (let t = 0; t < horizon; t++) {
      const a = tf.reshape(tf.slice(actions, [0, t, 0], [-1, 1, -1]), [population, -1]) as Tf.Tensor2D;
      const out = ensemble.forward(ensemble.params, tf.concat([state, a], 1) as Tf.Tensor2D, { members });
      const mean = tf.div(tf.addN(out.means), members.length) as Tf.Tensor2D;
      const next = tf.add(state, tf.slice(mean, [0, 0], [-1, d])) as Tf.Tensor2D;
      const r = reward
        ? reward(state, a, next)
        : (tf.reshape(tf.slice(mean, [0, rc], [-1, 1]), [-1]) as Tf.Tensor1D);
      total = tf.add(total, r) as Tf.Tensor1D;
      state = next;
    }
    return total;
  };
}
