/**
 * Acrobot-v1, Gymnasium 1.x `classic_control/acrobot.py`: the book dynamics, one RK4 step of
 * dt = 0.2, no torque noise. The state is float32 at reset and float64 after a step.
 * @module
 */
import { Box } from '../../spaces/box.ts';
import { Discrete } from '../../spaces/discrete.ts';
import type { EnvDefinition, EnvDoc, PhysicalState } from '../env.ts';
import { cosf32, sinf32 } from './numeric.ts';
import { checkKwargNames, parsePhysicalState, resetBounds } from './validate.ts';

const DT = 0.2;
const LINK_LENGTH_1 = 1.0;
const LINK_MASS_1 = 1.0;
const LINK_MASS_2 = 1.0;
const LINK_COM_POS_1 = 0.5;
const LINK_COM_POS_2 = 0.5;
const LINK_MOI = 1.0;
const MAX_VEL_1 = 4 * Math.PI;
const MAX_VEL_2 = 9 * Math.PI;
const AVAIL_TORQUE = [-1.0, 0.0, 1] as const;
const G = 9.8;

/**
 * Gymnasium's `_dsdt` (book variant), in its order of float operations. `s` is
 * [theta1, theta2, dtheta1, dtheta2, torque]; returns the time derivative (torque's is 0).
 */
function dsdt(s: readonly number[]): number[] {
  const m1 = LINK_MASS_1;
  const m2 = LINK_MASS_2;
  const l1 = LINK_LENGTH_1;
  const lc1 = LINK_COM_POS_1;
  const lc2 = LINK_COM_POS_2;
  const I1 = LINK_MOI;
  const I2 = LINK_MOI;
  const a = s[4]!;
  const theta1 = s[0]!;
  const theta2 = s[1]!;
  const dtheta1 = s[2]!;
  const dtheta2 = s[3]!;
  const cos2 = Math.cos(theta2);
  const sin2 = Math.sin(theta2);
  const d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + I1 + I2;
  const d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + I2;
  const phi2 = m2 * lc2 * G * Math.cos(theta1 + theta2 - Math.PI / 2.0);
  const phi1 =
    -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin2 -
    2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2 +
    (m1 * lc1 + m2 * l1) * G * Math.cos(theta1 - Math.PI / 2) +
    phi2;
  const ddtheta2 =
    (a + (d2 / d1) * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin2 - phi2) /
    (m2 * (lc2 * lc2) + I2 - (d2 * d2) / d1);
  const ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
  return [dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0];
}

