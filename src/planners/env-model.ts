/**
 * An env's own simulator as a {@link RolloutModel}: each row's observation is turned back into the
 * physical state ({@link EnvDefinition.stateFromObservation}), stepped with the env's transition,
 * rewarded and checked for termination with its exact functions. Planning with it is MPC with a
 * perfect model: the baseline a learned model is measured against, and how planners are tested.
 * @module
 */
import type { EnvDefinition } from '../envs/env.ts';
import type { Space } from '../spaces/space.ts';
import type { ModelStepInput, ModelStepOutput, RolloutModel } from './rollout-model.ts';

/** Flat width of a Box or Discrete space, as planners hold its values. */
function width(space: Space): number {
  const d = space.describe();
  if (d.type === 'Discrete') return 1;
  if (d.type === 'Box') return d.shape.reduce((a, b) => a * b, 1);
  throw new RangeError(`planning supports Box and Discrete spaces, not ${d.type}`);
}

/**
 * The true dynamics of `env` under `params` (task applied). Throws a RangeError when the env
 * cannot recover its state from an observation or its spaces are not Box/Discrete.
 */
export function envRolloutModel<P>(env: EnvDefinition<P>, params: P): RolloutModel {
  const fromObs = env.stateFromObservation;
  if (fromObs === undefined || env.stochastic) {
    throw new RangeError(
      `${env.id} is stochastic or cannot recover its state from an observation, so it cannot be a planning model`,
    );
  }
  const obsDim = width(env.observationSpace(params));
  const actionSpace = env.actionSpace(params);
  const described = actionSpace.describe();
  // Planners hold a Discrete action as its index from 0; the env wants start + index.
  const discreteStart = described.type === 'Discrete' ? described.start : undefined;
  const actionDim = width(actionSpace);
  return {
    obsDim,
    actionDim,
    members: 1,
    predictsReward: true,
    predictsTermination: true,
    step({ obs, action, n }: ModelStepInput): ModelStepOutput {
      const next = new Float32Array(n * obsDim);
      const reward = new Float32Array(n);
      const terminal = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const state = fromObs(obs.subarray(i * obsDim, (i + 1) * obsDim), params);
        const row = action.subarray(i * actionDim, (i + 1) * actionDim);
        const a = discreteStart === undefined ? row : discreteStart + row[0]!;
        // biome-ignore lint/suspicious/noExplicitAny: Box actions are Float32Array, Discrete a number.
        const after = env.transition(state, a as any, params);
        next.set(env.observation(after, params) as Float32Array, i * obsDim);
        // biome-ignore lint/suspicious/noExplicitAny: as above.
        reward[i] = env.reward(state, a as any, after, params);
        terminal[i] = env.terminal(after, params) ? 1 : 0;
      }
      return { next, reward, terminal };
    },
    dispose() {},
  };
}
