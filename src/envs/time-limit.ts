/**
 * `max_episode_steps` as a kwarg of every env, as `gymnasium.make(id, max_episode_steps=N)`
 * takes it: it replaces the env's TimeLimit (longer or shorter) and is not an argument of the
 * env itself, so it is taken out before the env's own kwargs are read. Being a kwarg, it is
 * sealed in the episode token with the others and holds for reset, step and vector episodes.
 * @module
 */
import { EnvArgumentError } from './env.ts';

/** The kwarg's name. */
export const MAX_EPISODE_STEPS_KWARG = 'max_episode_steps';

/** The longest TimeLimit a client may ask for. */
export const MAX_EPISODE_STEPS_LIMIT = 1_000_000;

/**
 * The env's own kwargs and the TimeLimit asked for (undefined: the env's). EnvArgumentError for
 * a value that is not an integer in [1, {@link MAX_EPISODE_STEPS_LIMIT}].
 */
export function splitTimeLimit(kwargs: Readonly<Record<string, unknown>>): {
  kwargs: Readonly<Record<string, unknown>>;
  maxEpisodeSteps: number | undefined;
} {
  if (!Object.hasOwn(kwargs, MAX_EPISODE_STEPS_KWARG)) return { kwargs, maxEpisodeSteps: undefined };
  const { [MAX_EPISODE_STEPS_KWARG]: value, ...rest } = kwargs;
  if (!(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_EPISODE_STEPS_LIMIT))
    throw new EnvArgumentError(
      `kwargs.${MAX_EPISODE_STEPS_KWARG}`,
      `must be an integer from 1 to ${MAX_EPISODE_STEPS_LIMIT}, got ${JSON.stringify(value)}`,
    );
  return { kwargs: rest, maxEpisodeSteps: value as number };
}