/** Gymnasium's `rk4(derivs, y0, [0, dt])`: one classic Runge-Kutta step, elementwise as numpy does it. */
function rk4(y0: readonly number[], dt: number): number[] {
  const dt2 = dt / 2.0;
  const shifted = (k: readonly number[], h: number) => y0.map((y, j) => y + h * k[j]!);
  const k1 = dsdt(y0);
  const k2 = dsdt(shifted(k1, dt2));
  const k3 = dsdt(shifted(k2, dt2));
  const k4 = dsdt(shifted(k3, dt));
  const h6 = dt / 6.0;
  return y0.map((y, j) => y + h6 * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
}

/** Gymnasium's `wrap`: shifts x by whole periods into [m, M]. */
function wrap(x: number, m: number, M: number): number {
  const diff = M - m;
  while (x > M) x = x - diff;
  while (x < m) x = x + diff;
  return x;
}

function bound(x: number, m: number, M: number): number {
  return Math.min(Math.max(x, m), M);
}

/** Gymnasium's `_terminal`: the free end is more than one link length above the pivot. */
function tipAbove(theta1: number, theta2: number): boolean {
  return -Math.cos(theta1) - Math.cos(theta2 + theta1) > 1.0;
}

/** The same test from observed cos/sin, with cos(t1 + t2) = c1·c2 - s1·s2. */
function tipAboveObs(obs: Float32Array, i: number): boolean {
  const c1 = obs[6 * i]!;
  const s1 = obs[6 * i + 1]!;
  const c2 = obs[6 * i + 2]!;
  const s2 = obs[6 * i + 3]!;
  return -c1 - (c1 * c2 - s1 * s2) > 1.0;
}

/**
 * Whether the state still has the float32 dtype it gets at reset. numpy then evaluates cos/sin
 * in float32 (its own SIMD code), not in float64; after a step the state is float64, and RK4
 * results that are all exactly float32 values do not occur in practice.
 */
function isFloat32State(state: PhysicalState): boolean {
  return state.every((v) => Math.fround(v) === v);
}

const doc: EnvDoc = {
  description:
    'Two links hang in a chain from a fixed pivot; the joint between them has a motor and the pivot does ' +
    'not. Starting from hanging roughly straight down, the agent drives the middle joint to swing the free ' +
    'end of the outer link above a target height. Based on Sutton, "Generalization in Reinforcement ' +
    'Learning: Successful Examples Using Sparse Coarse Coding" (NeurIPS 1995), and Sutton and Barto, ' +
    '"Reinforcement Learning: An Introduction". The dynamics follow the book (the NeurIPS paper omits some ' +
    'terms), integrated with one fourth-order Runge-Kutta step of 0.2 s per action.',
  action_space: '`Discrete(3)`: the torque on the actuated joint, 0 -> -1, 1 -> 0, 2 -> +1 (N·m).',
  observation_space:
    '`Box(float32, shape (6,))`: cos(theta1), sin(theta1), cos(theta2), sin(theta2) (each in [-1, 1]), ' +
    'the angular velocity of theta1 in [-4π, 4π] and of theta2 in [-9π, 9π]. theta1 is the angle of the ' +
    'first link from straight down; theta2 is the angle of the second link relative to the first (0 when ' +
    'they are aligned). [1, 0, 1, 0, ...] is both links hanging down.',
  rewards:
    '-1 for every step that does not reach the target height, 0 for the step that does (reward threshold -100).',
  starting_state:
    'theta1, theta2 and both angular velocities are each drawn uniformly from [-0.1, 0.1] (and stored as ' +
    'float32, as Gymnasium does); reset options `low` and `high` change that interval.',
  episode_end:
    'Termination: the free end rises above the target height, -cos(theta1) - cos(theta2 + theta1) > 1.0. ' +
    'Truncation: 500 steps. After each step the angles are wrapped into [-π, π] and the angular ' +
    'velocities clipped to ±4π and ±9π.',
  arguments:
    'No keyword arguments. Reset options `low` and `high` (numbers, low <= high) bound the uniform draw ' +
    'of the initial state; `options.state` starts from a given [theta1, theta2, dtheta1, dtheta2] ' +
    '(rounded to float32 like a drawn one).',
  version_history:
    'v1: episodes truncated at 500 steps instead of 200, and the observation gives the cosine and sine of ' +
    'each angle instead of the angles themselves. v0: initial release (angles in [-π, π] observed directly).',
};

/** Acrobot-v1: swing the tip of a two-link chain above a line by torquing the middle joint. */
export const acrobot: EnvDefinition<Record<string, never>, number> = {
  id: 'Acrobot-v1',
  doc,
  maxEpisodeSteps: 500,
  rewardThreshold: -100,
  defaultKwargs: Object.freeze({}),

  params(kwargs) {
    checkKwargNames(kwargs, []);
    return {};
  },

  observationSpace() {
    const high = [1.0, 1.0, 1.0, 1.0, MAX_VEL_1, MAX_VEL_2];
    return new Box(
      high.map((h) => -h),
      high,
    );
  },

  actionSpace() {
    return new Discrete(3);
  },

  initial(rng, _params, options) {
    const [low, high] = resetBounds(options, -0.1, 0.1);
    const s: number[] = [];
    for (let i = 0; i < 4; i++) s.push(Math.fround(rng.uniform(low, high)));
    return s;
  },

  transition(state, action) {
    const torque = AVAIL_TORQUE[action as 0 | 1 | 2];
    const ns = rk4([state[0]!, state[1]!, state[2]!, state[3]!, torque], DT);
    return [
      wrap(ns[0]!, -Math.PI, Math.PI),
      wrap(ns[1]!, -Math.PI, Math.PI),
      bound(ns[2]!, -MAX_VEL_1, MAX_VEL_1),
      bound(ns[3]!, -MAX_VEL_2, MAX_VEL_2),
    ];
  },

  reward(_state, _action, next) {
    return tipAbove(next[0]!, next[1]!) ? 0.0 : -1.0;
  },

  terminal(state) {
    return tipAbove(state[0]!, state[1]!);
  },

  observation(state) {
    const [t1, t2, v1, v2] = state as [number, number, number, number];
    if (isFloat32State(state)) return Float32Array.of(cosf32(t1), sinf32(t1), cosf32(t2), sinf32(t2), v1, v2);
    return Float32Array.of(Math.cos(t1), Math.sin(t1), Math.cos(t2), Math.sin(t2), v1, v2);
  },

  parseState(value) {
    return parsePhysicalState(value, 4, ['theta1', 'theta2', 'dtheta1', 'dtheta2'], true);
  },

  batched: {
    reward(_obs, _action, nextObs, n) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = tipAboveObs(nextObs, i) ? 0 : -1;
      return out;
    },
    terminal(nextObs, n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = tipAboveObs(nextObs, i) ? 1 : 0;
      return out;
    },
  },
};
