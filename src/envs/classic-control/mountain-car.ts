/**
 * MountainCar-v0, Gymnasium 1.x `classic_control/mountain_car.py` (float64 state).
 * @module
 */
import { Box } from '../../spaces/box.ts';
import { Discrete } from '../../spaces/discrete.ts';
import type { EnvDefinition, EnvDoc } from '../env.ts';
import { checkKwargNames, numberKwarg, parsePhysicalState, resetBounds } from './validate.ts';

/** Parameters built from MountainCar's kwargs. */
export interface MountainCarParams {
  /** Minimum velocity at the goal position for the episode to terminate (Gymnasium's `goal_velocity`). */
  readonly goalVelocity: number;
}

const MIN_POSITION = -1.2;
const MAX_POSITION = 0.6;
const MAX_SPEED = 0.07;
const GOAL_POSITION = 0.5;
const FORCE = 0.001;
const GRAVITY = 0.0025;

function reached(position: number, velocity: number, goalVelocity: number): boolean {
  return position >= GOAL_POSITION && velocity >= goalVelocity;
}

const doc: EnvDoc = {
  description:
    'A car sits at the bottom of a sinusoidal valley and has to get to the flag on top of the right-hand ' +
    'hill. Its engine is too weak to drive straight up, so it must rock back and forth to build momentum. ' +
    'The dynamics are deterministic; only the start position is random. Gymnasium has two versions of ' +
    "this task; this one has discrete actions. It first appeared in Andrew Moore's PhD thesis, " +
    '"Efficient Memory-based Learning for Robot Control" (University of Cambridge, 1990).',
  action_space:
    '`Discrete(3)`: 0 accelerates to the left, 1 does not accelerate, 2 accelerates to the right.',
  observation_space:
    '`Box(float32, shape (2,))`: the position of the car along the x-axis in [-1.2, 0.6] and its velocity ' +
    'in [-0.07, 0.07].',
  rewards:
    '-1 on every step, so the return is minus the number of steps taken to reach the goal ' +
    '(reward threshold -110).',
  starting_state:
    'Position uniform in [-0.6, -0.4], velocity 0. Reset options `low` and `high` change the position ' +
    'interval.',
  episode_end:
    'Termination: the position reaches 0.5 (the flag) with a velocity of at least `goal_velocity`. ' +
    'Truncation: 200 steps. Dynamics: velocity += (action - 1)·0.001 - cos(3·position)·0.0025, clipped to ' +
    '[-0.07, 0.07]; position += velocity, clipped to [-1.2, 0.6]; hitting the left wall while moving left ' +
    'sets the velocity to 0 (an inelastic collision).',
  arguments:
    '`goal_velocity` (number, default 0): the velocity the car needs at the flag for the episode to end. ' +
    'Reset options `low` and `high` (numbers, low <= high) bound the uniform draw of the start position; ' +
    '`options.state` starts from a given [position, velocity].',
  version_history: 'v0: initial release; there is no other version.',
};

/** MountainCar-v0: drive an underpowered car up a hill, with three discrete actions. */
export const mountainCar: EnvDefinition<MountainCarParams, number> = {
  id: 'MountainCar-v0',
  doc,
  maxEpisodeSteps: 200,
  rewardThreshold: -110,
  defaultKwargs: Object.freeze({ goal_velocity: 0 }),

  params(kwargs) {
    checkKwargNames(kwargs, ['goal_velocity']);
    return { goalVelocity: numberKwarg(kwargs, 'goal_velocity', 0) };
  },

  observationSpace() {
    return new Box([MIN_POSITION, -MAX_SPEED], [MAX_POSITION, MAX_SPEED]);
  },

  actionSpace() {
    return new Discrete(3);
  },

  initial(rng, _params, options) {
    const [low, high] = resetBounds(options, -0.6, -0.4);
    return [rng.uniform(low, high), 0];
  },

  transition(state, action) {
    let [position, velocity] = state as [number, number];
    velocity += (action - 1) * FORCE + Math.cos(3 * position) * -GRAVITY;
    velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
    position += velocity;
    position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
    if (position === MIN_POSITION && velocity < 0) velocity = 0;
    return [position, velocity];
  },

  reward() {
    return -1.0;
  },

  terminal(state, params) {
    return reached(state[0]!, state[1]!, params.goalVelocity);
  },

  observation(state) {
    return Float32Array.from(state);
  },

  stateFromObservation(obs) {
    return Array.from(obs);
  },

  parseState(value) {
    return parsePhysicalState(value, 2, ['position', 'velocity']);
  },

  batched: {
    reward(_obs, _action, _nextObs, n) {
      return new Float32Array(n).fill(-1);
    },
    terminal(nextObs, n, params) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++)
        out[i] = reached(nextObs[2 * i]!, nextObs[2 * i + 1]!, params.goalVelocity) ? 1 : 0;
      return out;
    },
  },
};
