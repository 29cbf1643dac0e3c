/**
 * MountainCarContinuous-v0, Gymnasium 1.x `classic_control/continuous_mountain_car.py`: float64
 * state at reset, rounded to float32 after every step.
 * @module
 */
import { Box } from '../../spaces/box.ts';
import type { EnvDefinition, EnvDoc, PhysicalState } from '../env.ts';
import { checkKwargNames, numberKwarg, parsePhysicalState, resetBounds } from './validate.ts';

/** Parameters built from MountainCarContinuous's kwargs. */
export interface MountainCarContinuousParams {
  /** Minimum velocity at the goal position for the episode to terminate (Gymnasium's `goal_velocity`). */
  readonly goalVelocity: number;
}

const MIN_ACTION = -1.0;
const MAX_ACTION = 1.0;
const MIN_POSITION = -1.2;
const MAX_POSITION = 0.6;
const MAX_SPEED = 0.07;
const GOAL_POSITION = 0.45;
/** Gymnasium's engine power: the velocity change per unit of (clipped) force. */
export const MOUNTAIN_CAR_CONTINUOUS_POWER = 0.0015;

function reached(position: number, velocity: number, goalVelocity: number): boolean {
  return position >= GOAL_POSITION && velocity >= goalVelocity;
}

/** Gymnasium's reward: +100 on reaching the goal, minus 0.1·a² of the *unclipped* action. */
function stepReward(a: number, goal: boolean): number {
  return (goal ? 100.0 : 0) - a * a * 0.1;
}

/** Gymnasium's goal test (position >= 0.45, velocity >= `goalVelocity`) and step reward, for the task envs. */
export { reached as mountainCarContinuousReached, stepReward as mountainCarContinuousReward };

/**
 * One step of Gymnasium's continuous mountain car for the action `a` as given (clipped here to
 * [-1, 1]) with the engine `power` as a parameter (Gymnasium: 0.0015). The next state is
 * rounded to float32, as Gymnasium stores it.
 */
export function mountainCarContinuousStep(state: PhysicalState, a: number, power: number): PhysicalState {
  let [position, velocity] = state as [number, number];
  const force = Math.min(Math.max(a, MIN_ACTION), MAX_ACTION);
  velocity += force * power - 0.0025 * Math.cos(3 * position);
  if (velocity > MAX_SPEED) velocity = MAX_SPEED;
  if (velocity < -MAX_SPEED) velocity = -MAX_SPEED;
  position += velocity;
  if (position > MAX_POSITION) position = MAX_POSITION;
  if (position < MIN_POSITION) position = MIN_POSITION;
  if (position === MIN_POSITION && velocity < 0) velocity = 0;
  return [Math.fround(position), Math.fround(velocity)];
}

const doc: EnvDoc = {
  description:
    'A car sits at the bottom of a sinusoidal valley and has to get to the flag on top of the right-hand ' +
    'hill. Its engine is too weak to drive straight up, so it must rock back and forth to build momentum. ' +
    'The dynamics are deterministic; only the start position is random. This is the version of the task ' +
    'with a continuous action. It first appeared in Andrew Moore\'s PhD thesis, "Efficient Memory-based ' +
    'Learning for Robot Control" (University of Cambridge, 1990).',
  action_space:
    '`Box(-1.0, 1.0, (1,), float32)`: the force pushing the car, clipped to [-1, 1] and multiplied by a ' +
    'power of 0.0015.',
  observation_space:
    '`Box(float32, shape (2,))`: the position of the car along the x-axis in [-1.2, 0.6] and its velocity ' +
    'in [-0.07, 0.07].',
  rewards:
    'Each step costs 0.1·action², computed from the action as given (before clipping), so large pushes ' +
    'are penalised; the step that reaches the goal adds +100 (reward threshold 90).',
  starting_state:
    'Position uniform in [-0.6, -0.4], velocity 0. Reset options `low` and `high` change the position ' +
    'interval.',
  episode_end:
    'Termination: the position reaches 0.45 with a velocity of at least `goal_velocity`. Truncation: 999 ' +
    'steps. Dynamics: velocity += force·0.0015 - 0.0025·cos(3·position), clipped to [-0.07, 0.07]; ' +
    'position += velocity, clipped to [-1.2, 0.6]; hitting the left wall while moving left sets the ' +
    'velocity to 0. The state is stored in float32 after every step, as in Gymnasium.',
  arguments:
    '`goal_velocity` (number, default 0): the velocity the car needs at the goal for the episode to end. ' +
    'Reset options `low` and `high` (numbers, low <= high) bound the uniform draw of the start position; ' +
    '`options.state` starts from a given [position, velocity].',
  version_history: 'v0: initial release; there is no other version.',
};

/** MountainCarContinuous-v0: drive an underpowered car up a hill with a continuous force. */
export const mountainCarContinuous: EnvDefinition<MountainCarContinuousParams, Float32Array> = {
  id: 'MountainCarContinuous-v0',
  doc,
  maxEpisodeSteps: 999,
  rewardThreshold: 90,
  defaultKwargs: Object.freeze({ goal_velocity: 0 }),

  params(kwargs) {
    checkKwargNames(kwargs, ['goal_velocity']);
    return { goalVelocity: numberKwarg(kwargs, 'goal_velocity', 0) };
  },

  observationSpace() {
    return new Box([MIN_POSITION, -MAX_SPEED], [MAX_POSITION, MAX_SPEED]);
  },

  actionSpace() {
    return new Box(MIN_ACTION, MAX_ACTION, [1]);
  },

  initial(rng, _params, options) {
    const [low, high] = resetBounds(options, -0.6, -0.4);
    return [rng.uniform(low, high), 0];
  },

  transition(state, action) {
    return mountainCarContinuousStep(state, action[0]!, MOUNTAIN_CAR_CONTINUOUS_POWER);
  },

  reward(_state, action, next, params) {
    return stepReward(action[0]!, reached(next[0]!, next[1]!, params.goalVelocity));
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
    reward(_obs, action, nextObs, n, params) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = stepReward(action[i]!, reached(nextObs[2 * i]!, nextObs[2 * i + 1]!, params.goalVelocity));
      }
      return out;
    },
    terminal(nextObs, n, params) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++)
        out[i] = reached(nextObs[2 * i]!, nextObs[2 * i + 1]!, params.goalVelocity) ? 1 : 0;
      return out;
    },
  },
};
