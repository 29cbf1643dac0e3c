/**
 * The planner contract. A planner optimises an action sequence `[horizon, actionDim]` for one
 * start observation, given a way to score candidates; it is seeded through the noise it is handed
 * and warm-started from the previous call's {@link PlanContext}, shifted by one step (the first
 * action was executed). Planners hold no state between calls: the context goes back to the caller
 * (over HTTP, sealed in a token).
 * @module
 */
import type * as Tf from '@tensorflow/tfjs';
import type { EvaluateFn } from './evaluator.ts';
import type { FastNormal } from './fast-normal.ts';

/** A Box action space: elementwise bounds of one action. */
export interface BoxActions {
  kind: 'box';
  low: Float32Array;
  high: Float32Array;
}

/** A Discrete action space of `n` actions, held by planners as the index 0..n-1. */
export interface DiscreteActions {
  kind: 'discrete';
  n: number;
}

export type PlanActions = BoxActions | DiscreteActions;

/** Width of one action row. */
export function actionWidth(actions: PlanActions): number {
  return actions.kind === 'box' ? actions.low.length : 1;
}

/**
 * Per-call planner state carried to the next call: the optimiser's mean (continuous) or
 * probabilities (discrete) and, for iCEM, its elites. Plain typed arrays, already shifted.
 */
export interface PlanContext {
  /** `[horizon, actionDim]` (Box) or `[horizon, n]` probabilities (Discrete). */
  mean: Float32Array;
  /** iCEM's elites kept for the next call, `[k, horizon, actionDim]`. */
  elites?: Float32Array;
}

/** Differentiable predicted returns of `[population, horizon, actionDim]` sequences, `[population]`. */
export type DifferentiableObjective = (actions: Tf.Tensor3D) => Tf.Tensor1D;

/** One planning problem. */
export interface PlanProblem {
  /** Scores candidates (population at a time). */
  evaluate: EvaluateFn;
  /** For gradient-based planners: the same objective as a differentiable tensor function. */
  objective?: DifferentiableObjective;
  /** All randomness of the call. */
  noise: FastNormal;
  /** The previous call's context (already shifted), if any. */
  context?: PlanContext;
}

/** What a planning call returns. */
export interface PlanOutput {
  /** The chosen sequence, `[horizon, actionDim]`. */
  sequence: Float32Array;
  /** Its first action (what to execute now). */
  action: Float32Array;
  /** The planner's estimate of the chosen sequence's return (see each planner for which one). */
  value: number;
  /** Warm start for the next call, shifted by one step. */
  context: PlanContext;
  /** Sequences scored during the call. */
  evaluations: number;
}

/** A trajectory optimiser. */
export interface Planner {
  readonly name: string;
  readonly horizon: number;
  readonly actions: PlanActions;
  plan(problem: PlanProblem): PlanOutput;
}

/**
 * Drops the first of `horizon` rows of width `w` and repeats `fill` (or the last row) at the end:
 * the warm start for the next step.
 */
export function shiftSequence(
  seq: Float32Array,
  horizon: number,
  w: number,
  fill?: Float32Array,
): Float32Array {
  const out = new Float32Array(horizon * w);
  out.set(seq.subarray(w));
  out.set(fill ?? seq.subarray((horizon - 1) * w), (horizon - 1) * w);
  return out;
}

/** The middle of the bounds, tiled over the horizon (the cold start of a mean). */
export function centreSequence(actions: BoxActions, horizon: number): Float32Array {
  const w = actions.low.length;
  const out = new Float32Array(horizon * w);
  for (let t = 0; t < horizon; t++) {
    for (let j = 0; j < w; j++) out[t * w + j] = (actions.low[j]! + actions.high[j]!) / 2;
  }
  return out;
}

/** `v` clamped to `[lo, hi]` (NaN stays NaN: the evaluator scores such a candidate -Infinity). */
export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

/** A warm-start mean of the right length, or the cold start. */
export function startingMean(
  context: PlanContext | undefined,
  length: number,
  cold: () => Float32Array,
): Float32Array {
  const mean = context?.mean;
  if (mean === undefined) return cold();
  if (mean.length !== length) {
    throw new RangeError(`context mean has ${mean.length} values, the planner needs ${length}`);
  }
  return Float32Array.from(mean);
}

/** Index of the largest value (first on ties). */
export function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Indices of the `k` largest values, largest first. */
export function topK(values: Float32Array, k: number): Int32Array {
  const idx = Array.from(values.keys());
  // Explicit comparisons: -Infinity - -Infinity is NaN, which would break a subtracting comparator.
  idx.sort((a, b) => (values[b]! > values[a]! ? 1 : values[b]! < values[a]! ? -1 : a - b));
  return Int32Array.from(idx.slice(0, k));
}
