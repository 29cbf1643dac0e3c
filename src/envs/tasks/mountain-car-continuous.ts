/**
 * tasks/MountainCarContinuous-v0: MountainCarContinuous-v0 with the engine power drawn per task.
 * @module
 */
import {
  MOUNTAIN_CAR_CONTINUOUS_POWER,
  mountainCarContinuous,
  mountainCarContinuousReached,
  mountainCarContinuousReward,
  mountainCarContinuousStep,
} from '../classic-control/mountain-car-continuous.ts';
import { checkKwargNames, parsePhysicalState } from '../classic-control/validate.ts';
import type { EnvDefinition, EnvDoc } from '../env.ts';
import { defaultTask, type RangedParameter, rangedTaskFamily } from './ranged-family.ts';

/** The car's engine (a task sets it). */
export interface MountainCarTaskParams {
  /** Velocity change per unit of force, per step. */
  readonly power: number;
}

/** The varied parameter. */
export const MOUNTAIN_CAR_TASK_PARAMETERS: readonly RangedParameter<MountainCarTaskParams>[] = [
  {
    key: 'power',
    prop: 'power',
    description: 'engine power: velocity change per step at full throttle',
    default: MOUNTAIN_CAR_CONTINUOUS_POWER,
    train: [0.0012, 0.0018],
    test: [0.0009, 0.0024],
    valid: { min: 0, max: 0.01 },
  },
];

/** MountainCarContinuous-v0's value: power 0.0015. */
export const MOUNTAIN_CAR_DEFAULT_TASK = defaultTask(MOUNTAIN_CAR_TASK_PARAMETERS);

const DEFAULTS: MountainCarTaskParams = Object.freeze({ power: MOUNTAIN_CAR_CONTINUOUS_POWER });
const GOAL_VELOCITY = 0;

const doc: EnvDoc = {
  description:
    'MountainCarContinuous-v0 (drive an underpowered car out of a valley by rocking it) as a family of ' +
    'tasks that differ in the power of the engine, hidden from the agent: a weak engine needs more ' +
    'swings, a strong one fewer. Dynamics, per step: velocity += clip(a, -1, 1)·power − ' +
    '0.0025·cos(3·position), clipped to [-0.07, 0.07]; position += velocity, clipped to [-1.2, 0.6]; the ' +
    'left wall stops a car moving left; the state is stored in float32. With the default task (power ' +
    '0.0015) the env is MountainCarContinuous-v0 to the bit. Tasks: train: power ~ U[0.0012, 0.0018] ' +
    '(one uniform()). Test (extrapolation): one random() u; power uniform on [0.0009, 0.0012) when u < ' +
    '0.5, otherwise on (0.0018, 0.0024].',
  action_space:
    '`Box(-1.0, 1.0, (1,), float32)`: the throttle, clipped to [-1, 1] and multiplied by the power.',
  observation_space:
    '`Box(float32, shape (2,))`: position in [-1.2, 0.6] and velocity in [-0.07, 0.07], as in ' +
    'MountainCarContinuous-v0.',
  rewards:
    '−0.1·a² per step with the action as given (before clipping), +100 on the step that reaches the ' +
    'goal, as in MountainCarContinuous-v0 (independent of the power).',
  starting_state:
    'Position ~ U[-0.6, -0.4], velocity 0 (reset options `low`/`high` change the interval). When the ' +
    'reset names no task, the train task is drawn first from the same generator.',
  episode_end: 'Termination: position >= 0.45 (goal velocity 0). Truncation: 999 steps.',
  arguments:
    'No kwargs. Tasks (`options.task`): {power}, a number in (0, 0.01]; left out, it is 0.0015. ' +
    '`options.state` starts from a given [position, velocity].',
  version_history: "v0: initial release, on MountainCarContinuous-v0's dynamics (Gymnasium 1.x).",
};

/** tasks/MountainCarContinuous-v0: the continuous mountain car with the engine power varying per task. */
export const mountainCarContinuousTasks: EnvDefinition<MountainCarTaskParams, Float32Array> = {
  id: 'tasks/MountainCarContinuous-v0',
  doc,
  maxEpisodeSteps: 999,
  defaultKwargs: Object.freeze({}),

  params(kwargs) {
    checkKwargNames(kwargs, []);
    return DEFAULTS;
  },

  observationSpace() {
    return mountainCarContinuous.observationSpace({ goalVelocity: GOAL_VELOCITY });
  },

  actionSpace() {
    return mountainCarContinuous.actionSpace({ goalVelocity: GOAL_VELOCITY });
  },

  initial(rng, _params, options) {
    return mountainCarContinuous.initial(rng, { goalVelocity: GOAL_VELOCITY }, options);
  },

  transition(state, action, params) {
    return mountainCarContinuousStep(state, action[0]!, params.power);
  },

  reward(_state, action, next) {
    return mountainCarContinuousReward(
      action[0]!,
      mountainCarContinuousReached(next[0]!, next[1]!, GOAL_VELOCITY),
    );
  },

  terminal(state) {
    return mountainCarContinuousReached(state[0]!, state[1]!, GOAL_VELOCITY);
  },

  observation(state) {
    return Float32Array.from(state);
  },

  parseState(value) {
    return parsePhysicalState(value, 2, ['position', 'velocity']);
  },

  batched: {
    reward(_obs, action, nextObs, n) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const goal = mountainCarContinuousReached(nextObs[2 * i]!, nextObs[2 * i + 1]!, GOAL_VELOCITY);
        out[i] = mountainCarContinuousReward(action[i]!, goal);
      }
      return out;
    },
    terminal(nextObs, n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = mountainCarContinuousReached(nextObs[2 * i]!, nextObs[2 * i + 1]!, GOAL_VELOCITY) ? 1 : 0;
      }
      return out;
    },
  },

  tasks: rangedTaskFamily(MOUNTAIN_CAR_TASK_PARAMETERS),
};
