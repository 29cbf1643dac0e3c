/**
 * Pendulum-v1, Gymnasium 1.x `classic_control/pendulum.py` (float64 state, angle never wrapped).
 * @module
 */
import { Box } from '../../spaces/box.ts';
import { EnvArgumentError, type EnvDefinition, type EnvDoc } from '../env.ts';
import { floorMod } from './numeric.ts';
import { checkKwargNames, numberKwarg, numberOption, parsePhysicalState } from './validate.ts';

/** Parameters built from Pendulum's kwargs. */
export interface PendulumParams {
  /** Gravitational acceleration, m/s² (Gymnasium's `g`). */
  readonly g: number;
}

/** Angular velocity bound, rad/s: the dynamics clip theta_dot to ±8. */
export const PENDULUM_MAX_SPEED = 8;
const MAX_TORQUE = 2.0;
const DT = 0.05;
const MASS = 1.0;
const LENGTH = 1.0;
/** Reset bounds: theta ~ U(-DEFAULT_X, DEFAULT_X), theta_dot ~ U(-DEFAULT_Y, DEFAULT_Y). */
const DEFAULT_X = Math.PI;
const DEFAULT_Y = 1.0;

/** Gymnasium's `angle_normalize`: ((x + π) mod 2π) − π with a floored modulo. */
export function angleNormalize(x: number): number {
  return floorMod(x + Math.PI, 2 * Math.PI) - Math.PI;
}

function clipTorque(u: number): number {
  return Math.min(Math.max(u, -MAX_TORQUE), MAX_TORQUE);
}

/** Gymnasium's cost of a state and a clipped torque, in its order of operations. */
export function pendulumCost(theta: number, thetaDot: number, u: number): number {
  const a = angleNormalize(theta);
  return a * a + 0.1 * (thetaDot * thetaDot) + 0.001 * (u * u);
}

/**
 * One step of Gymnasium's pendulum dynamics for an already clipped torque `u`, with gravity `g`,
 * mass `m` and length `l` as parameters (Pendulum-v1 fixes m = l = 1), in Gymnasium's order of
 * operations. Returns the next [theta, theta_dot]; theta is left unwrapped.
 */
export function pendulumStep(
  th: number,
  thDot: number,
  u: number,
  g: number,
  m: number,
  l: number,
): [number, number] {
  let newThDot = thDot + (((3 * g) / (2 * l)) * Math.sin(th) + (3.0 / (m * (l * l))) * u) * DT;
  newThDot = Math.min(Math.max(newThDot, -PENDULUM_MAX_SPEED), PENDULUM_MAX_SPEED);
  return [th + newThDot * DT, newThDot];
}

/** [theta, theta_dot] from an observation [cos theta, sin theta, theta_dot]. */
export function pendulumStateFromObservation(obs: Float32Array): number[] {
  return [Math.atan2(obs[1]!, obs[0]!), obs[2]!];
}

const doc: EnvDoc = {
  description:
    'The classic inverted-pendulum swing-up from control theory: a rod hangs from a fixed pivot and a ' +
    'torque can be applied at the pivot. It starts at a random angle and must be swung up and held ' +
    'upright, its centre of gravity straight above the pivot. The angle theta is measured in radians ' +
    'from the upright position and the torque is positive counter-clockwise.',
  action_space:
    '`Box(-2.0, 2.0, (1,), float32)`: the torque in N·m. Values outside the bounds are clipped to ±2.',
  observation_space:
    '`Box(float32, shape (3,))`: x = cos(theta) in [-1, 1], y = sin(theta) in [-1, 1], and the angular ' +
    'velocity in [-8, 8] rad/s (the dynamics clip it there).',
  rewards:
    'r = -(theta² + 0.1·theta_dot² + 0.001·torque²), where theta is the angle normalised into [-π, π), ' +
    'theta_dot the angular velocity and torque the clipped action, all taken before the step. The worst ' +
    'step costs about -(π² + 0.1·8² + 0.001·2²) = -16.2736044; the best is 0 (upright, at rest, no torque).',
  starting_state:
    'theta uniform in [-π, π] and theta_dot uniform in [-1, 1]. Reset options `x_init` and `y_init` ' +
    '(non-negative numbers) replace π and 1 as the half-widths of those intervals.',
  episode_end: 'The pendulum never terminates. Truncation: 200 steps.',
  arguments:
    '`g` (number, default 10.0): gravitational acceleration in m/s² used by the dynamics. Reset options ' +
    '`x_init` and `y_init` set the sampling half-widths of the initial angle and angular velocity; ' +
    '`options.state` starts from a given [theta, theta_dot].',
  version_history:
    'v1: the dynamics equations were simplified, with no change in behaviour. v0: initial release.',
};

/** Pendulum-v1: swing a pendulum upright with a bounded torque. */
export const pendulum: EnvDefinition<PendulumParams, Float32Array> = {
  id: 'Pendulum-v1',
  doc,
  maxEpisodeSteps: 200,
  defaultKwargs: Object.freeze({ g: 10.0 }),

  params(kwargs) {
    checkKwargNames(kwargs, ['g']);
    return { g: numberKwarg(kwargs, 'g', 10.0) };
  },

  observationSpace() {
    const high = [1.0, 1.0, PENDULUM_MAX_SPEED];
    return new Box(
      high.map((h) => -h),
      high,
    );
  },

  actionSpace() {
    return new Box(-MAX_TORQUE, MAX_TORQUE, [1]);
  },

  initial(rng, _params, options) {
    const x = numberOption(options, 'x_init', DEFAULT_X);
    const y = numberOption(options, 'y_init', DEFAULT_Y);
    // low = -high: numpy refuses the draw when high - low < 0.
    if (x < 0) throw new EnvArgumentError('options.x_init', `x_init must be >= 0, got ${x}`);
    if (y < 0) throw new EnvArgumentError('options.y_init', `y_init must be >= 0, got ${y}`);
    if (!Number.isFinite(x - -x)) throw new EnvArgumentError('options.x_init', `x_init (${x}) is too large`);
    if (!Number.isFinite(y - -y)) throw new EnvArgumentError('options.y_init', `y_init (${y}) is too large`);
    return [rng.uniform(-x, x), rng.uniform(-y, y)];
  },

  transition(state, action, params) {
    const [th, thDot] = state as [number, number];
    // theta is left unwrapped, as in Gymnasium: only the cost normalises it.
    return pendulumStep(th, thDot, clipTorque(action[0]!), params.g, MASS, LENGTH);
  },

  reward(state, action) {
    return -pendulumCost(state[0]!, state[1]!, clipTorque(action[0]!));
  },

  terminal() {
    return false;
  },

  observation(state) {
    const th = state[0]!;
    return Float32Array.of(Math.cos(th), Math.sin(th), state[1]!);
  },

  stateFromObservation: pendulumStateFromObservation,

  parseState(value) {
    return parsePhysicalState(value, 2, ['theta', 'theta_dot']);
  },

  batched: {
    reward(obs, action, _nextObs, n) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const theta = Math.atan2(obs[3 * i + 1]!, obs[3 * i]!);
        out[i] = -pendulumCost(theta, obs[3 * i + 2]!, clipTorque(action[i]!));
      }
      return out;
    },
    terminal(_nextObs, n) {
      return new Uint8Array(n);
    },
  },
};
