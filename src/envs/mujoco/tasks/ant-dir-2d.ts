/**
 * tasks/AntDir2D-v0: the Ant walks in a hidden direction of the plane (PEARL's ant-dir, 2-D variant).
 * @module
 */
import type { EnvDoc } from '../../env.ts';
import type { TaskFamily } from '../../task.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import type { MujocoModel } from '../runtime.ts';
import { ANT_COMMON } from './ant-dir.ts';
import { type AntTaskParams, antTaskEnv } from './ant-task-env.ts';
import { NO_TASK_NOTE, parseScalar, scalarSchema } from './shared.ts';

/** The task: the direction's angle from +x, counter-clockwise, radians. */
export interface AngleTask extends Record<string, unknown> {
  angle: number;
}

export type AntDir2DParams = AntTaskParams<{ readonly direction: readonly [number, number] }>;

const TWO_PI = 2 * Math.PI;

const SPLIT = {
  description:
    'angle ~ U[0, 2π) (one uniform(0, 2π) draw); train and test are the same distribution (fresh draws)',
  ranges: { angle: [0, TWO_PI] as [number, number] },
};

const tasks: TaskFamily<AntDir2DParams, AngleTask> = {
  schema: scalarSchema('angle', 'direction to walk in: radians from +x towards +y', {
    type: 'number',
    minimum: -TWO_PI,
    maximum: TWO_PI,
  }),
  splits: { train: SPLIT, test: SPLIT },
  sample: (rng) => ({ angle: rng.uniform(0, TWO_PI) }),
  parse: (value) => ({ angle: parseScalar(value, 'angle', -TWO_PI, TWO_PI) }),
  apply: (params, task) => ({ ...params, direction: [Math.cos(task.angle), Math.sin(task.angle)] }),
};

const doc: EnvDoc = {
  description:
    'The quadruped of Ant-v5 (same model, reset, dynamics, costs and termination) rewarded for walking in a ' +
    'direction of the plane that it does not observe. The 2-D "ant-dir" task of PEARL (Rakelly et al., ' +
    '2019, `forward_backward=False`). Tasks: {angle: θ}, radians from +x towards +y. Train split: θ ~ ' +
    'U[0, 2π) (one `uniform(0, 2π)` draw); test split: the same distribution (fresh draws; every direction ' +
    'is seen in training, as in PEARL). tasks/AntDir-v0 is the forward/backward variant.',
  ...ANT_COMMON,
  rewards:
    'reward = cos θ · vx + sin θ · vy + healthy - 0.5 · sum(action²) - 5e-4 · sum(clip(cfrc_ext, -1, 1)²): ' +
    "(vx, vy) the torso's velocity over the step (displacement of its `xpos` / dt, dt = 0.05 s), i.e. the " +
    "velocity projected on the task's direction, as PEARL's ant_dir; healthy = 1 when healthy after the " +
    "step; Ant-v5's weights (PEARL's too). `info`: Ant-v5's keys, `reward_forward` being the projected " +
    'velocity. The batched reward takes θ from the parameters (the task applied) and the velocities as the ' +
    'mean of the observed ones before and after the step (approximate).',
  arguments:
    'No kwargs. Tasks (`options.task`): {angle: number in [-2π, 2π]}. Default task: angle 0 (walk along +x, ' +
    `Ant-v5's reward). ${NO_TASK_NOTE}`,
  version_history: 'v0: initial release, on Ant-v5 dynamics.',
};

/** Builds tasks/AntDir2D-v0 on the compiled Ant model. */
export function antDir2DEnv(model: MujocoModel): MujocoEnvDefinition<AntDir2DParams> {
  return antTaskEnv(model, {
    id: 'tasks/AntDir2D-v0',
    doc,
    defaults: { direction: [1, 0] as readonly [number, number] },
    kwargs: {},
    tasks,
    goalKey: 'reward_forward',
    goalReward: (m, p) => m.xVelocity * p.direction[0] + m.yVelocity * p.direction[1],
    batchedGoal: (obs, next, at, idx, p) =>
      0.5 * (obs[at + idx.vx]! + next[at + idx.vx]!) * p.direction[0] +
      0.5 * (obs[at + idx.vy]! + next[at + idx.vy]!) * p.direction[1],
  });
}
