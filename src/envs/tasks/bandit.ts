/**
 * tasks/Bandit-v0: RL²'s multi-armed Bernoulli bandits (Duan et al. 2016).
 * @module
 */
import { Discrete } from '../../spaces/discrete.ts';
import { checkKwargNames } from '../classic-control/validate.ts';
import { EnvArgumentError, type EnvDefinition, type EnvDoc, type PhysicalState } from '../env.ts';
import type { TaskFamily } from '../task.ts';
import { describeValue, integerKwarg, TASK_FIELD, taskArray, taskNumber, taskObject } from './validate.ts';

/** The env's parameters: arm count and trial length (kwargs) and the success probabilities (task). */
export interface BanditParams {
  readonly k: number;
  readonly nPulls: number;
  /** Success probability of each arm, length k. */
  readonly p: readonly number[];
}

/** A bandit task: the arms' success probabilities. */
export interface BanditTask extends Record<string, unknown> {
  p: number[];
}

const DEFAULT_K = 5;
const DEFAULT_PULLS = 100;
const MAX_K = 1000;
const MAX_PULLS = 100_000;

const SPLIT = {
  description:
    'p_i ~ U[0, 1] independently for the k arms (k uniform() draws in arm order, numpy ' +
    '`uniform(0, 1, size=k)`); RL² evaluates on freshly drawn bandits, so train and test are the same ' +
    'distribution (different draws)',
  ranges: { p: [0, 1] } as Record<string, [number, number]>,
};

const tasks: TaskFamily<BanditParams, BanditTask> = {
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['p'],
    properties: {
      p: {
        type: 'array',
        description: 'success probability of each arm (k items)',
        items: { type: 'number', minimum: 0, maximum: 1 },
        minItems: 1,
      },
    },
  },
  splits: { train: SPLIT, test: SPLIT },
  sample(rng, _split, params) {
    return { p: Array.from({ length: params.k }, () => rng.uniform(0, 1)) };
  },
  parse(value, params) {
    const record = taskObject(value, ['p']);
    const p = taskArray(record['p'], `${TASK_FIELD}.p`, params.k, (v, field) =>
      taskNumber(v, field, { min: 0, max: 1, minInclusive: true }),
    );
    return { p };
  },
  apply(params, task) {
    return { ...params, p: [...task.p] };
  },
};

/** Reward of arm `a` from the `u = random()` drawn for it: 1 when u < p_a, else 0. */
function pull(u: number, p: number): number {
  return u < p ? 1 : 0;
}

const doc: EnvDoc = {
  description:
    'The multi-armed bandits of RL² (Duan et al., "RL²: Fast Reinforcement Learning via Slow ' +
    'Reinforcement Learning", 2016): k arms, arm i pays 1 with probability p_i and 0 otherwise; the p_i ' +
    'are hidden and differ per task, so the agent has to balance exploring and exploiting within one ' +
    'episode (a trial of n_pulls pulls). Tasks: p_i ~ U[0, 1] independently (k uniform() draws in arm ' +
    'order). Train and test are the same distribution (RL² evaluates on fresh draws). Each pull draws ' +
    'one random() u from the episode generator and pays 1 if u < p_a (numpy: `float(rng.random() < ' +
    'p[a])`).',
  action_space: '`Discrete(k)`: the arm to pull.',
  observation_space:
    '`Discrete(n_pulls + 1)`: the number of pulls made so far (0 after reset). It carries no ' +
    'information about the arms; it lets the batched termination see the end of the trial.',
  rewards: '1 or 0 per pull, Bernoulli(p_a). The batched reward (for planners) is the expectation p_a.',
  starting_state: 'Pull count 0. When the reset names no task, the task is drawn from the reset generator.',
  episode_end:
    'Termination after n_pulls pulls (the trial is over; its length is a kwarg, so the end is a ' +
    'termination of the finite-horizon problem rather than a registered TimeLimit). No truncation.',
  arguments:
    '`k` (integer in [1, 1000], default 5; RL² used 5, 10, 50): number of arms. `n_pulls` (integer in ' +
    '[1, 100000], default 100; RL² used 10, 100, 500): pulls per episode. Tasks (`options.task`): {p: ' +
    '[p_0, ..., p_{k-1}]} with each p_i in [0, 1]. Without a task (outside the task-aware adapter) every ' +
    'p_i is 0.5. `options.state` starts from a given [pulls, last_reward].',
  version_history: "v0: initial release, following RL²'s Bernoulli bandits.",
};

/** tasks/Bandit-v0: k-armed Bernoulli bandits with hidden success probabilities (RL²). */
export const bandit: EnvDefinition<BanditParams, number> = {
  id: 'tasks/Bandit-v0',
  doc,
  defaultKwargs: Object.freeze({ k: DEFAULT_K, n_pulls: DEFAULT_PULLS }),
  stochastic: true,

  params(kwargs) {
    checkKwargNames(kwargs, ['k', 'n_pulls']);
    const k = integerKwarg(kwargs, 'k', DEFAULT_K, 1, MAX_K);
    const nPulls = integerKwarg(kwargs, 'n_pulls', DEFAULT_PULLS, 1, MAX_PULLS);
    return { k, nPulls, p: new Array<number>(k).fill(0.5) };
  },

  observationSpace(params) {
    return new Discrete(params.nPulls + 1);
  },

  actionSpace(params) {
    return new Discrete(params.k);
  },

  // Physical state: [pulls so far, reward of the last pull].
  initial() {
    return [0, 0];
  },

  transition(state, action, params, rng) {
    if (!rng) throw new Error('tasks/Bandit-v0 is stochastic: transition needs the episode generator');
    return [state[0]! + 1, pull(rng.random(), params.p[action]!)];
  },

  reward(_state, _action, next) {
    return next[1]!;
  },

  terminal(state, params) {
    return state[0]! >= params.nPulls;
  },

  observation(state) {
    return state[0]!;
  },

  parseState(value, params): PhysicalState {
    if (!Array.isArray(value) || value.length !== 2) {
      throw new EnvArgumentError('options.state', 'state must be [pulls, last_reward]');
    }
    const [t, r] = value as unknown[];
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > params.nPulls) {
      throw new EnvArgumentError(
        'options.state.0',
        `pulls must be an integer in [0, ${params.nPulls}], got ${describeValue(t)}`,
      );
    }
    if (r !== 0 && r !== 1) {
      throw new EnvArgumentError('options.state.1', `last_reward must be 0 or 1, got ${describeValue(r)}`);
    }
    return [t, r];
  },

  batched: {
    reward(_obs, action, _nextObs, n, params) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = params.p[action[i]!] ?? 0;
      return out;
    },
    terminal(nextObs, n, params) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = nextObs[i]! >= params.nPulls ? 1 : 0;
      return out;
    },
  },

  tasks,
};
