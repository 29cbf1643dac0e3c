/**
 * The point mass shared by goal/PointReach-v0 (dense reward) and goal/PointReachSparse-v0:
 * dynamics, spaces, and the env built for either reward.
 * @module
 */
import { Box } from '../../spaces/box.ts';
import { Dict } from '../../spaces/dict.ts';
import { checkKwargNames, parsePhysicalState } from '../classic-control/validate.ts';
import type { EnvDoc, PhysicalState } from '../env.ts';
import {
  checkStateRange,
  distanceComputeReward,
  distanceReward,
  distanceSuccess,
  type GoalEnvDefinition,
  type GoalObservation,
  goalDistance,
  goalRowLayout,
  positiveKwarg,
} from './goal-env.ts';

/** Parameters built from the point envs' kwargs. */
export interface PointReachParams {
  /** Sparse (0/-1) or dense (-distance) reward: fixed by the env id. */
  readonly sparse: boolean;
  /** Success radius around the desired goal (`distance_threshold`). */
  readonly distanceThreshold: number;
}

/** Half-width of the square arena (and of the square goals are drawn from). */
export const ARENA = 1.0;
/** Seconds per step. */
export const DT = 0.1;
/** Acceleration per unit of action (1 / mass). */
export const FORCE_GAIN = 2.0;
/** Linear damping coefficient, 1/s: acceleration -DAMPING·v. */
export const DAMPING = 2.0;
/** Speed limit per axis: FORCE_GAIN / DAMPING, the terminal speed under full force. */
export const MAX_SPEED = FORCE_GAIN / DAMPING;
export const POINT_MAX_EPISODE_STEPS = 50;
export const POINT_DISTANCE_THRESHOLD = 0.05;

const STATE_NAMES = ['x', 'y', 'vx', 'vy', 'goal_x', 'goal_y'] as const;
const LAYOUT = goalRowLayout(2, 4);

function clip(v: number, bound: number): number {
  return Math.min(Math.max(v, -bound), bound);
}

/** One axis of the double integrator: [position, velocity] after a step under action `u`. */
function axisStep(p: number, v: number, u: number): [number, number] {
  const force = clip(u, 1);
  // Semi-implicit Euler: the velocity first, then the position with the new velocity.
  let nv = clip(v + DT * (FORCE_GAIN * force - DAMPING * v), MAX_SPEED);
  let np = p + DT * nv;
  if (np > ARENA || np < -ARENA) {
    // An inelastic wall: stop at it.
    np = clip(np, ARENA);
    nv = 0;
  }
  return [np, nv];
}

/** The achieved and desired goals as the observation carries them (float32), x then y. */
function goals(state: PhysicalState): [ax: number, ay: number, dx: number, dy: number] {
  return [Math.fround(state[0]!), Math.fround(state[1]!), Math.fround(state[4]!), Math.fround(state[5]!)];
}

/** Distance between the state's float32 achieved and desired goals. */
function stateDistance(state: PhysicalState): number {
  const [ax, ay, dx, dy] = goals(state);
  return goalDistance([ax, ay], 0, [dx, dy], 0, 2);
}

/** Doc text the two point envs share. */
export const pointDocParts = {
  action_space:
    '`Box(-1.0, 1.0, (2,), float32)`: the force along x and y. Values outside the bounds are clipped.',
  observation_space:
    '`Dict(achieved_goal: Box(-1, 1, (2,), float32), desired_goal: Box(-1, 1, (2,), float32), ' +
    'observation: Box(-1, 1, (4,), float32))`. `observation` is [x, y, vx, vy]; `achieved_goal` is the ' +
    'position [x, y]; `desired_goal` the target position. Flattened (Gymnasium `flatten` order, keys ' +
    'sorted), a row is [achieved_x, achieved_y, desired_x, desired_y, x, y, vx, vy].',
  starting_state:
    'The position is drawn uniformly from the arena [-1, 1]², then the goal uniformly from the same ' +
    'square (x before y, numpy `uniform(-1, 1)` on the episode generator each); the point starts at ' +
    'rest. The goal is not redrawn when it happens to lie within the threshold.',
  episode_end: 'The episode never terminates, even on success (as in the Fetch tasks). Truncation: 50 steps.',
  arguments:
    '`distance_threshold` (positive number, default 0.05): the success radius. `options.state` starts ' +
    'from a given [x, y, vx, vy, goal_x, goal_y], each within [-1, 1].',
  version_history: 'v0: initial release.',
};

