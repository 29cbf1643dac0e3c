/**
 * goal/PointReachSparse-v0: drive a 2D point mass to a goal, sparse reward.
 * @module
 */
import type { EnvDoc } from '../env.ts';
import { POINT_DISTANCE_THRESHOLD, pointDocParts, pointDynamicsText, pointReachEnv } from './point-mass.ts';

const doc: EnvDoc = {
  description:
    'Steer a point mass into a small disk around a target position drawn at reset, with a reward that ' +
    `only says whether it is there: the setting Hindsight Experience Replay was made for. ${pointDynamicsText} ` +
    'It follows the Gymnasium-Robotics GoalEnv contract: Dict observations with `observation`, ' +
    '`achieved_goal` and `desired_goal`, and a vectorised `compute_reward` that every step reward ' +
    'equals. goal/PointReach-v0 is the same task with a dense reward.',
  action_space: pointDocParts.action_space,
  observation_space: pointDocParts.observation_space,
  rewards:
    '`compute_reward(achieved_goal, desired_goal)` = -(d > distance_threshold), i.e. -1 while the ' +
    'position after the step is farther than the threshold (default ' +
    `${POINT_DISTANCE_THRESHOLD}) from the goal and 0 within it, where d is the Euclidean distance in ` +
    'float64 on the float32 goal values. `info.is_success` is 1 exactly when the reward is 0; ' +
    '`info.distance` is d.',
  starting_state: pointDocParts.starting_state,
  episode_end: pointDocParts.episode_end,
  arguments: pointDocParts.arguments,
  version_history: pointDocParts.version_history,
};

/** goal/PointReachSparse-v0: reach a goal with a damped point mass; reward 0 within the threshold, else -1. */
export const pointReachSparse = pointReachEnv('goal/PointReachSparse-v0', true, doc);
