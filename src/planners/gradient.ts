/**
 * Gradient-based planning: Adam on the action sequences through a differentiable model and reward
 * (as in "Gradient-based planning with world models", and PETS's comparison), projected onto the
 * bounds after every step. Several sequences are optimised at once from the warm start plus
 * Gaussian perturbations, or from another planner's result (CEM then gradient refinement, as in
 * Bharadhwaj et al., "Model-Predictive Control via Cross-Entropy and Gradient-Based Optimization",
 * 2020). The executed sequence is the best by the problem's evaluator, the same scorer the
 * sampling planners use, so a refinement is only kept when it really scores better.
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import type { TfModule } from '../tensor/backend.ts';
import { initialStd } from './cem.ts';
import {
  argmax,
  type BoxActions,
  centreSequence,
  type Planner,
  type PlanOutput,
  type PlanProblem,
  shiftSequence,
  startingMean,
} from './planner.ts';
import { sampleGaussian } from './sampling.ts';

/** Gradient planner settings. */
export interface GradientConfig {
  horizon: number;
  /** Sequences optimised together (default 16). */
  population: number;
  /** Adam steps per call (default 20). */
  steps: number;
  /** Adam step size, in action units (default 0.05 of the action range). */
  learningRate: number;
  /** Standard deviation of the starting perturbations, as a fraction of CEM's initial one (default 1). */
  initScale: number;
}

export const GRADIENT_DEFAULTS: Omit<GradientConfig, 'horizon' | 'learningRate'> = {
  population: 16,
  steps: 20,
  initScale: 1,
};

/**
 * A gradient planner over Box actions. With `refine`, that planner runs first and its sequence
 * (and perturbations of it) start the optimisation. Needs `problem.objective`.
 */
export function gradientPlanner(
  tf: TfModule,
  actions: BoxActions,
  config: Partial<GradientConfig> & { horizon: number },
  refine?: Planner,
): Planner {
  const range = Math.max(...Array.from(actions.low, (lo, j) => actions.high[j]! - lo));
  const c: GradientConfig = { ...GRADIENT_DEFAULTS, learningRate: 0.05 * range, ...config };
  const { horizon } = c;
  const w = actions.low.length;
  const len = horizon * w;
  const centre = centreSequence(actions, 1);
  if (refine && refine.horizon !== horizon) throw new RangeError('the refined planner has another horizon');
  return {
    name: refine ? `${refine.name}+gradient` : 'gradient',
    horizon,
    actions,
    plan(problem: PlanProblem): PlanOutput {
      const { objective, evaluate, noise } = problem;
      if (!objective)
        throw new RangeError('gradient planning needs a differentiable objective (problem.objective)');
      const first = refine?.plan(problem);
      const start =
        first?.sequence ?? startingMean(problem.context, len, () => centreSequence(actions, horizon));
      const init = new Float32Array(c.population * len);
      const std = initialStd(actions, horizon).map((s) => s * c.initScale * (first ? 0.25 : 1));
      sampleGaussian(start, std, actions, c.population, 'clip', noise, init);
      init.set(start); // row 0: the start itself, unperturbed
      const optimised = optimise(tf, objective, init, c, actions, horizon);
      const returns = evaluate(optimised, c.population);
      const b = argmax(returns);
      let sequence: Float32Array = optimised.slice(b * len, (b + 1) * len);
      let value = returns[b]!;
      if (first && first.value > value) {
        // Nothing beat the refined planner's own choice by the evaluator: keep it.
        sequence = first.sequence;
        value = first.value;
      }
      return {
        sequence,
        action: sequence.slice(0, w),
        value,
        context: { mean: shiftSequence(sequence, horizon, w, centre) },
        evaluations: c.population + (first?.evaluations ?? 0),
      };
    },
  };
}

/** Adam ascent of `objective` from `init` (`[population, horizon, w]`), projected onto the bounds. */
function optimise(
  tf: TfModule,
  objective: (a: Tf.Tensor3D) => Tf.Tensor1D,
  init: Float32Array,
  c: GradientConfig,
  actions: BoxActions,
  horizon: number,
): Float32Array {
  const w = actions.low.length;
  // In a tidy: tf.variable copies its initial tensor, which would otherwise stay behind.
  const x = tf.tidy(() => tf.variable(tf.tensor3d(init, [c.population, horizon, w])));
  const low = tf.tensor1d(actions.low);
  const high = tf.tensor1d(actions.high);
  const optimizer = tf.train.adam(c.learningRate);
  try {
    for (let s = 0; s < c.steps; s++) {
      tf.tidy(() => {
        optimizer.minimize(() => tf.neg(tf.sum(objective(x as Tf.Tensor3D))) as Tf.Scalar, false, [x]);
        x.assign(tf.minimum(tf.maximum(x, low), high));
      });
    }
    return x.dataSync() as Float32Array;
  } finally {
    optimizer.dispose();
    x.dispose();
    low.dispose();
    high.dispose();
  }
}
