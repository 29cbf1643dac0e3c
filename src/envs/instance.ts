import type { Space, SpaceValue } from '../spaces/space.ts';
import type { EnvDefinition } from './env.ts';
import { splitTimeLimit } from './time-limit.ts';

/** An env made with given kwargs: its parameters and spaces, built once. */
export interface EnvInstance<P = unknown, A extends SpaceValue = SpaceValue> {
  def: EnvDefinition<P, A>;
  params: P;
  observationSpace: Space;
  actionSpace: Space<A>;
  /** TimeLimit for these kwargs (`max_episode_steps`, else the env's; `undefined`: no limit). */
  maxEpisodeSteps: number | undefined;
}

const maxCached = 512;
const cache = new Map<string, EnvInstance>();

function cacheKey(id: string, kwargs: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(kwargs);
  if (keys.length === 0) return id;
  return `${id}\u0000${JSON.stringify(keys.sort().map((k) => [k, kwargs[k]]))}`;
}

/**
 * The env's parameters and spaces for these kwargs (defaults merged). Stateless requests make
 * the same env over and over, and building spaces costs more than a classic-control step, so
 * instances are cached per (id, kwargs), a bounded number of them. Throws
 * {@link EnvArgumentError} for bad kwargs (those are never cached).
 */
export function envInstance<P, A extends SpaceValue>(
  def: EnvDefinition<P, A>,
  kwargs: Readonly<Record<string, unknown>>,
): EnvInstance<P, A> {
  const key = cacheKey(def.id, kwargs);
  const hit = cache.get(key);
  if (hit && hit.def === def) return hit as unknown as EnvInstance<P, A>;
  const own = splitTimeLimit(kwargs);
  const params = def.params({ ...def.defaultKwargs, ...own.kwargs });
  const instance: EnvInstance<P, A> = {
    def,
    params,
    observationSpace: def.observationSpace(params),
    actionSpace: def.actionSpace(params),
    maxEpisodeSteps: own.maxEpisodeSteps ?? def.maxEpisodeStepsFor?.(params) ?? def.maxEpisodeSteps,
  };
  if (cache.size >= maxCached) cache.delete(cache.keys().next().value!);
  cache.set(key, instance as unknown as EnvInstance);
  return instance;
}
