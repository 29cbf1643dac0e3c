/**
 * tasks/AntDir-v0: the Ant walks forward or backward (PEARL's ant-dir, forward/backward variant).
 * @module
 */
import type { EnvDoc } from '../../env.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import type { MujocoModel } from '../runtime.ts';
import { type AntTaskParams, antTaskEnv } from './ant-task-env.ts';
import {
  DIRECTION_SCHEMA,
  type DirectionTask,
  finiteFamily,
  NO_TASK_NOTE,
  parseDirection,
} from './shared.ts';

export type AntDirParams = AntTaskParams<{ readonly direction: 1 | -1 }>;

const BOTH: readonly DirectionTask[] = [{ direction: 1 }, { direction: -1 }];

/** What the Ant direction envs share in their doc blocks. */
export const ANT_COMMON = {
  action_space:
    "`Box(-1, 1, (8,), float32)`: Ant-v5's hip and ankle torques of the back right, front left, front right " +
    'and back left legs (gear 150).',
  observation_space:
    "`Box(-inf, inf, (105,), float64)`: Ant-v5's observation (torso z and orientation, leg angles, the 14 " +
    'velocities, clipped contact forces of the 13 bodies); the task is not in it.',
  starting_state:
    "Ant-v5's: rest pose (torso 0.75 m up) plus U[-0.1, 0.1] noise on every position coordinate, velocities " +
    '0.1·N(0, 1). When the reset names no task, the train task is drawn first from the same generator. ' +
    '`options.state` may give `[qpos (15), qvel (14)]`.',
  episode_end:
    'Termination as Ant-v5: a position or velocity is not finite, or the torso z leaves [0.2, 1]. Truncation: ' +
    '200 steps (PEARL ran the ant tasks for 200 steps).',
} as const;

const doc: EnvDoc = {
  description:
    'The quadruped of Ant-v5 (same model, reset, dynamics, costs and termination) rewarded for walking in a ' +
    'direction it does not observe: forward (+x) or backward (-x). The forward/backward "ant-dir" ' +
    'benchmark of Rakelly et al., "Efficient Off-Policy Meta-RL via Probabilistic Context Variables" ' +
    '(PEARL, 2019; also Finn et al., MAML, 2017). Tasks: {direction: +1 or -1}. Only two tasks exist and both ' +
    'splits hold both: train = test = {+1, -1}; `sample` draws `integers(0, 2)`: 0 gives +1, 1 gives -1. ' +
    '(tasks/AntDir2D-v0 draws the direction from the whole circle.)',
  ...ANT_COMMON,
  rewards:
    'reward = direction · vx + healthy - 0.5 · sum(action²) - 5e-4 · sum(clip(cfrc_ext, -1, 1)²): vx the ' +
    "torso's x velocity over the step (displacement of its `xpos` / dt, dt = 0.05 s), healthy = 1 when " +
    "healthy after the step; all weights Ant-v5's defaults, which are also PEARL's ant_dir weights. " +
    "`info`: Ant-v5's keys, `reward_forward` being direction · vx. The batched reward takes the direction " +
    'from the parameters (the task applied) and vx as the mean of the observed torso x velocities before ' +
    'and after the step (approximate); health, control and contact terms are exact up to float32.',
  arguments: `No kwargs. Tasks (\`options.task\`): {direction: 1 | -1}. Default task: direction +1 (Ant-v5's reward). ${NO_TASK_NOTE}`,
  version_history: 'v0: initial release, on Ant-v5 dynamics.',
};

/** Builds tasks/AntDir-v0 on the compiled Ant model. */
export function antDirEnv(model: MujocoModel): MujocoEnvDefinition<AntDirParams> {
  return antTaskEnv(model, {
    id: 'tasks/AntDir-v0',
    doc,
    defaults: { direction: 1 as 1 | -1 },
    kwargs: {},
    tasks: finiteFamily<AntDirParams, DirectionTask>({
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
    goalKey: 'reward_forward',
    goalReward: (m, p) => p.direction * m.xVelocity,
    batchedGoal: (obs, next, at, idx, p) => p.direction * 0.5 * (obs[at + idx.vx]! + next[at + idx.vx]!),
  });
}
