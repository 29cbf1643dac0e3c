import { classicControlEnvs } from './classic-control/index.ts';
import { EnvRegistry } from './registry.ts';

/** The registry of every env this build serves. */
export function defaultRegistry(): EnvRegistry {
  const registry = new EnvRegistry();
  for (const def of classicControlEnvs) registry.register(def);
  return registry;
}
