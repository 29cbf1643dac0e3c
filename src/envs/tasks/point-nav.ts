/**
 * tasks/PointNav-v0: MAML's 2D navigation benchmark (Finn et al. 2017, `point_env_rand_goal`).
 * @module
 */
import { checkKwargNames } from '../classic-control/validate.ts';
import type { EnvDefinition, EnvDoc } from '../env.ts';
import type { TaskFamily } from '../task.ts';
import {
  GOAL_TASK_SCHEMA,
  type GoalTask,
  goalDistance,
  parseGoalTask,
  parsePointState,
  pointActionSpace,
  pointMove,
  pointObservation,
  pointObservationSpace,
} from './point.ts';

/** The env's parameters: the goal (set by the task). */
export interface PointNavParams {
  readonly goal: readonly [number, number];
}

/** Goals are uniform on [-GOAL_RANGE, GOAL_RANGE]². */
const GOAL_RANGE = 0.5;
/** Termination: both coordinates closer than this to the goal. */
const TOLERANCE = 0.01;

const DEFAULTS: PointNavParams = Object.freeze({
  goal: Object.freeze([0.5, 0.5]) as readonly [number, number],
});

function reached(x: number, y: number, goal: readonly [number, number]): boolean {
  return Math.abs(x - goal[0]) < TOLERANCE && Math.abs(y - goal[1]) < TOLERANCE;
}

const SPLIT = {
  description:
    'goal ~ U[-0.5, 0.5]² (goal.0 then goal.1, one uniform() each, numpy `uniform(-0.5, 0.5, size=2)`); ' +
    'MAML tests on new goals from the same distribution, so train and test are the same distribution ' +
    '(different draws)',
  ranges: { 'goal.0': [-GOAL_RANGE, GOAL_RANGE], 'goal.1': [-GOAL_RANGE, GOAL_RANGE] } as Record<
    string,
    [number, number]
  >,
};

const tasks: TaskFamily<PointNavParams, GoalTask> = {
  schema: GOAL_TASK_SCHEMA,
  splits: { train: SPLIT, test: SPLIT },
  sample(rng) {
    const x = rng.uniform(-GOAL_RANGE, GOAL_RANGE);
    const y = rng.uniform(-GOAL_RANGE, GOAL_RANGE);
    return { goal: [x, y] };
  },
  parse: parseGoalTask,
  apply(params, task) {
    return { ...params, goal: [task.goal[0], task.goal[1]] };
  },
};

const doc: EnvDoc = {
  description:
    'The 2D navigation task of MAML (Finn, Abbeel and Levine, "Model-Agnostic Meta-Learning for Fast ' +
    'Adaptation of Deep Networks", 2017): a point starts at the origin and must move to a goal that it ' +
    'cannot see; the goal differs per task and only the reward reveals it. Dynamics: s ← s + clip(a, ' +
    '-0.1, 0.1) (float64 state, float32 action). Tasks: goal ~ U[-0.5, 0.5]², goal.0 then goal.1 with ' +
    'one uniform() each. Train and test are the same distribution (MAML evaluates on freshly drawn ' +
    'goals); the splits differ only by their draws.',
  action_space:
    '`Box(-0.1, 0.1, (2,), float32)`: the displacement (dx, dy), clipped to the bounds before it is applied.',
  observation_space: '`Box(-inf, inf, (2,), float32)`: the position (x, y). The goal is not observed.',
  rewards: 'r = −‖s′ − g‖, the Euclidean distance from the position after the move to the goal, negated.',
  starting_state: 'Always (0, 0); the reset draws nothing besides the task when none is given.',
  episode_end: 'Termination: |x − g.x| < 0.01 and |y − g.y| < 0.01 after the move. Truncation: 100 steps.',
  arguments:
    'No kwargs. Tasks (`options.task`): {goal: [x, y]} with any finite coordinates. Without a task ' +
    '(outside the task-aware adapter) the goal is (0.5, 0.5). `options.state` starts from a given [x, y].',
  version_history: "v0: initial release, following MAML's point_env_rand_goal.",
};

/** tasks/PointNav-v0: reach a hidden goal in the plane (MAML 2D navigation). */
export const pointNav: EnvDefinition<PointNavParams, Float32Array> = {
  id: 'tasks/PointNav-v0',
  doc,
  maxEpisodeSteps: 100,
  defaultKwargs: Object.freeze({}),

  params(kwargs) {
    checkKwargNames(kwargs, []);
    return DEFAULTS;
  },

  observationSpace: pointObservationSpace,
  actionSpace: pointActionSpace,

  initial() {
    return [0, 0];
  },

  transition(state, action) {
    return pointMove(state, action);
  },

  reward(_state, _action, next, params) {
    return -goalDistance(next[0]!, next[1]!, params.goal);
  },

  terminal(state, params) {
    return reached(state[0]!, state[1]!, params.goal);
  },

  observation: pointObservation,

  parseState(value) {
    return parsePointState(value);
  },

  batched: {
    reward(_obs, _action, nextObs, n, params) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = -goalDistance(nextObs[2 * i]!, nextObs[2 * i + 1]!, params.goal);
      return out;
    },
    terminal(nextObs, n, params) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = reached(nextObs[2 * i]!, nextObs[2 * i + 1]!, params.goal) ? 1 : 0;
      return out;
    },
  },

  tasks,
};
