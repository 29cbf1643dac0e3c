/**
 * tasks/PointMass1D-v0: the smallest model-based RL benchmark — a unit point mass on a line that
 * must be brought to rest at the origin, with a reward too small and too sparse in state for
 * random play to score well by chance.
 * @module
 */
import { Box } from '../../spaces/box.ts';
import { checkKwargNames, parsePhysicalState } from '../classic-control/validate.ts';
import type { EnvDefinition, EnvDoc } from '../env.ts';

/** No parameters. */
export type PointMass1DParams = Record<string, never>;

/** Reward scale: r = -REWARD_SCALE * pos'^2. */
const REWARD_SCALE = 0.001;

/** One step: the position moves by the old velocity, then the clipped action adds to the velocity. */
function step(state: readonly number[], a: number): number[] {
  return [state[0]! + state[1]!, state[1]! + Math.min(Math.max(a, -1), 1)];
}

const doc: EnvDoc = {
  description:
    'A point mass on a line, discrete-time double integrator: pos ← pos + vel, then vel ← vel + clip(a, ' +
    '-1, 1). It starts at pos 1 at rest and should reach the origin and stay there. Random actions make ' +
    'the velocity a random walk, so random play drifts far away; the reward is small near the origin, ' +
    "so a planner has to be precise to score well. Used for the MPC agents' acceptance test.",
  action_space: '`Box(-1.0, 1.0, (1,), float32)`: the velocity change, clipped to [-1, 1].',
  observation_space: '`Box(-inf, inf, (2,), float32)`: [pos, vel].',
  rewards:
    'r = −0.001 · pos′², with pos′ the position after the step. The best return from the start is about −0.001.',
  starting_state: 'Always pos = 1, vel = 0 (the reset draws nothing).',
  episode_end: 'Never terminates. Truncation: 30 steps.',
  arguments: 'No kwargs. `options.state` starts from a given [pos, vel].',
  version_history: "v0: initial release (the MPC agents' acceptance benchmark).",
};

/** tasks/PointMass1D-v0: bring a point mass to rest at the origin. */
export const pointMass1D: EnvDefinition<PointMass1DParams, Float32Array> = {
  id: 'tasks/PointMass1D-v0',
  doc,
  maxEpisodeSteps: 30,
  defaultKwargs: Object.freeze({}),

  params(kwargs) {
    checkKwargNames(kwargs, []);
    return {};
  },

  observationSpace() {
    return new Box(-Infinity, Infinity, [2]);
  },

  actionSpace() {
    return new Box(-1, 1, [1]);
  },

  initial() {
    return [1, 0];
  },

  transition(state, action) {
    return step(state, action[0]!);
  },

  reward(_state, _action, next) {
    return -REWARD_SCALE * next[0]! ** 2;
  },

  terminal() {
    return false;
  },

  observation(state) {
    return Float32Array.from(state);
  },

  stateFromObservation(obs) {
    return Array.from(obs);
  },

  parseState(value) {
    return parsePhysicalState(value, 2, ['pos', 'vel']);
  },

  batched: {
    reward(_obs, _action, nextObs, n) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = -REWARD_SCALE * nextObs[2 * i]! ** 2;
      return out;
    },
    terminal(_nextObs, n) {
      return new Uint8Array(n);
    },
  },
};
