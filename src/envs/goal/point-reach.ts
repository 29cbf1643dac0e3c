/**
 * goal/PointReach-v0: drive a 2D point mass to a goal, dense reward.
 * @module
 */
import type { EnvDoc } from '../env.ts';
import { POINT_DISTANCE_THRESHOLD, pointDocParts, pointDynamicsText, pointReachEnv } from './point-mass.ts';

const doc: EnvDoc = {
  description:
    'Steer a point mass to a target position drawn at reset: the smallest continuous-control goal ' +
    `task, for checking goal-conditioned agents quickly. ${pointDynamicsText} It follows the ` +
    'Gymnasium-Robotics GoalEnv contract: Dict observations with `observation`, `achieved_goal` and ' +
    '`desired_goal`, and a vectorised `compute_reward` that every step reward equals. ' +
    'goal/PointReachSparse-v0 is the same task with a sparse reward.',
  action_space: pointDocParts.action_space,
  observation_space: pointDocParts.observation_space,
  rewards:
    '`compute_reward(achieved_goal, desired_goal)` = -‖achieved_goal − desired_goal‖ (Euclidean, in ' +
    'float64 on the float32 goal values), taken on the position after the step; at best 0. ' +
    '`info.is_success` is 1 when that distance is at most `distance_threshold` ' +
    `(default ${POINT_DISTANCE_THRESHOLD}), else 0; \`info.distance\` is the distance.`,
  starting_state: pointDocParts.starting_state,
  episode_end: pointDocParts.episode_end,
  arguments: pointDocParts.arguments,
  version_history: pointDocParts.version_history,
};

/** goal/PointReach-v0: reach a goal with a damped point mass; reward -distance. */
export const pointReach = pointReachEnv('goal/PointReach-v0', false, doc);
