/**
 * tasks/HalfCheetahDir-v0: run forward or backward (MAML's and PEARL's cheetah-dir).
 * @module
 */
import type { EnvDoc } from '../../env.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import type { MujocoModel } from '../runtime.ts';
import { type CheetahTaskParams, cheetahTaskEnv } from './cheetah-task-env.ts';
import {
  DIRECTION_SCHEMA,
  type DirectionTask,
  finiteFamily,
  NO_TASK_NOTE,
  parseDirection,
} from './shared.ts';

export type HalfCheetahDirParams = CheetahTaskParams<{ readonly direction: 1 | -1 }>;

/** Weight of sum(action²): 0.5 · 0.1, as in MAML's and PEARL's cheetah-dir. */
export const DIR_CTRL_COST_WEIGHT = 0.05;

const BOTH: readonly DirectionTask[] = [{ direction: 1 }, { direction: -1 }];

const doc: EnvDoc = {
  description:
    "HalfCheetah (HalfCheetah-v5's model, reset and dynamics) rewarded for running in a direction it does " +
    'not observe: forward (+x) or backward (-x). The "cheetah-dir" meta-RL benchmark of Finn et al., ' +
    '"Model-Agnostic Meta-Learning" (2017) and Rakelly et al. (PEARL, 2019). Tasks: {direction: +1 or -1}. ' +
    'There are only two tasks, and both splits hold both: train = test = {+1, -1} (as in MAML and PEARL, ' +
    'which meta-test on the same two directions); `sample` draws `integers(0, 2)`: 0 gives +1, 1 gives -1.',
  action_space:
    "`Box(-1, 1, (6,), float32)`: HalfCheetah-v5's six joint torques (gears 120, 90, 60, 120, 60, 30).",
  observation_space:
    "`Box(-inf, inf, (17,), float64)`: HalfCheetah-v5's observation; the direction is not in it.",
  rewards:
    'reward = direction · v - 0.05 · sum(action²), v = (x_after - x_before) / dt the forward velocity of ' +
    "the root (dt = 0.05 s). The control weight 0.05 (= 0.5 · 0.1) is PEARL's half_cheetah_dir and MAML's " +
    'rllab half_cheetah_env_rand_direc. `info`: `x_position`, `x_velocity`, `reward_forward` (= direction · ' +
    'v), `reward_ctrl`. The batched reward takes the direction from the parameters (the task applied) and ' +
    'estimates v from the observed x velocities (mean before/after), so it is approximate.',
  starting_state:
    "HalfCheetah-v5's reset noise (positions U[-0.1, 0.1], velocities 0.1·N(0, 1)); when the reset names no " +
    'task, the train task is drawn first from the same generator. `options.state` may give `[qpos (9), qvel (9)]`.',
  episode_end: 'Never terminates. Truncation: 200 steps (MAML, PEARL).',
  arguments: `No kwargs. Tasks (\`options.task\`): {direction: 1 | -1}. Default task: direction +1. ${NO_TASK_NOTE}`,
  version_history: 'v0: initial release, on HalfCheetah-v5 dynamics.',
};

/** Builds tasks/HalfCheetahDir-v0 on the compiled HalfCheetah model. */
export function halfCheetahDirEnv(model: MujocoModel): MujocoEnvDefinition<HalfCheetahDirParams> {
  return cheetahTaskEnv(model, {
    id: 'tasks/HalfCheetahDir-v0',
    doc,
    defaults: { direction: 1 as 1 | -1 },
    ctrlCostWeight: DIR_CTRL_COST_WEIGHT,
    tasks: finiteFamily<HalfCheetahDirParams, DirectionTask>({
      schema: DIRECTION_SCHEMA,
      train: BOTH,
      test: BOTH,
      descriptions: {
        train: 'both directions, +1 (forward) and -1 (backward), uniformly',
        test: 'the same two directions as train (only two tasks exist)',
      },
      parse: parseDirection,
      apply: (params, task) => ({ ...params, direction: task.direction }),
    }),
    forwardReward: (v, p) => p.direction * v,
  });
}
