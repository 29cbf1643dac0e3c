/**
 * tasks/HalfCheetahDisabledJoint-v0: HalfCheetah with one of its six motors dead.
 * @module
 */
import type { EnvDoc } from '../../env.ts';
import type { Task } from '../../task.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import type { MujocoModel } from '../runtime.ts';
import { type CheetahTaskParams, cheetahTaskEnv } from './cheetah-task-env.ts';
import { finiteFamily, NO_TASK_NOTE, parseChoice, scalarSchema } from './shared.ts';

/** The task: which actuator (action index) is disabled. */
export interface DisabledJointTask extends Task {
  joint: number;
}

export type HalfCheetahDisabledJointParams = CheetahTaskParams<{
  readonly disabledJoints: readonly number[];
}>;

export const CHEETAH_JOINTS = ['bthigh', 'bshin', 'bfoot', 'fthigh', 'fshin', 'ffoot'] as const;
/** Train: the back leg's three joints and the front thigh. */
export const DISABLED_TRAIN = [0, 1, 2, 3] as const;
/** Test: the front shin and front foot (disjoint from train). */
export const DISABLED_TEST = [4, 5] as const;

const doc: EnvDoc = {
  description:
    'HalfCheetah-v5 (same model, reset, dynamics and reward) with one of the six leg motors disabled: the ' +
    'action component of that joint is replaced by 0 before it reaches MuJoCo, so the joint moves only ' +
    'passively (its spring, damping and limits still act). The agent is not told which joint is dead. ' +
    'In the spirit of the crippled-robot tasks of Nagabandi et al., "Learning to Adapt in Dynamic, ' +
    'Real-World Environments through Meta-RL" (2019). Tasks: {joint: j}, j the action index (0 bthigh, 1 ' +
    'bshin, 2 bfoot, 3 fthigh, 4 fshin, 5 ffoot). Train split: j in {0, 1, 2, 3}; test split: j in {4, 5} ' +
    '(disjoint: the front shin and front foot are never disabled in training). `sample` draws ' +
    "`integers(0, n)` into the split's list, in that order.",
  action_space:
    "`Box(-1, 1, (6,), float32)`: HalfCheetah-v5's torques; the disabled joint's component is ignored.",
  observation_space: "`Box(-inf, inf, (17,), float64)`: HalfCheetah-v5's observation; the task is not in it.",
  rewards:
    "HalfCheetah-v5's reward on the applied action ã (the action with ã[j] = 0): reward = v - 0.1 · " +
    'sum(ã²), v = (x_after - x_before) / dt (dt = 0.05 s). So commanding the dead joint neither helps nor ' +
    'costs. `info`: `x_position`, `x_velocity`, `reward_forward`, `reward_ctrl`. The batched reward masks ' +
    'the action with the joint from the parameters (the task applied); its forward term is estimated from ' +
    'the observed x velocities (approximate), its control cost is exact.',
  starting_state:
    "HalfCheetah-v5's reset noise; when the reset names no task, the train task is drawn first from the " +
    'same generator. `options.state` may give `[qpos (9), qvel (9)]`.',
  episode_end: 'Never terminates. Truncation: 200 steps.',
  arguments:
    'No kwargs. Tasks (`options.task`): {joint: integer 0..5}. Default task (no task applied): no joint ' +
    `disabled, i.e. HalfCheetah-v5 with 200-step episodes. ${NO_TASK_NOTE}`,
  version_history: 'v0: initial release, on HalfCheetah-v5 dynamics.',
};

const all = (list: readonly number[]) => list.map((joint) => ({ joint }));

/** Builds tasks/HalfCheetahDisabledJoint-v0 on the compiled HalfCheetah model. */
export function halfCheetahDisabledJointEnv(
  model: MujocoModel,
): MujocoEnvDefinition<HalfCheetahDisabledJointParams> {
  return cheetahTaskEnv(model, {
    id: 'tasks/HalfCheetahDisabledJoint-v0',
    doc,
    defaults: { disabledJoints: Object.freeze([]) as readonly number[] },
    ctrlCostWeight: 0.1,
    tasks: finiteFamily<HalfCheetahDisabledJointParams, DisabledJointTask>({
      schema: scalarSchema(
        'joint',
        'the disabled actuator: 0 bthigh, 1 bshin, 2 bfoot, 3 fthigh, 4 fshin, 5 ffoot',
        {
          type: 'integer',
          minimum: 0,
          maximum: 5,
        },
      ),
      train: all(DISABLED_TRAIN),
      test: all(DISABLED_TEST),
      descriptions: {
        train: 'joint in {0, 1, 2, 3} (bthigh, bshin, bfoot, fthigh), uniformly',
        test: 'joint in {4, 5} (fshin, ffoot), uniformly; disjoint from train',
      },
      parse: (value) => ({ joint: parseChoice(value, 'joint', [0, 1, 2, 3, 4, 5], 'an action index') }),
      apply: (params, task) => ({ ...params, disabledJoints: [task.joint] }),
    }),
    forwardReward: (v) => v,
    disabled: (p) => p.disabledJoints,
  });
}
