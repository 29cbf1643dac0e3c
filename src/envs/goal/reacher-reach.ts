/**
 * goal/ReacherReach-v0: a planar two-link arm (Gymnasium Reacher's link lengths) reaching a
 * goal, as a GoalEnv with a sparse reward.
 * @module
 */
import { Box } from '../../spaces/box.ts';
import { Dict } from '../../spaces/dict.ts';
import { checkKwargNames, parsePhysicalState } from '../classic-control/validate.ts';
import { EnvArgumentError, type EnvDoc, type PhysicalState } from '../env.ts';
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

/** Parameters built from ReacherReach's kwargs. */
export interface ReacherReachParams {
  /** Success radius around the desired goal (`distance_threshold`). */
  readonly distanceThreshold: number;
}

/** Link lengths, as in Gymnasium's Reacher (reacher.xml). */
export const LINK1 = 0.1;
export const LINK2 = 0.11;
/** Farthest fingertip distance from the base. */
export const REACH = LINK1 + LINK2;
/** Elbow joint range [-ELBOW_LIMIT, ELBOW_LIMIT] rad, as Reacher's joint1 range. */
export const ELBOW_LIMIT = 3.0;
/** Goals are drawn in the disk of this radius (Gymnasium Reacher's rule). */
export const GOAL_RADIUS = 0.2;
const DT = 0.05;
/** Angular acceleration per unit of torque, rad/s². */
const TORQUE_GAIN = 10.0;
/** Joint damping, 1/s. */
const DAMPING = 2.0;
/** Joint speed limit, rad/s: TORQUE_GAIN / DAMPING, the terminal speed under full torque. */
const MAX_SPEED = TORQUE_GAIN / DAMPING;
/** Initial joint angles are drawn from U(-INIT_ANGLE, INIT_ANGLE). */
const INIT_ANGLE = 0.1;
const MAX_EPISODE_STEPS = 50;
const DISTANCE_THRESHOLD = 0.02;

const STATE_NAMES = ['theta1', 'theta2', 'omega1', 'omega2', 'goal_x', 'goal_y'] as const;
const LAYOUT = goalRowLayout(2, 6);

function clip(v: number, bound: number): number {
  return Math.min(Math.max(v, -bound), bound);
}

/** The fingertip position of joint angles (shoulder, elbow), in float64. */
export function fingertip(theta1: number, theta2: number): [x: number, y: number] {
  const a = theta1 + theta2;
  return [LINK1 * Math.cos(theta1) + LINK2 * Math.cos(a), LINK1 * Math.sin(theta1) + LINK2 * Math.sin(a)];
}

/** Joint speed after a step under torque `u` (clipped to [-1, 1]). */
function jointSpeed(omega: number, u: number): number {
  return clip(omega + DT * (TORQUE_GAIN * clip(u, 1) - DAMPING * omega), MAX_SPEED);
}

/** The achieved (fingertip) and desired goals as the observation carries them (float32). */
function goals(state: PhysicalState): [ax: number, ay: number, dx: number, dy: number] {
  const [x, y] = fingertip(state[0]!, state[1]!);
  return [Math.fround(x), Math.fround(y), Math.fround(state[4]!), Math.fround(state[5]!)];
}

function stateDistance(state: PhysicalState): number {
  const [ax, ay, dx, dy] = goals(state);
  return goalDistance([ax, ay], 0, [dx, dy], 0, 2);
}

const MIN_REACH = Math.sqrt(LINK1 * LINK1 + LINK2 * LINK2 + 2 * LINK1 * LINK2 * Math.cos(ELBOW_LIMIT));

