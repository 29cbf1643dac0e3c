/**
 * tasks/TabularMDP-v0: RL²'s random tabular MDPs (Duan et al. 2016).
 * @module
 */
import { Discrete } from '../../spaces/discrete.ts';
import { checkKwargNames } from '../classic-control/validate.ts';
import { EnvArgumentError, type EnvDefinition, type EnvDoc, type PhysicalState } from '../env.ts';
import type { TaskFamily } from '../task.ts';
import { choiceIndex, flatDirichlet } from './numpy-random.ts';
import { describeValue, integerKwarg, TASK_FIELD, taskArray, taskNumber, taskObject } from './validate.ts';

/** The env's parameters: sizes (kwargs) and the MDP (task). */
export interface TabularMdpParams {
  readonly nStates: number;
  readonly nActions: number;
  /** Mean reward of each (state, action): `[nStates][nActions]`. */
  readonly rewardMeans: readonly (readonly number[])[];
  /** Next-state distribution of each (state, action): `[nStates][nActions][nStates]`. */
  readonly transitions: readonly (readonly (readonly number[])[])[];
}

/** A tabular MDP task, as plain nested number arrays. */
export interface TabularMdpTask extends Record<string, unknown> {
  reward_means: number[][];
  transitions: number[][][];
}

const DEFAULT_STATES = 10;
const DEFAULT_ACTIONS = 5;
const MAX_SIZE = 100;
/** How far a client-given transition row may sum from 1. */
const ROW_SUM_TOLERANCE = 1e-6;

const SPLIT = {
  description:
    'reward_means[s][a] ~ N(1, 1) for all (s, a) in row-major order, then transitions[s][a] ~ ' +
    'Dirichlet(1, ..., 1) for all (s, a) in row-major order (numpy: `normal(1, 1, size=(S, A))` then ' +
    '`dirichlet(np.ones(S), size=(S, A))`); train and test are the same distribution (different draws)',
};

function uniformMdp(
  nStates: number,
  nActions: number,
): Pick<TabularMdpParams, 'rewardMeans' | 'transitions'> {
  return {
    rewardMeans: Array.from({ length: nStates }, () => new Array<number>(nActions).fill(1)),
    transitions: Array.from({ length: nStates }, () =>
      Array.from({ length: nActions }, () => new Array<number>(nStates).fill(1 / nStates)),
    ),
  };
}

const tasks: TaskFamily<TabularMdpParams, TabularMdpTask> = {
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['reward_means', 'transitions'],
    properties: {
      reward_means: {
        type: 'array',
        description: 'mean reward of each (state, action): n_states rows of n_actions numbers',
        items: { type: 'array', items: { type: 'number' } },
      },
      transitions: {
        type: 'array',
        description:
          'next-state probabilities of each (state, action): n_states × n_actions rows of n_states ' +
          'non-negative numbers summing to 1',
        items: { type: 'array', items: { type: 'array', items: { type: 'number', minimum: 0 } } },
      },
    },
  },
  splits: { train: SPLIT, test: SPLIT },
  sample(rng, _split, params) {
    const { nStates: S, nActions: A } = params;
    const reward_means = Array.from({ length: S }, () => Array.from({ length: A }, () => rng.normal(1, 1)));
    const transitions = Array.from({ length: S }, () =>
      Array.from({ length: A }, () => flatDirichlet(rng, S)),
    );
    return { reward_means, transitions };
  },
  parse(value, params) {
    const { nStates: S, nActions: A } = params;
    const record = taskObject(value, ['reward_means', 'transitions']);
    const finite = (v: unknown, field: string) => taskNumber(v, field);
    const reward_means = taskArray(record['reward_means'], `${TASK_FIELD}.reward_means`, S, (row, field) =>
      taskArray(row, field, A, finite),
    );
    const probability = (v: unknown, field: string) =>
      taskNumber(v, field, { min: 0, max: 1, minInclusive: true });
    const transitions = taskArray(record['transitions'], `${TASK_FIELD}.transitions`, S, (plane, field) =>
      taskArray(plane, field, A, (row, rowField) => {
        const p = taskArray(row, rowField, S, probability);
        const sum = p.reduce((acc, x) => acc + x, 0);
        if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
          throw new EnvArgumentError(rowField, `${rowField} must sum to 1 (within 1e-6), got ${sum}`);
        }
        return p;
      }),
    );
    return { reward_means, transitions };
  },
  apply(params, task) {
    return { ...params, rewardMeans: task.reward_means, transitions: task.transitions };
  },
};

