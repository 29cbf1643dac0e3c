/**
 * tasks/Pendulum-v0: Pendulum-v1's swing-up with the mass, length, gravity and torque limit
 * drawn per task.
 * @module
 */
import { Box } from '../../spaces/box.ts';
import {
  PENDULUM_MAX_SPEED,
  pendulum,
  pendulumCost,
  pendulumStateFromObservation,
  pendulumStep,
} from '../classic-control/pendulum.ts';
import { checkKwargNames, parsePhysicalState } from '../classic-control/validate.ts';
import type { EnvDefinition, EnvDoc } from '../env.ts';
import { defaultTask, type RangedParameter, rangedTaskFamily } from './ranged-family.ts';

/** The physical parameters of one pendulum (a task sets all four). */
export interface PendulumTaskParams {
  /** kg. */
  readonly mass: number;
  /** m. */
  readonly length: number;
  /** m/s². */
  readonly gravity: number;
  /** N·m: the torque that an action of ±1 applies. */
  readonly maxTorque: number;
}

/** The varied parameters, in sampling order. */
export const PENDULUM_TASK_PARAMETERS: readonly RangedParameter<PendulumTaskParams>[] = [
  {
    key: 'mass',
    prop: 'mass',
    description: 'mass of the rod, kg',
    default: 1.0,
    train: [0.7, 1.3],
    test: [0.4, 1.6],
    valid: { min: 0, max: 10 },
  },
  {
    key: 'length',
    prop: 'length',
    description: 'length of the rod, m',
    default: 1.0,
    train: [0.7, 1.3],
    test: [0.4, 1.6],
    valid: { min: 0, max: 10 },
  },
  {
    key: 'gravity',
    prop: 'gravity',
    description: 'gravitational acceleration, m/s²',
    default: 10.0,
    train: [8, 12],
    test: [6, 14],
    valid: { min: 0, max: 50 },
  },
  {
    key: 'max_torque',
    prop: 'maxTorque',
    description: 'largest torque the motor applies (at action ±1), N·m',
    default: 2.0,
    train: [1.6, 2.4],
    test: [1.2, 2.8],
    valid: { min: 0, max: 20 },
  },
];

/** Pendulum-v1's values: m = 1, l = 1, g = 10, max torque 2. */
export const PENDULUM_DEFAULT_TASK = defaultTask(PENDULUM_TASK_PARAMETERS);

const DEFAULTS: PendulumTaskParams = Object.freeze({ mass: 1.0, length: 1.0, gravity: 10.0, maxTorque: 2.0 });

/** The torque of an action: the action clipped to [-1, 1], times the task's max torque. */
function torque(a: number, params: PendulumTaskParams): number {
  return params.maxTorque * Math.min(Math.max(a, -1), 1);
}

const doc: EnvDoc = {
  description:
    'Pendulum-v1 (swing a rod hanging from a motorised pivot upright and keep it there) as a family of ' +
    'tasks that differ in their physics: the mass m, the length l, the gravity g and the strongest torque ' +
    'of the motor are drawn per task and hidden from the agent, which has to infer them from how the ' +
    'pendulum responds. The action is normalised, so the same action space serves every task. Dynamics, ' +
    'Euler steps of dt = 0.05 s: theta_dot += (3g/(2l)·sin(theta) + 3/(m·l²)·torque)·dt, clipped to ±8 ' +
    'rad/s, then theta += theta_dot·dt (theta from upright, unwrapped in the state). With the default ' +
    'task (m = 1, l = 1, g = 10, max torque 2) the env is Pendulum-v1 to the bit, the action a here ' +
    'being Pendulum-v1 action 2a. Tasks: train: mass ~ U[0.7, 1.3], length ~ U[0.7, 1.3], gravity ~ ' +
    'U[8, 12], max_torque ~ U[1.6, 2.4], independently, drawn in that order with one uniform() each. ' +
    'Test (extrapolation): each parameter independently outside its train range, below or above with ' +
    'probability 1/2 (one random() u each: below when u < 0.5): mass and length in [0.4, 0.7) ∪ (1.3, ' +
    '1.6], gravity in [6, 8) ∪ (12, 14], max_torque in [1.2, 1.6) ∪ (2.4, 2.8].',
  action_space:
    '`Box(-1.0, 1.0, (1,), float32)`: the normalised torque; the applied torque is clip(a, -1, 1) · ' +
    'max_torque N·m (positive counter-clockwise).',
  observation_space:
    '`Box(float32, shape (3,))`: cos(theta) and sin(theta) in [-1, 1] and theta_dot in [-8, 8] rad/s, ' +
    'as in Pendulum-v1 (bounds that hold for every task).',
  rewards:
    'r = -(theta² + 0.1·theta_dot² + 0.001·torque²), theta normalised into [-π, π), theta, theta_dot ' +
    'before the step and torque the applied torque in N·m (so a stronger motor costs more for the same ' +
    'action). The best step is 0.',
  starting_state:
    'As Pendulum-v1: theta ~ U[-π, π], then theta_dot ~ U[-1, 1] (reset options `x_init` and `y_init` ' +
    'change the half-widths). When the reset names no task, the train task is drawn first from the ' +
    'same generator.',
  episode_end: 'Never terminates. Truncation: 200 steps.',
  arguments:
    'No kwargs. Tasks (`options.task`): {mass, length, gravity, max_torque}, numbers with mass, length in ' +
    '(0, 10], gravity in (0, 50], max_torque in (0, 20]; a field left out takes its default. ' +
    '`options.state` starts from a given [theta, theta_dot].',
  version_history: "v0: initial release, on Pendulum-v1's dynamics (Gymnasium 1.x).",
};

/** tasks/Pendulum-v0: Pendulum-v1 with mass, length, gravity and max torque varying per task. */
export const pendulumTasks: EnvDefinition<PendulumTaskParams, Float32Array> = {
  id: 'tasks/Pendulum-v0',
  doc,
  maxEpisodeSteps: 200,
  defaultKwargs: Object.freeze({}),

  params(kwargs) {
    checkKwargNames(kwargs, []);
    return DEFAULTS;
  },

  observationSpace() {
    return new Box([-1, -1, -PENDULUM_MAX_SPEED], [1, 1, PENDULUM_MAX_SPEED]);
  },

  actionSpace() {
    return new Box(-1, 1, [1]);
  },

  initial(rng, params, options) {
    return pendulum.initial(rng, { g: params.gravity }, options);
  },

  transition(state, action, params) {
    const u = torque(action[0]!, params);
    return pendulumStep(state[0]!, state[1]!, u, params.gravity, params.mass, params.length);
  },

  reward(state, action, _next, params) {
    return -pendulumCost(state[0]!, state[1]!, torque(action[0]!, params));
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
    reward(obs, action, _nextObs, n, params) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const theta = Math.atan2(obs[3 * i + 1]!, obs[3 * i]!);
        out[i] = -pendulumCost(theta, obs[3 * i + 2]!, torque(action[i]!, params));
      }
      return out;
    },
    terminal(_nextObs, n) {
      return new Uint8Array(n);
    },
  },

  tasks: rangedTaskFamily(PENDULUM_TASK_PARAMETERS),
};
