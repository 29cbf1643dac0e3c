import { classicControlEnvs } from './classic-control/index.ts';
import type { EnvDefinition } from './env.ts';
import { goalEnvs } from './goal/index.ts';
import { EnvRegistry } from './registry.ts';
import { taskEnvs } from './tasks/index.ts';

/** The pure-TypeScript envs of this build, in listing order. */
const builtinEnvs: readonly EnvDefinition[] = [
  ...classicControlEnvs,
  ...taskEnvs,
  ...(goalEnvs as unknown as EnvDefinition[]),
];

/** The registry of every env this build serves. */
export function defaultRegistry(): EnvRegistry {
  const registry = new EnvRegistry();
  for (const def of builtinEnvs) registry.register(def);
  return registry;
}
