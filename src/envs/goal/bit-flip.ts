/**
 * goal/BitFlip-v0: the bit-flipping task of Andrychowicz et al., "Hindsight Experience Replay"
 * (2017), as a Gymnasium-Robotics style GoalEnv.
 * @module
 */
import { Dict } from '../../spaces/dict.ts';
import { Discrete } from '../../spaces/discrete.ts';
import { MultiBinary } from '../../spaces/multi-binary.ts';
import { checkKwargNames, parsePhysicalState } from '../classic-control/validate.ts';
import { EnvArgumentError, type EnvDoc, type PhysicalState } from '../env.ts';
import {
  checkGoalBatch,
  type GoalEnvDefinition,
  type GoalObservation,
  goalRowLayout,
  integerKwarg,
} from './goal-env.ts';

/** Parameters built from BitFlip's kwargs. */
export interface BitFlipParams {
  /** Number of bits (1..64). */
  readonly n: number;
}

const DEFAULT_BITS = 10;
const MAX_BITS = 64;

/** True when the `n` values of `a` from `aStart` equal those of `b` from `bStart`. */
function sameBits(
  a: ArrayLike<number>,
  aStart: number,
  b: ArrayLike<number>,
  bStart: number,
  n: number,
): boolean {
  for (let i = 0; i < n; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/** The reward of an achieved vs a desired goal: 0 when every bit matches, else -1. */
function bitReward(
  a: ArrayLike<number>,
  aStart: number,
  b: ArrayLike<number>,
  bStart: number,
  n: number,
): number {
  return sameBits(a, aStart, b, bStart, n) ? 0 : -1;
}

/** True when the state's bits (`state[0..n)`) equal its goal (`state[n..2n)`). */
function solved(state: PhysicalState, n: number): boolean {
  return sameBits(state, 0, state, n, n);
}

const doc: EnvDoc = {
  description:
    'A register of n bits must be turned into a target pattern, one bit flip at a time. This is the ' +
    'toy problem that motivated Hindsight Experience Replay (Andrychowicz et al., 2017): the reward ' +
    'is -1 on every step until the pattern is matched, so random exploration almost never sees a ' +
    'success once n grows beyond a dozen bits, while relabeling visited patterns as goals learns ' +
    'quickly. It follows the Gymnasium-Robotics GoalEnv contract: Dict observations with ' +
    '`observation`, `achieved_goal` and `desired_goal`, and a vectorised `compute_reward` that ' +
    'every step reward equals.',
  action_space: '`Discrete(n)`: action i flips bit i (0 becomes 1, 1 becomes 0).',
  observation_space:
    '`Dict(achieved_goal: MultiBinary(n), desired_goal: MultiBinary(n), observation: MultiBinary(n))`, ' +
    'int8 values 0/1. `observation` and `achieved_goal` are both the current bits; `desired_goal` is ' +
    'the target pattern. Flattened (Gymnasium `flatten` order, keys sorted), a row is ' +
    '[achieved_goal, desired_goal, observation], 3n numbers.',
  rewards:
    '`compute_reward(achieved_goal, desired_goal)` is 0 when the two patterns agree on every bit and ' +
    '-1 otherwise; a step is rewarded with it on the bits after the flip. The best return is ' +
    '-(k - 1) where k is the number of bits that differ at reset. `info.is_success` is 1 on the step ' +
    'that matches the target, else 0.',
  starting_state:
    'The bits and the target are drawn uniformly: each as numpy `integers(0, 2, size=n, dtype=int8)` ' +
    'on the episode generator, bits first. A target equal to the bits is drawn again until it differs, ' +
    'so an episode never starts solved (a Gymnasium reset cannot report termination); with n = 1 the ' +
    'target is therefore always the other bit.',
  episode_end:
    'Termination: the bits equal the target. Truncation: after n steps (enough to flip every bit ' +
    'once; the best policy needs at most n).',
  arguments:
    '`n` (integer 1..64, default 10): the number of bits. `options.state` starts from a given ' +
    '[bit_0, ..., bit_{n-1}, target_0, ..., target_{n-1}] of 0/1 values (it may start solved).',
  version_history: 'v0: initial release.',
};

/** goal/BitFlip-v0: flip bits one at a time until they match a target pattern. */
export const bitFlip: GoalEnvDefinition<BitFlipParams, number> = {
  id: 'goal/BitFlip-v0',
  doc,
  // The limit is n; the static value is right for the default n = 10 only: adapters should use
  // maxEpisodeStepsFor(params).
  maxEpisodeSteps: DEFAULT_BITS,
  defaultKwargs: Object.freeze({ n: DEFAULT_BITS }),
  successReward: 0,

  params(kwargs) {
    checkKwargNames(kwargs, ['n']);
    return { n: integerKwarg(kwargs, 'n', DEFAULT_BITS, 1, MAX_BITS) };
  },

  maxEpisodeStepsFor(params) {
    return params.n;
  },

  observationSpace(params) {
    return new Dict({
      observation: new MultiBinary(params.n),
      achieved_goal: new MultiBinary(params.n),
      desired_goal: new MultiBinary(params.n),
    });
  },

  actionSpace(params) {
    return new Discrete(params.n);
  },

  initial(rng, params) {
    const bits = new MultiBinary(params.n);
    const state = bits.sample(rng);
    let goal = bits.sample(rng);
    while (sameBits(state, 0, goal, 0, params.n)) goal = bits.sample(rng);
    return [...state, ...goal];
  },

  transition(state, action) {
    const next = state.slice();
    next[action] = 1 - next[action]!;
    return next;
  },

  reward(_state, _action, next, params) {
    return bitReward(next, 0, next, params.n, params.n);
  },

  terminal(state, params) {
    return solved(state, params.n);
  },

  observation(state, params): GoalObservation<Int8Array> {
    const bits = Int8Array.from(state.slice(0, params.n));
    return {
      achieved_goal: bits,
      desired_goal: Int8Array.from(state.slice(params.n)),
      observation: bits.slice(),
    };
  },

  info(_state, next, params) {
    return { is_success: solved(next, params.n) ? 1 : 0 };
  },

  parseState(value, params) {
    const { n } = params;
    const names = [
      ...Array.from({ length: n }, (_, i) => `bit_${i}`),
      ...Array.from({ length: n }, (_, i) => `target_${i}`),
    ];
    const state = parsePhysicalState(value, 2 * n, names);
    state.forEach((v, i) => {
      if (v !== 0 && v !== 1)
        throw new EnvArgumentError(`options.state.${i}`, `${names[i]} must be 0 or 1, got ${v}`);
    });
    return state;
  },

  rowLayout(params) {
    return goalRowLayout(params.n, params.n);
  },

  computeReward(achieved, desired, n, params) {
    checkGoalBatch(achieved, desired, n, params.n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = bitReward(achieved, i * params.n, desired, i * params.n, params.n);
    return out;
  },

  /**
   * Rows are flattened observations, `[achieved_goal (n), desired_goal (n), observation (n)]`
   * (Gymnasium's `flatten` order, keys sorted; see {@link goalRowLayout}). Both functions read
   * the goals of `nextObs` only.
   */
  batched: {
    reward(_obs, _action, nextObs, count, params) {
      const { n } = params;
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = bitReward(nextObs, 3 * n * i, nextObs, 3 * n * i + n, n);
      return out;
    },
    terminal(nextObs, count, params) {
      const { n } = params;
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++)
        out[i] = sameBits(nextObs, 3 * n * i, nextObs, 3 * n * i + n, n) ? 1 : 0;
      return out;
    },
  },
};
