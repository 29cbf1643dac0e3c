import type { Space, SpaceValue } from '../spaces/space.ts';
import type { EnvDefinition } from './env.ts';
import { type EpisodeState, resetEpisode, stepEpisode } from './episode.ts';
import { envInstance } from './instance.ts';

/**
 * Gymnasium's stateful `Env` over the pure functions, for in-process use (tests, benchmarks,
 * agents stepping a served env): `reset({seed, options})` then `step(action)`.
 */
export class GymEnv<P = unknown, A extends SpaceValue = SpaceValue> {
  readonly observationSpace: Space;
  readonly actionSpace: Space<A>;
  #episode: EpisodeState | undefined;

  constructor(
    readonly def: EnvDefinition<P, A>,
    readonly kwargs: Readonly<Record<string, unknown>> = {},
  ) {
    const { observationSpace, actionSpace } = envInstance(def, kwargs);
    this.observationSpace = observationSpace;
    this.actionSpace = actionSpace;
  }

  /** The current episode as plain data (what a state token carries). */
  get episode(): EpisodeState | undefined {
    return this.#episode;
  }

  /** Starts an episode; without a seed the generator continues from the previous episode. */
  reset(args: { seed?: number | bigint | null; options?: Record<string, unknown> } = {}) {
    const result = resetEpisode(this.def, { ...args, kwargs: this.kwargs, previous: this.#episode });
    this.#episode = result.state;
    return { observation: result.observation, info: result.info };
  }

  /** Steps the current episode; throws if `reset` was never called. */
  step(action: unknown) {
    if (!this.#episode) throw new Error('call reset() before step()');
    const { state, ...rest } = stepEpisode(this.def, this.#episode, action);
    this.#episode = state;
    return rest;
  }
}