const doc: EnvDoc = {
  description:
    'The random tabular MDPs of RL² (Duan et al., "RL²: Fast Reinforcement Learning via Slow ' +
    'Reinforcement Learning", 2016): n_states states, n_actions actions; each task is a hidden MDP whose ' +
    'mean rewards and transition probabilities the agent has to learn within its episodes. Tasks: ' +
    'reward_means[s][a] ~ N(1, 1) for every (s, a) in row-major order, then transitions[s][a] ~ flat ' +
    'Dirichlet(1, ..., 1) over the next state for every (s, a) in row-major order, drawn as numpy draws ' +
    '`normal(1, 1, size=(S, A))` then `dirichlet(np.ones(S), size=(S, A))`: for alpha = 1, numpy draws ' +
    'S standard exponentials (ziggurat; its Gamma(1)) per row and multiplies them by 1/sum, which is ' +
    'what this env does, draw for draw. Train and test are the same distribution (different draws). ' +
    'Dynamics, per step from state s with action a: reward ~ N(reward_means[s][a], 1) (one ' +
    'normal() draw) first, then the next state ~ transitions[s][a] (one random() u, numpy ' +
    '`choice(S, p=row)`: cumulative sums divided by the last, searchsorted right).',
  action_space: '`Discrete(n_actions)`.',
  observation_space: '`Discrete(n_states)`: the current state.',
  rewards:
    'Gaussian with mean reward_means[s][a] and standard deviation 1, drawn from the episode generator. ' +
    'The batched reward (for planners) is the mean reward_means[s][a].',
  starting_state:
    'State 0. When the reset names no task, the task is drawn from the reset generator (then the reset ' +
    'draws nothing more).',
  episode_end:
    'Never terminates. Truncation: 10 steps (RL²’s episode length; a trial spans several episodes).',
  arguments:
    '`n_states` (integer in [1, 100], default 10) and `n_actions` (integer in [1, 100], default 5). Tasks ' +
    '(`options.task`): {reward_means: S×A numbers, transitions: S×A×S numbers in [0, 1], each row summing ' +
    'to 1 within 1e-6}, plain nested arrays. Without a task (outside the task-aware adapter) every mean is ' +
    '1 and every row uniform. `options.state` starts from a given state (a number, or [state, ' +
    'last_reward]).',
  version_history: "v0: initial release, following RL²'s random tabular MDPs.",
};

/** tasks/TabularMDP-v0: random tabular MDPs with Gaussian rewards and Dirichlet transitions (RL²). */
export const tabularMdp: EnvDefinition<TabularMdpParams, number> = {
  id: 'tasks/TabularMDP-v0',
  doc,
  maxEpisodeSteps: 10,
  defaultKwargs: Object.freeze({ n_states: DEFAULT_STATES, n_actions: DEFAULT_ACTIONS }),
  stochastic: true,

  params(kwargs) {
    checkKwargNames(kwargs, ['n_states', 'n_actions']);
    const nStates = integerKwarg(kwargs, 'n_states', DEFAULT_STATES, 1, MAX_SIZE);
    const nActions = integerKwarg(kwargs, 'n_actions', DEFAULT_ACTIONS, 1, MAX_SIZE);
    return { nStates, nActions, ...uniformMdp(nStates, nActions) };
  },

  observationSpace(params) {
    return new Discrete(params.nStates);
  },

  actionSpace(params) {
    return new Discrete(params.nActions);
  },

  // Physical state: [state, reward of the step that led here].
  initial() {
    return [0, 0];
  },

  transition(state, action, params, rng) {
    if (!rng) throw new Error('tasks/TabularMDP-v0 is stochastic: transition needs the episode generator');
    const s = state[0]!;
    const reward = rng.normal(params.rewardMeans[s]![action]!, 1);
    const next = choiceIndex(rng, params.transitions[s]![action]!);
    return [next, reward];
  },

  reward(_state, _action, next) {
    return next[1]!;
  },

  terminal() {
    return false;
  },

  observation(state) {
    return state[0]!;
  },

  parseState(value, params): PhysicalState {
    const items = Array.isArray(value) ? value : [value];
    if (items.length < 1 || items.length > 2) {
      throw new EnvArgumentError('options.state', 'state must be a state index or [state, last_reward]');
    }
    const [s, r = 0] = items as unknown[];
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s >= params.nStates) {
      throw new EnvArgumentError(
        Array.isArray(value) ? 'options.state.0' : 'options.state',
        `state must be an integer in [0, ${params.nStates}), got ${describeValue(s)}`,
      );
    }
    if (typeof r !== 'number' || !Number.isFinite(r)) {
      throw new EnvArgumentError(
        'options.state.1',
        `last_reward must be a finite number, got ${describeValue(r)}`,
      );
    }
    return [s, r];
  },

  batched: {
    reward(obs, action, _nextObs, n, params) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = params.rewardMeans[obs[i]!]?.[action[i]!] ?? 0;
      return out;
    },
    terminal(_nextObs, n) {
      return new Uint8Array(n);
    },
  },

  tasks,
};
