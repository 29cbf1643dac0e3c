/**
 * tasks/AntCrippledLeg-v0: the Ant with one leg's motors dead (Nagabandi et al.'s crippled ant).
 * @module
 */
import type { EnvDoc } from '../../env.ts';
import type { Task } from '../../task.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import type { MujocoModel } from '../runtime.ts';
import { ANT_COMMON } from './ant-dir.ts';
import { type AntTaskParams, antTaskEnv } from './ant-task-env.ts';
import { finiteFamily, NO_TASK_NOTE, parseChoice, scalarSchema } from './shared.ts';

/** The task: which leg is crippled. */
export interface CrippledLegTask extends Task {
  leg: number;
}

export type AntCrippledLegParams = AntTaskParams<{ readonly disabledActuators: readonly number[] }>;

/**
 * Leg k -> its hip and ankle actuators (action indices), numbered as the crippled-ant code of
 * Nagabandi et al. numbers them: 0 front left, 1 front right, 2 back left, 3 back right.
 */
export const LEG_ACTUATORS: readonly (readonly [number, number])[] = [
  [2, 3],
  [4, 5],
  [6, 7],
  [0, 1],
];
export const LEG_NAMES = ['front left', 'front right', 'back left', 'back right'] as const;
export const CRIPPLED_TRAIN = [0, 1, 2] as const;
export const CRIPPLED_TEST = [3] as const;

const doc: EnvDoc = {
  description:
    'The quadruped of Ant-v5 (same model, reset, dynamics, reward and termination) with one leg crippled: ' +
    "the actions of that leg's hip and ankle motors are replaced by 0 before they reach MuJoCo, so the leg " +
    'only moves passively. The agent is not told which leg. After the crippled-ant task of Nagabandi et ' +
    'al., "Learning to Adapt in Dynamic, Real-World Environments through Meta-RL" (2019), which trains on ' +
    "three legs and tests on the fourth. Their code also shortens the crippled leg's geoms (and recolours " +
    'them); this env does not: only the motors are disabled, the leg keeps its shape and mass. Tasks: ' +
    '{leg: k}: 0 front left (actions 2, 3), 1 front right (4, 5), 2 back left (6, 7), 3 back right (0, 1), ' +
    'their numbering. Train split: k in {0, 1, 2}; test split: k = 3 (disjoint). `sample` draws ' +
    "`integers(0, n)` into the split's list.",
  ...ANT_COMMON,
  rewards:
    "Ant-v5's reward on the applied action ã (the crippled leg's two components set to 0): reward = vx + " +
    'healthy - 0.5 · sum(ã²) - 5e-4 · sum(clip(cfrc_ext, -1, 1)²), so commanding the dead leg neither helps ' +
    "nor costs. `info`: Ant-v5's keys. The batched reward masks the action with the leg from the " +
    'parameters (the task applied); vx is the mean of the observed torso x velocities (approximate); health, ' +
    'control and contact terms are exact up to float32.',
  arguments:
    'No kwargs. Tasks (`options.task`): {leg: integer 0..3}. Default task (no task applied): no leg crippled, ' +
    `i.e. Ant-v5 with 200-step episodes. ${NO_TASK_NOTE}`,
  version_history: 'v0: initial release, on Ant-v5 dynamics.',
};

const all = (legs: readonly number[]) => legs.map((leg) => ({ leg }));

/** Builds tasks/AntCrippledLeg-v0 on the compiled Ant model. */
export function antCrippledLegEnv(model: MujocoModel): MujocoEnvDefinition<AntCrippledLegParams> {
  return antTaskEnv(model, {
    id: 'tasks/AntCrippledLeg-v0',
    doc,
    defaults: { disabledActuators: Object.freeze([]) as readonly number[] },
    kwargs: {},
    tasks: finiteFamily<AntCrippledLegParams, CrippledLegTask>({
      schema: scalarSchema(
        'leg',
        'the crippled leg: 0 front left, 1 front right, 2 back left, 3 back right',
        {
          type: 'integer',
          minimum: 0,
          maximum: 3,
        },
      ),
      train: all(CRIPPLED_TRAIN),
      test: all(CRIPPLED_TEST),
      descriptions: {
        train: 'leg in {0, 1, 2} (front left, front right, back left), uniformly',
        test: 'leg 3 (back right) only; disjoint from train',
      },
      parse: (value) => ({ leg: parseChoice(value, 'leg', [0, 1, 2, 3], 'a leg index') }),
      apply: (params, task) => ({ ...params, disabledActuators: LEG_ACTUATORS[task.leg]! }),
    }),
    goalKey: 'reward_forward',
    goalReward: (m, p) => m.xVelocity * p.forwardRewardWeight,
    batchedGoal: (obs, next, at, idx, p) =>
      0.5 * (obs[at + idx.vx]! + next[at + idx.vx]!) * p.forwardRewardWeight,
    disabled: (p) => p.disabledActuators,
  });
}
