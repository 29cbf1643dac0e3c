/**
 * tasks/SparsePoint-v0: PEARL's sparse-reward point robot (Rakelly et al. 2019,
 * `sparse-point-robot`): goals on the upper half of the unit circle, reward only near the goal.
 * @module
 */
import { Generator } from '../../rng/generator.ts';
import { checkKwargNames, numberKwarg } from '../classic-control/validate.ts';
import { EnvArgumentError, type EnvDefinition, type EnvDoc } from '../env.ts';
import type { TaskFamily, TaskSplit } from '../task.ts';
import { linspace, permutation } from './numpy-random.ts';
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

/** The env's parameters: the goal (set by the task) and the radius of the rewarded disc. */
export interface SparsePointParams {
  readonly goal: readonly [number, number];
  readonly goalRadius: number;
}

/** Number of goals on the half circle, and how many of them (after the shuffle) are train goals. */
const N_GOALS = 100;
const N_TRAIN = 80;
/** Seed of the fixed shuffle (PEARL seeds numpy with 1337 before its shuffle). */
export const SPARSE_POINT_SHUFFLE_SEED = 1337;
const DEFAULT_RADIUS = 0.2;

/**
 * All 100 goals in shuffled order: angles = linspace(0, π, 100), goal = (cos, sin) of each,
 * reordered by `default_rng(1337).permutation(100)`; the first 80 are the train goals.
 */
function shuffledGoals(): [number, number][] {
  const angles = linspace(0, Math.PI, N_GOALS);
  const order = permutation(Generator.fromSeed(SPARSE_POINT_SHUFFLE_SEED), N_GOALS);
  return order.map((i) => [Math.cos(angles[i]!), Math.sin(angles[i]!)]);
}

const GOALS = shuffledGoals();
const SPLIT_GOALS: Record<TaskSplit, readonly (readonly [number, number])[]> = {
  train: GOALS.slice(0, N_TRAIN),
  test: GOALS.slice(N_TRAIN),
};

/** The step reward: 1 − d inside the goal disc (d <= radius), 0 outside (PEARL's sparsified reward). */
function sparseReward(distance: number, radius: number): number {
  const dense = -distance;
  return dense >= -radius ? dense + 1 : 0;
}

const tasks: TaskFamily<SparsePointParams, GoalTask> = {
  schema: GOAL_TASK_SCHEMA,
  splits: {
    train: {
      description:
        'the first 80 of 100 goals (cos θ, sin θ), θ = linspace(0, π, 100), in the order of ' +
        'numpy.random.default_rng(1337).permutation(100)',
      size: N_TRAIN,
    },
    test: {
      description: 'the other 20 goals of that shuffle (positions 80 to 99), disjoint from train',
      size: N_GOALS - N_TRAIN,
    },
  },
  sample(rng, split) {
    const goals = SPLIT_GOALS[split];
    const g = goals[rng.integers(0, goals.length)]!;
    return { goal: [g[0], g[1]] };
  },
  list(split) {
    return SPLIT_GOALS[split].map((g) => ({ goal: [g[0], g[1]] }));
  },
  parse: parseGoalTask,
  apply(params, task) {
    return { ...params, goal: [task.goal[0], task.goal[1]] };
  },
};

const doc: EnvDoc = {
  description:
    'The sparse-reward point robot of PEARL (Rakelly et al., "Efficient Off-Policy Meta-Reinforcement ' +
    'Learning via Probabilistic Context Variables", 2019): a point starts at the origin and must find a ' +
    'hidden goal on the upper half of the unit circle; it is rewarded only within 0.2 of the goal, so it ' +
    'has to explore the arc. Dynamics: s ← s + clip(a, -0.1, 0.1) (float64 state, float32 action). ' +
    "Tasks: 100 goals (cos θ, sin θ) for θ = linspace(0, π, 100) (numpy's linspace), shuffled once by " +
    'the fixed permutation numpy.random.default_rng(1337).permutation(100) (our numpy-compatible ' +
    'generator reproduces it); the first 80 in that order are the train goals, the last 20 the test ' +
    'goals (disjoint). Sampling a split draws one of its goals uniformly (integers(0, size)); `list` ' +
    'gives them all in order.',
  action_space:
    '`Box(-0.1, 0.1, (2,), float32)`: the displacement (dx, dy), clipped to the bounds before it is applied.',
  observation_space: '`Box(-inf, inf, (2,), float32)`: the position (x, y). The goal is not observed.',
  rewards:
    'With d = ‖s′ − g‖ after the move: reward = −d + 1 when d <= goal_radius (0.2), else 0. The dense ' +
    'reward −d is reported in info as `dense_reward`.',
  starting_state: 'Always (0, 0); the reset draws nothing besides the task when none is given.',
  episode_end: 'Never terminates. Truncation: 20 steps.',
  arguments:
    '`goal_radius` (number in (0, 10], default 0.2): radius of the rewarded disc around the goal. Tasks ' +
    '(`options.task`): {goal: [x, y]} with any finite coordinates (not only the 100 listed goals). ' +
    'Without a task (outside the task-aware adapter) the goal is the first train goal. `options.state` ' +
    'starts from a given [x, y].',
  version_history:
    "v0: initial release, following PEARL's sparse-point-robot (goals reshuffled with numpy's Generator).",
};

/** tasks/SparsePoint-v0: find a hidden goal on a half circle with a sparse reward (PEARL). */
export const sparsePoint: EnvDefinition<SparsePointParams, Float32Array> = {
  id: 'tasks/SparsePoint-v0',
  doc,
  maxEpisodeSteps: 20,
  defaultKwargs: Object.freeze({ goal_radius: DEFAULT_RADIUS }),

  params(kwargs) {
    checkKwargNames(kwargs, ['goal_radius']);
    const goalRadius = numberKwarg(kwargs, 'goal_radius', DEFAULT_RADIUS);
    if (goalRadius <= 0 || goalRadius > 10) {
      throw new EnvArgumentError(
        'kwargs.goal_radius',
        `\`goal_radius\` must be in (0, 10], got ${goalRadius}`,
      );
    }
    const g = SPLIT_GOALS.train[0]!;
    return { goal: [g[0], g[1]], goalRadius };
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
    return sparseReward(goalDistance(next[0]!, next[1]!, params.goal), params.goalRadius);
  },

  terminal() {
    return false;
  },

  observation: pointObservation,

  info(_state, next, params) {
    return { dense_reward: -goalDistance(next[0]!, next[1]!, params.goal) };
  },

  // The dense reward is the distance to the goal: it would give a hidden task away.
  taskInfoKeys: ['dense_reward'],

  parseState(value) {
    return parsePointState(value);
  },

  batched: {
    reward(_obs, _action, nextObs, n, params) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = sparseReward(
          goalDistance(nextObs[2 * i]!, nextObs[2 * i + 1]!, params.goal),
          params.goalRadius,
        );
      }
      return out;
    },
    terminal(_nextObs, n) {
      return new Uint8Array(n);
    },
  },

  tasks,
};
