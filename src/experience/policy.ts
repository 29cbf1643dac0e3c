/**
 * What rollouts and collectors ask for actions: a {@link Policy} maps flat float32 observations
 * to env actions (the values `step` takes), one at a time or a batch at once. Agents adapt their
 * own policies (a planner, an actor network) to it; exploration draws from the generator it is
 * given, so a seeded rollout is reproducible.
 * @module
 */
import type { Generator } from '../rng/generator.ts';
import type { Space, SpaceValue } from '../spaces/space.ts';

/** An env action as `step` takes it (a number for Discrete, numbers for Box, ...). */
export type EnvAction = unknown;

/** See the module doc. */
export interface Policy {
  /** The action for one observation; `rng` is the rollout's policy generator. */
  act(observation: Float32Array, rng: Generator): EnvAction;
  /**
   * Actions for `n` observations (`[n, obsDim]`, row-major), one per row, in row order. Absent:
   * collectors call {@link Policy.act} row by row.
   */
  actBatch?(observations: Float32Array, n: number, rng: Generator): EnvAction[];
}

/** A value as plain numbers: typed arrays (a sampled Box) become arrays, as the wire carries them. */
function plain(value: SpaceValue): EnvAction {
  return ArrayBuffer.isView(value) ? Array.from(value as ArrayLike<number>) : value;
}

/** Uniformly random actions: Gymnasium's `action_space.sample()` drawn from the rollout's generator. */
export function randomPolicy(space: Space): Policy {
  return { act: (_obs, rng) => plain(space.sample(rng)) };
}

/**
 * The row a transition stores for an env action: a Discrete action as its index from the space's
 * `start`, any other space's values flat, as float32.
 */
export function actionRow(space: Space, action: EnvAction): Float32Array {
  if (space.type === 'Discrete') {
    const { start } = space.describe() as { start: number };
    return Float32Array.of((action as number) - start);
  }
  return Float32Array.from(action as ArrayLike<number>);
}

/** A flat observation row: the values of an array-valued observation, as float32. */
export function observationRow(value: SpaceValue): Float32Array {
  if (typeof value === 'number') return Float32Array.of(value);
  return Float32Array.from(value as ArrayLike<number>);
}
