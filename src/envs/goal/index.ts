/**
 * Goal-conditioned envs (Gymnasium-Robotics' GoalEnv contract): Dict observations
 * `{achieved_goal, desired_goal, observation}`, a vectorised `computeReward`, `info.is_success`.
 * @module
 */
import { bitFlip } from './bit-flip.ts';
import type { GoalEnvDefinition } from './goal-env.ts';
import { pointReach } from './point-reach.ts';
import { pointReachSparse } from './point-reach-sparse.ts';
import { reacherReach } from './reacher-reach.ts';

export {
  flattenGoalObservations,
  type GoalEnvDefinition,
  type GoalObservation,
  type GoalRowLayout,
  goalRowLayout,
} from './goal-env.ts';
export { bitFlip, pointReach, pointReachSparse, reacherReach };

/**
 * The goal envs, in listing order. Each is an `EnvDefinition` with `computeReward` set, plus
 * {@link GoalEnvDefinition.maxEpisodeStepsFor} (BitFlip's limit depends on its `n` kwarg).
 */
export const goalEnvs: GoalEnvDefinition[] = [bitFlip, pointReach, pointReachSparse, reacherReach];
