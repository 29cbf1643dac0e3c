/**
 * Pieces shared by the MuJoCo envs: numpy-exact control costs and reset noise, spaces, kwargs and
 * client states.
 * @module
 */
import type { Generator } from '../../rng/generator.ts';
import { Box } from '../../spaces/box.ts';
import { numberKwarg, parsePhysicalState } from '../classic-control/validate.ts';
import { EnvArgumentError, type PhysicalState } from '../env.ts';
import type { Extras, MujocoModel } from './runtime.ts';

const f32 = Math.fround;

/**
 * `np.sum(np.square(a))` as numpy computes it: squares rounded by `round` (float32 or float64),
 * then numpy's pairwise summation from 0: a plain loop below 8 elements; up to 128, eight
 * interleaved partial sums combined as a tree, then the remainder; beyond, halves (at a multiple
 * of 8) summed recursively. Checked against numpy for float32 arrays of 1 to 39 elements.
 */
function pairwiseSumOfSquares(
  a: ArrayLike<number>,
  offset: number,
  n: number,
  round: (x: number) => number,
): number {
  const sq = (i: number): number => {
    const x = round(a[offset + i]!);
    return round(x * x);
  };
  if (n < 8) {
    let r = 0;
    for (let i = 0; i < n; i++) r = round(r + sq(i));
    return r;
  }
  if (n <= 128) {
    const r = [sq(0), sq(1), sq(2), sq(3), sq(4), sq(5), sq(6), sq(7)];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = round(r[j]! + sq(i + j));
    const left = round(round(r[0]! + r[1]!) + round(r[2]! + r[3]!));
    const right = round(round(r[4]! + r[5]!) + round(r[6]! + r[7]!));
    let res = round(left + right);
    for (; i < n; i++) res = round(res + sq(i));
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return round(
    pairwiseSumOfSquares(a, offset, half, round) + pairwiseSumOfSquares(a, offset + half, n - half, round),
  );
}

const same = (x: number) => x;

/** `np.sum(np.square(a))` for a float32 array: float32 squares and float32 sums, as numpy. */
export function float32SumOfSquares(a: ArrayLike<number>, offset = 0, n = a.length - offset): number {
  return pairwiseSumOfSquares(a, offset, n, f32);
}

/** `np.sum(np.square(a))` for a float64 array (the same summation order as numpy). */
export function float64SumOfSquares(a: ArrayLike<number>, offset = 0, n = a.length - offset): number {
  return pairwiseSumOfSquares(a, offset, n, same);
}

/**
 * Gymnasium's `ctrl_cost_weight * np.sum(np.square(action))` with a float32 action: the sum is a
 * float32 scalar, and numpy 1.x multiplies a Python float by it in float64.
 */
export function controlCost(weight: number, action: ArrayLike<number>, offset = 0, n?: number): number {
  return weight * float32SumOfSquares(action, offset, n);
}

/**
 * Batched `forward_reward_weight * x_velocity - ctrl_cost` over `n` rows, the x velocity read from
 * observation column `vx` (rows of `width`) as the mean of before and after (the planners' view of
 * HalfCheetah's and Swimmer's reward: the observation holds qvel, not the x positions).
 */
export function batchedForwardReward(
  obs: Float32Array,
  action: Float32Array,
  nextObs: Float32Array,
  n: number,
  layout: { width: number; vx: number; nu: number; forwardWeight: number; ctrlWeight: number },
): Float32Array {
  const { width, vx, nu } = layout;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const xVelocity = 0.5 * (obs[i * width + vx]! + nextObs[i * width + vx]!);
    out[i] = layout.forwardWeight * xVelocity - controlCost(layout.ctrlWeight, action, i * nu, nu);
  }
  return out;
}

/**
 * Gymnasium's MuJoCo reset noise, drawn from `rng` in its order: `qpos = init_qpos + U(-s, s)`,
 * then `qvel = init_qvel + U(-s, s)` or `init_qvel + s * N(0, 1)` (envs differ), `init_qvel` = 0.
 */
