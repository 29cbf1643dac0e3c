/**
 * What the goal-conditioned envs share (Gymnasium-Robotics' `GoalEnv` contract): the Dict
 * observation `{achieved_goal, desired_goal, observation}`, its flattening for the batched
 * functions, distance-based rewards, and argument checks.
 * @module
 */
import type { SpaceValue } from '../../spaces/space.ts';
import { numberKwarg } from '../classic-control/validate.ts';
import { EnvArgumentError, type EnvDefinition, type PhysicalState } from '../env.ts';

/**
 * A GoalEnv observation value; keys in Gymnasium's (sorted) Dict order. A type alias, not an
 * interface, so that it is assignable to `SpaceValue`'s index signature.
 */
export type GoalObservation<T extends Float32Array | Int8Array = Float32Array | Int8Array> = {
  achieved_goal: T;
  desired_goal: T;
  observation: T;
};

/**
 * Where each part of a GoalEnv observation sits in a flat row of the batched functions
 * ({@link EnvDefinition.batched}). The order is Gymnasium's `flatten_space` / `flatten` of the
 * Dict: keys sorted, so `[achieved_goal (goalDim), desired_goal (goalDim), observation (observationDim)]`.
 */
export interface GoalRowLayout {
  readonly goalDim: number;
  readonly observationDim: number;
  /** First column of `achieved_goal` (always 0). */
  readonly achievedGoal: number;
  /** First column of `desired_goal` (`goalDim`). */
  readonly desiredGoal: number;
  /** First column of `observation` (`2 * goalDim`). */
  readonly observation: number;
  /** Row width, `2 * goalDim + observationDim`. */
  readonly width: number;
}

/** The flat-row layout for goals of `goalDim` and an observation of `observationDim` elements. */
export function goalRowLayout(goalDim: number, observationDim: number): GoalRowLayout {
  return Object.freeze({
    goalDim,
    observationDim,
    achievedGoal: 0,
    desiredGoal: goalDim,
    observation: 2 * goalDim,
    width: 2 * goalDim + observationDim,
  });
}

/**
 * Flattens GoalEnv observations into the rows the batched functions read (`[n, width]`,
 * row-major, Gymnasium's `flatten` order: achieved_goal, desired_goal, observation).
 */
export function flattenGoalObservations(
  values: readonly GoalObservation[],
  layout: GoalRowLayout,
): Float32Array {
  const out = new Float32Array(values.length * layout.width);
  values.forEach((v, i) => {
    const row = i * layout.width;
    out.set(v.achieved_goal, row + layout.achievedGoal);
    out.set(v.desired_goal, row + layout.desiredGoal);
    out.set(v.observation, row + layout.observation);
  });
  return out;
}

/**
 * An env following the GoalEnv contract: Dict observations, a vectorised `computeReward` that
 * every step's reward equals (on that step's achieved and desired goals), and `info.is_success`.
 */
export interface GoalEnvDefinition<P = unknown, A extends SpaceValue = SpaceValue>
  extends EnvDefinition<P, A> {
  /** Gymnasium's `max_episode_steps` for these parameters (BitFlip: `n`; the others: a constant). */
  maxEpisodeStepsFor(params: P): number;
  /** How observations are flattened into the rows of {@link EnvDefinition.batched}. */
  rowLayout(params: P): GoalRowLayout;
  /** Gymnasium-Robotics' `compute_reward(achieved_goal, desired_goal, info)`, over `n` rows. */
  computeReward(achieved: Float64Array, desired: Float64Array, n: number, params: P): Float64Array;
  /** The reward when the achieved goal equals the desired one (what relabeling to it gives). */
  readonly successReward: number;
}

/**
 * Checks the arguments of `computeReward`: `n` rows of `goalDim` finite numbers each, in both
 * arrays. Throws {@link EnvArgumentError} naming `n`, `achieved_goal` or `desired_goal`.
 */
export function checkGoalBatch(
  achieved: Float64Array,
  desired: Float64Array,
  n: number,
  goalDim: number,
): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new EnvArgumentError('n', `the batch size must be a non-negative integer, got ${n}`);
  }
  for (const [field, arr] of [
    ['achieved_goal', achieved],
    ['desired_goal', desired],
  ] as const) {
    if (arr.length !== n * goalDim) {
      throw new EnvArgumentError(
        field,
        `${field} must hold ${n} rows of ${goalDim} numbers (${n * goalDim}), got ${arr.length}`,
      );
    }
    for (let i = 0; i < arr.length; i++) {
      if (!Number.isFinite(arr[i]!)) {
        const at = goalDim === 0 ? `[${i}]` : `[${Math.floor(i / goalDim)}][${i % goalDim}]`;
        throw new EnvArgumentError(`${field}${at}`, `${field}${at} must be a finite number, got ${arr[i]}`);
      }
    }
  }
}

/**
 * Euclidean distance between `dim` elements of `a` from `aStart` and of `b` from `bStart`,
 * in float64 as numpy's `np.linalg.norm(a - b, axis=-1)` computes it on float64 input
 * (`sqrt` of the sum of squares, summed in order).
 */
export function goalDistance(
  a: ArrayLike<number>,
  aStart: number,
  b: ArrayLike<number>,
  bStart: number,
  dim: number,
): number {
  let sum = 0;
  for (let i = 0; i < dim; i++) {
    const d = a[aStart + i]! - b[bStart + i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/**
 * Fetch's rewards on a goal distance: dense `-distance`, sparse `-(distance > threshold)`
 * (0 or -1). Written so that it never returns -0, which numpy would.
 */
export function distanceReward(distance: number, sparse: boolean, threshold: number): number {
  if (sparse) return distance > threshold ? -1 : 0;
  return 0 - distance;
}

/**
 * `info.is_success`: 1 when the distance is within the threshold, else 0; exactly when the
 * sparse reward is 0. (Fetch tests `distance < threshold` here, which differs only on the
 * threshold itself.)
 */
export function distanceSuccess(distance: number, threshold: number): 0 | 1 {
  return distance <= threshold ? 1 : 0;
}

/** The vectorised {@link distanceReward} over `n` rows of `goalDim` (after {@link checkGoalBatch}). */
export function distanceComputeReward(
  achieved: Float64Array,
  desired: Float64Array,
  n: number,
  goalDim: number,
  sparse: boolean,
  threshold: number,
): Float64Array {
  checkGoalBatch(achieved, desired, n, goalDim);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = distanceReward(
      goalDistance(achieved, i * goalDim, desired, i * goalDim, goalDim),
      sparse,
      threshold,
    );
  }
  return out;
}

/** A positive finite number kwarg, or the default when absent. */
export function positiveKwarg(
  kwargs: Readonly<Record<string, unknown>>,
  key: string,
  fallback: number,
): number {
  const value = numberKwarg(kwargs, key, fallback);
  if (!(value > 0)) throw new EnvArgumentError(`kwargs.${key}`, `\`${key}\` must be positive, got ${value}`);
  return value;
}

/** An integer kwarg in `[min, max]`, or the default when absent. */
export function integerKwarg(
  kwargs: Readonly<Record<string, unknown>>,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = numberKwarg(kwargs, key, fallback);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EnvArgumentError(
      `kwargs.${key}`,
      `\`${key}\` must be an integer from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

/** Checks that component `i` of a client-given state lies in `[low, high]`. */
export function checkStateRange(
  state: PhysicalState,
  i: number,
  name: string,
  low: number,
  high: number,
): void {
  const v = state[i]!;
  if (v < low || v > high) {
    throw new EnvArgumentError(`options.state.${i}`, `${name} must lie in [${low}, ${high}], got ${v}`);
  }
}