const doc: EnvDoc = {
  description:
    "A planar two-link arm, with Gymnasium Reacher's link lengths (0.1 and 0.11), must bring its " +
    'fingertip to a target drawn at reset. The arm lies in the horizontal plane (no gravity) with its ' +
    'base at the origin. Each joint is a damped rotor driven by its own torque, with no inertial ' +
    "coupling between the links (a simplification of Reacher's MuJoCo model): ω ← clip(ω + dt·(" +
    `${TORQUE_GAIN}·τ − ${DAMPING}·ω), ±${MAX_SPEED}) then θ ← θ + dt·ω, dt = ${DT} s. The shoulder ` +
    `turns freely; the elbow stops at ±${ELBOW_LIMIT} rad (its speed becomes 0 there), as in Reacher. ` +
    'It follows the Gymnasium-Robotics GoalEnv contract: Dict observations with `observation`, ' +
    '`achieved_goal` and `desired_goal`, and a vectorised `compute_reward` that every step reward equals.',
  action_space:
    '`Box(-1.0, 1.0, (2,), float32)`: the torques on the shoulder and the elbow. Values outside the ' +
    'bounds are clipped.',
  observation_space:
    `\`Dict(achieved_goal: Box(-${REACH.toFixed(2)}, ${REACH.toFixed(2)}, (2,), float32), desired_goal: ` +
    `Box(-${GOAL_RADIUS}, ${GOAL_RADIUS}, (2,), float32), observation: Box(float32, shape (6,)))\`. ` +
    '`observation` is [cos θ1, cos θ2, sin θ1, sin θ2, ω1, ω2] (θ1 the shoulder angle from the x axis, ' +
    `θ2 the elbow angle relative to the first link, speeds within ±${MAX_SPEED} rad/s); ` +
    '`achieved_goal` is the fingertip position [x, y] = [0.1·cos θ1 + 0.11·cos(θ1 + θ2), ' +
    '0.1·sin θ1 + 0.11·sin(θ1 + θ2)]; `desired_goal` is the target. Flattened (Gymnasium `flatten` ' +
    'order, keys sorted), a row is [achieved_x, achieved_y, desired_x, desired_y, cos θ1, cos θ2, ' +
    'sin θ1, sin θ2, ω1, ω2].',
  rewards:
    '`compute_reward(achieved_goal, desired_goal)` = -(d > 0.02): 0 when the fingertip after the step ' +
    'is within 0.02 (the `distance_threshold`, about a tenth of the reach) of the target, else -1, where ' +
    'd is the Euclidean distance in float64 on the float32 goal values. `info.is_success` is 1 exactly ' +
    'when the reward is 0; `info.distance` is d.',
  starting_state:
    `Both joint angles uniform in [-${INIT_ANGLE}, ${INIT_ANGLE}] (shoulder first), at rest; then the ` +
    `target as in Gymnasium Reacher: a point uniform in [-${GOAL_RADIUS}, ${GOAL_RADIUS}]² (x then y), ` +
    `drawn again until its distance from the base is below ${GOAL_RADIUS}, i.e. uniform in that disk. ` +
    `The elbow limit leaves a hole of radius ${MIN_REACH.toFixed(4)} around the base that the fingertip ` +
    'cannot enter, smaller than the default threshold, so every target can then be reached.',
  episode_end: 'The episode never terminates, even on success (as in the Fetch tasks). Truncation: 50 steps.',
  arguments:
    '`distance_threshold` (positive number, default 0.02): the success radius. `options.state` starts ' +
    `from a given [θ1, θ2, ω1, ω2, goal_x, goal_y] with θ2 within ±${ELBOW_LIMIT}, speeds within ` +
    `±${MAX_SPEED} and the goal within ${GOAL_RADIUS} of the base.`,
  version_history: 'v0: initial release.',
};