/** Dynamics paragraph for the descriptions. */
export const pointDynamicsText =
  'A point mass moves on a walled square arena [-1, 1]² without gravity. Each axis is a damped ' +
  `double integrator stepped with semi-implicit Euler, dt = ${DT} s: v ← clip(v + dt·(${FORCE_GAIN}·f − ` +
  `${DAMPING}·v), ±${MAX_SPEED}), then p ← p + dt·v, where f is the clipped force. A position that ` +
  'would leave the arena stops at the wall and that velocity component becomes 0.';

/** A point-mass reaching env with the given id, reward and doc block. */
export function pointReachEnv(
  id: string,
  sparse: boolean,
  doc: EnvDoc,
): GoalEnvDefinition<PointReachParams, Float32Array> {
  return {
    id,
    doc,
    maxEpisodeSteps: POINT_MAX_EPISODE_STEPS,
    defaultKwargs: Object.freeze({ distance_threshold: POINT_DISTANCE_THRESHOLD }),
    successReward: 0,

    params(kwargs) {
      checkKwargNames(kwargs, ['distance_threshold']);
      return {
        sparse,
        distanceThreshold: positiveKwarg(kwargs, 'distance_threshold', POINT_DISTANCE_THRESHOLD),
      };
    },

    maxEpisodeStepsFor() {
      return POINT_MAX_EPISODE_STEPS;
    },

    observationSpace() {
      return new Dict({
        observation: new Box([-ARENA, -ARENA, -MAX_SPEED, -MAX_SPEED], [ARENA, ARENA, MAX_SPEED, MAX_SPEED]),
        achieved_goal: new Box(-ARENA, ARENA, [2]),
        desired_goal: new Box(-ARENA, ARENA, [2]),
      });
    },

    actionSpace() {
      return new Box(-1, 1, [2]);
    },

    initial(rng) {
      const x = rng.uniform(-ARENA, ARENA);
      const y = rng.uniform(-ARENA, ARENA);
      const gx = rng.uniform(-ARENA, ARENA);
      const gy = rng.uniform(-ARENA, ARENA);
      return [x, y, 0, 0, gx, gy];
    },

    transition(state, action) {
      const [x, vx] = axisStep(state[0]!, state[2]!, action[0]!);
      const [y, vy] = axisStep(state[1]!, state[3]!, action[1]!);
      return [x, y, vx, vy, state[4]!, state[5]!];
    },

    reward(_state, _action, next, params) {
      return distanceReward(stateDistance(next), params.sparse, params.distanceThreshold);
    },

    terminal() {
      return false;
    },

    observation(state): GoalObservation<Float32Array> {
      const [ax, ay, dx, dy] = goals(state);
      return {
        achieved_goal: Float32Array.of(ax, ay),
        desired_goal: Float32Array.of(dx, dy),
        observation: Float32Array.of(state[0]!, state[1]!, state[2]!, state[3]!),
      };
    },

    info(_state, next, params) {
      const distance = stateDistance(next);
      return { is_success: distanceSuccess(distance, params.distanceThreshold), distance };
    },

    parseState(value) {
      const state = parsePhysicalState(value, 6, STATE_NAMES);
      for (let i = 0; i < 6; i++) {
        const bound = i === 2 || i === 3 ? MAX_SPEED : ARENA;
        checkStateRange(state, i, STATE_NAMES[i]!, -bound, bound);
      }
      return state;
    },

    rowLayout() {
      return LAYOUT;
    },

    computeReward(achieved, desired, n, params) {
      return distanceComputeReward(achieved, desired, n, 2, params.sparse, params.distanceThreshold);
    },

    /**
     * Rows are flattened observations, `[achieved_x, achieved_y, desired_x, desired_y, x, y, vx, vy]`
     * (Gymnasium's `flatten` order, keys sorted; see {@link goalRowLayout}). The reward reads the
     * goals of `nextObs`; the env never terminates.
     */
    batched: {
      reward(_obs, _action, nextObs, n, params) {
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          const row = i * LAYOUT.width;
          const d = goalDistance(nextObs, row + LAYOUT.achievedGoal, nextObs, row + LAYOUT.desiredGoal, 2);
          out[i] = distanceReward(d, params.sparse, params.distanceThreshold);
        }
        return out;
      },
      terminal(_nextObs, n) {
        return new Uint8Array(n);
      },
    },
  };
}