export function noisyInitialState(
  model: MujocoModel,
  rng: Generator,
  scale: number,
  velocity: 'uniform' | 'normal',
): { qpos: number[]; qvel: number[] } {
  const qpos = model.qpos0.map((q) => q + rng.uniform(-scale, scale));
  const qvel = Array.from({ length: model.nv }, () =>
    velocity === 'uniform' ? 0 + rng.uniform(-scale, scale) : 0 + scale * rng.standardNormal(),
  );
  return { qpos, qvel };
}

/** Gymnasium v5's observation space: `Box(-inf, inf, (n,), float64)`. */
export function observationBox(n: number): Box<'float64'> {
  return new Box(-Infinity, Infinity, [n], 'float64');
}

/** Gymnasium's `_set_action_space`: the actuators' control ranges cast to float32. */
export function actionBox(model: MujocoModel): Box<'float32'> {
  return new Box([...model.ctrlLow], [...model.ctrlHigh], [model.nu], 'float32');
}

/** Gymnasium's `frame_skip`: a positive integer (capped, to bound the work of one request). */
export function frameSkipKwarg(kwargs: Readonly<Record<string, unknown>>, fallback: number): number {
  const value = numberKwarg(kwargs, 'frame_skip', fallback);
  if (!Number.isInteger(value) || value < 1 || value > MAX_FRAME_SKIP) {
    throw new EnvArgumentError(
      'kwargs.frame_skip',
      `\`frame_skip\` must be an integer from 1 to ${MAX_FRAME_SKIP}, got ${value}`,
    );
  }
  return value;
}

/** Largest `frame_skip` accepted: one step then costs at most a few milliseconds. */
export const MAX_FRAME_SKIP = 100;

/** A number for a range end: finite, ±Infinity, or the strings `"inf"`, `"-inf"` (JSON has no inf). */
function rangeEnd(value: unknown): number | undefined {
  if (typeof value === 'number' && !Number.isNaN(value)) return value;
  if (value === 'inf' || value === '+inf' || value === 'Infinity') return Infinity;
  if (value === '-inf' || value === '-Infinity') return -Infinity;
  return undefined;
}

/**
 * A `(min, max)` kwarg such as `healthy_z_range`: two numbers (±Infinity, or `"inf"`/`"-inf"`
 * in JSON, allowed). Gymnasium compares strictly inside the range and does not check
 * `min <= max`; neither do we (an empty range makes every state unhealthy).
 */
export function rangeKwarg(
  kwargs: Readonly<Record<string, unknown>>,
  key: string,
  fallback: readonly [number, number],
): readonly [number, number] {
  const value = kwargs[key];
  if (value === undefined) return fallback;
  if (Array.isArray(value) && value.length === 2) {
    const lo = rangeEnd(value[0]);
    const hi = rangeEnd(value[1]);
    if (lo !== undefined && hi !== undefined) return [lo, hi];
  }
  throw new EnvArgumentError(
    `kwargs.${key}`,
    `\`${key}\` must be a pair [min, max] of numbers ("inf" / "-inf" allowed)`,
  );
}

/**
 * Validates a client-given `options.state`: Gymnasium's `set_state(qpos, qvel)` arguments as one
 * array `[qpos..., qvel...]` of `nq + nv` finite numbers. The episode then starts from
 * `mj_resetData` + those joint values + `mj_forward`, as `set_state` leaves `MjData`.
 */
export function parseJointState(
  value: unknown,
  model: MujocoModel,
  extras: Extras | undefined,
  jointNames: readonly string[],
): PhysicalState {
  const names = [
    ...Array.from({ length: model.nq }, (_, i) => `qpos[${i}] (${jointNames[i] ?? 'joint'} position)`),
    ...Array.from({ length: model.nv }, (_, i) => `qvel[${i}] (velocity)`),
  ];
  const flat = parsePhysicalState(value, model.nq + model.nv, names);
  return model.reset(flat.slice(0, model.nq), flat.slice(model.nq), extras);
}

/** `np.clip(x, -limit, limit)` for one float64 (NaN stays NaN, as in numpy). */
export function clip(x: number, limit: number): number {
  return Math.max(-limit, Math.min(x, limit));
}