/** goal/ReacherReach-v0: bring a two-link arm's fingertip within 0.02 of a target. */
export const reacherReach: GoalEnvDefinition<ReacherReachParams, Float32Array> = {
  id: 'goal/ReacherReach-v0',
  doc,
  maxEpisodeSteps: MAX_EPISODE_STEPS,
  defaultKwargs: Object.freeze({ distance_threshold: DISTANCE_THRESHOLD }),
  successReward: 0,

  params(kwargs) {
    checkKwargNames(kwargs, ['distance_threshold']);
    return { distanceThreshold: positiveKwarg(kwargs, 'distance_threshold', DISTANCE_THRESHOLD) };
  },

  maxEpisodeStepsFor() {
    return MAX_EPISODE_STEPS;
  },

  observationSpace() {
    return new Dict({
      observation: new Box([-1, -1, -1, -1, -MAX_SPEED, -MAX_SPEED], [1, 1, 1, 1, MAX_SPEED, MAX_SPEED]),
      achieved_goal: new Box(-REACH, REACH, [2]),
      desired_goal: new Box(-GOAL_RADIUS, GOAL_RADIUS, [2]),
    });
  },

  actionSpace() {
    return new Box(-1, 1, [2]);
  },

  initial(rng) {
    const theta1 = rng.uniform(-INIT_ANGLE, INIT_ANGLE);
    const theta2 = rng.uniform(-INIT_ANGLE, INIT_ANGLE);
    for (;;) {
      const gx = rng.uniform(-GOAL_RADIUS, GOAL_RADIUS);
      const gy = rng.uniform(-GOAL_RADIUS, GOAL_RADIUS);
      if (Math.sqrt(gx * gx + gy * gy) < GOAL_RADIUS) return [theta1, theta2, 0, 0, gx, gy];
    }
  },

  transition(state, action) {
    const omega1 = jointSpeed(state[2]!, action[0]!);
    let omega2 = jointSpeed(state[3]!, action[1]!);
    const theta1 = state[0]! + DT * omega1;
    let theta2 = state[1]! + DT * omega2;
    if (theta2 > ELBOW_LIMIT || theta2 < -ELBOW_LIMIT) {
      theta2 = clip(theta2, ELBOW_LIMIT);
      omega2 = 0;
    }
    return [theta1, theta2, omega1, omega2, state[4]!, state[5]!];
  },

  reward(_state, _action, next, params) {
    return distanceReward(stateDistance(next), true, params.distanceThreshold);
  },

  terminal() {
    return false;
  },

  observation(state): GoalObservation<Float32Array> {
    const [ax, ay, dx, dy] = goals(state);
    const [t1, t2] = [state[0]!, state[1]!];
    return {
      achieved_goal: Float32Array.of(ax, ay),
      desired_goal: Float32Array.of(dx, dy),
      observation: Float32Array.of(
        Math.cos(t1),
        Math.cos(t2),
        Math.sin(t1),
        Math.sin(t2),
        state[2]!,
        state[3]!,
      ),
    };
  },

  info(_state, next, params) {
    const distance = stateDistance(next);
    return { is_success: distanceSuccess(distance, params.distanceThreshold), distance };
  },

  parseState(value) {
    const state = parsePhysicalState(value, 6, STATE_NAMES);
    checkStateRange(state, 1, 'theta2', -ELBOW_LIMIT, ELBOW_LIMIT);
    checkStateRange(state, 2, 'omega1', -MAX_SPEED, MAX_SPEED);
    checkStateRange(state, 3, 'omega2', -MAX_SPEED, MAX_SPEED);
    const [gx, gy] = [state[4]!, state[5]!];
    if (Math.sqrt(gx * gx + gy * gy) > GOAL_RADIUS) {
      throw new EnvArgumentError(
        'options.state.4',
        `the goal (${gx}, ${gy}) must lie within ${GOAL_RADIUS} of the base`,
      );
    }
    return state;
  },

  rowLayout() {
    return LAYOUT;
  },

  computeReward(achieved, desired, n, params) {
    return distanceComputeReward(achieved, desired, n, 2, true, params.distanceThreshold);
  },

  /**
   * Rows are flattened observations, `[achieved_x, achieved_y, desired_x, desired_y, cos θ1,
   * cos θ2, sin θ1, sin θ2, ω1, ω2]` (Gymnasium's `flatten` order, keys sorted; see
   * {@link goalRowLayout}). The reward reads the goals of `nextObs`; the env never terminates.
   */
  batched: {
    reward(_obs, _action, nextObs, n, params) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const row = i * LAYOUT.width;
        const d = goalDistance(nextObs, row + LAYOUT.achievedGoal, nextObs, row + LAYOUT.desiredGoal, 2);
        out[i] = distanceReward(d, true, params.distanceThreshold);
      }
      return out;
    },
    terminal(_nextObs, n) {
      return new Uint8Array(n);
    },
  },
};
