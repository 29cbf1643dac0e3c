/**
 * A reference to a served env — id, kwargs and, for task families, the task — and its
 * resolution against a registry. Agents store these (the env they act in, the env whose reward
 * they plan with); planners resolve them to the env's batched functions.
 * @module
 */
import { EnvArgumentError, type EnvDefinition } from './env.ts';
import { builtinRegistry, defaultRegistry } from './index.ts';
import type { EnvRegistry } from './registry.ts';
import { splitTimeLimit } from './time-limit.ts';

/** A served env with its kwargs and, for task families, the task. */
export interface EnvRef {
  envId: string;
  kwargs?: Record<string, unknown>;
  task?: unknown;
}

/**
 * An env's definition and parameters (task applied) from a reference. Throws UnknownEnvError for
 * an unknown id and EnvArgumentError for bad kwargs, a bad task, or a task for an env without a
 * task family.
 */
export function resolveEnv(registry: EnvRegistry, ref: EnvRef): { env: EnvDefinition; params: unknown } {
  const env = registry.get(ref.envId);
  // A TimeLimit kwarg is not the env's parameter: the functions resolved here do not need it.
  let params = env.params(ref.kwargs ? splitTimeLimit(ref.kwargs).kwargs : env.defaultKwargs);
  if (ref.task !== undefined) {
    if (!env.tasks) throw new EnvArgumentError('task', `${ref.envId} has no task family`);
    params = env.tasks.apply(params, env.tasks.parse(ref.task, params));
  }
  return { env, params };
}

/** The built-in registry, or the full one (MuJoCo loaded) when an id needs it. */
export async function registryFor(ids: readonly string[]): Promise<EnvRegistry> {
  const builtin = builtinRegistry();
  const missing = ids.some((id) => {
    try {
      builtin.get(id);
      return false;
    } catch {
      return true;
    }
  });
  return missing ? defaultRegistry() : builtin;
}
