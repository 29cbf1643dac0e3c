/**
 * tasks/AntGoal-v0: the Ant walks to a hidden goal position (PEARL's ant-goal).
 * @module
 */
import type { EnvDoc } from '../../env.ts';
import type { TaskFamily } from '../../task.ts';
import { TASK_FIELD, taskArray, taskNumber, taskObject } from '../../tasks/validate.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import type { MujocoModel } from '../runtime.ts';
import { type AntTaskParams, antTaskEnv } from './ant-task-env.ts';
import { NO_TASK_NOTE } from './shared.ts';

/** The task: the goal position (x, y), metres. */
export interface AntGoalTask extends Record<string, unknown> {
  goal: [number, number];
}

export type AntGoalParams = AntTaskParams<{ readonly goal: readonly [number, number] }>;

/** Goals are uniform in the disk of this radius about the origin. */
export const GOAL_RADIUS = 3;
/** What a client may ask for, per coordinate (m). */
const VALID = 100;
/** Weight of sum(action²): PEARL's ant_goal. */
export const ANT_GOAL_CTRL_COST_WEIGHT = 0.1;

const SPLIT = {
  description:
    'goal uniform in the disk of radius 3 about the origin: a = 2π·random(), r = 3·sqrt(random()), goal = ' +
    '(r cos a, r sin a) (PEARL); train and test are the same distribution (fresh draws)',
  ranges: {
    'goal.0': [-GOAL_RADIUS, GOAL_RADIUS] as [number, number],
    'goal.1': [-GOAL_RADIUS, GOAL_RADIUS] as [number, number],
  },
};

const tasks: TaskFamily<AntGoalParams, AntGoalTask> = {
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['goal'],
    properties: {
      goal: {
        type: 'array',
        description: 'goal position [x, y] of the torso, m',
        items: { type: 'number', minimum: -VALID, maximum: VALID },
        minItems: 2,
        maxItems: 2,
      },
    },
  },
  splits: { train: SPLIT, test: SPLIT },
  sample(rng) {
    const a = rng.random() * 2 * Math.PI;
    const r = GOAL_RADIUS * Math.sqrt(rng.random());
    return { goal: [r * Math.cos(a), r * Math.sin(a)] };
  },
  parse(value) {
    const record = taskObject(value, ['goal']);
    const goal = taskArray(record.goal, `${TASK_FIELD}.goal`, 2, (v, field) =>
      taskNumber(v, field, { min: -VALID, max: VALID, minInclusive: true }),
    );
    return { goal: [goal[0]!, goal[1]!] };
  },
  apply: (params, task) => ({ ...params, goal: [task.goal[0], task.goal[1]] }),
};

const doc: EnvDoc = {
  description:
    'The quadruped of Ant-v5 (same model, reset, dynamics and contact cost) rewarded for reaching a goal ' +
    'position on the floor that it does not observe. The "ant-goal" benchmark of Rakelly et al., ' +
    '"Efficient Off-Policy Meta-RL via Probabilistic Context Variables" (PEARL, 2019). Tasks: {goal: [gx, ' +
    'gy]}. Train split: uniform in the disk of radius 3 m about the origin, drawn as PEARL draws it: a = ' +
    '2π · random(), then r = 3 · sqrt(random()), goal = (r cos a, r sin a). Test split: the same ' +
    'distribution (fresh draws, as PEARL).',
  action_space:
    "`Box(-1, 1, (8,), float32)`: Ant-v5's hip and ankle torques of the back right, front left, front right " +
    'and back left legs (gear 150).',
  observation_space:
    "`Box(-inf, inf, (107,), float64)`: Ant-v5's observation with the torso's x and y kept in front " +
    '(`exclude_current_positions_from_observation=False`, as PEARL observes the full qpos): torso x, y, z, ' +
    'orientation, leg angles, the 14 velocities, clipped contact forces. The goal is not in it.',
  rewards:
    'reward = -(|x - gx| + |y - gy|) - 0.1 · sum(action²) - 5e-4 · sum(clip(cfrc_ext, -1, 1)²), (x, y) ' +
    "the torso's `xpos` after the step. The distance is the L1 distance and the weights are those of " +
    'PEARL\'s ant_goal (goal term "make it happy, not suicidal"); no healthy reward. `info`: ' +
    '`reward_goal` (the distance term), `reward_ctrl`, `reward_contact`, `reward_survive` (always 0), ' +
    '`x_position`, `y_position`, `distance_from_origin`, `x_velocity`, `y_velocity`. The batched reward ' +
    'takes the goal from the parameters (the task applied) and (x, y) from the next observation, i.e. ' +
    "qpos at the end of the step where the true reward reads `xpos` from the last substep's forward pass " +
    '(they differ by about one 10 ms substep of motion): approximate; the costs are exact up to float32.',
  starting_state:
    "Ant-v5's: rest pose at the origin (torso 0.75 m up) plus U[-0.1, 0.1] noise on every position " +
    'coordinate, velocities 0.1·N(0, 1). When the reset names no task, the train task is drawn first from ' +
    'the same generator. `options.state` may give `[qpos (15), qvel (14)]`.',
  episode_end:
    "Never terminates (as PEARL's ant_goal; an Ant on its back stays there). Truncation: 200 steps.",
  arguments:
    'No kwargs. Tasks (`options.task`): {goal: [x, y]}, coordinates in [-100, 100]. Default task: goal ' +
    `(3, 0). ${NO_TASK_NOTE}`,
  version_history: 'v0: initial release, on Ant-v5 dynamics.',
};

/** Builds tasks/AntGoal-v0 on the compiled Ant model. */
export function antGoalEnv(model: MujocoModel): MujocoEnvDefinition<AntGoalParams> {
  return antTaskEnv(model, {
    id: 'tasks/AntGoal-v0',
    doc,
    defaults: { goal: [GOAL_RADIUS, 0] as readonly [number, number] },
    kwargs: {
      ctrl_cost_weight: ANT_GOAL_CTRL_COST_WEIGHT,
      healthy_reward: 0,
      terminate_when_unhealthy: false,
      exclude_current_positions_from_observation: false,
    },
    tasks,
    goalKey: 'reward_goal',
    goalReward: (m, p) => -(Math.abs(m.x - p.goal[0]) + Math.abs(m.y - p.goal[1])),
    batchedGoal: (_obs, next, at, idx, p) =>
      -(Math.abs(next[at + idx.x]! - p.goal[0]) + Math.abs(next[at + idx.y]! - p.goal[1])),
  });
}
