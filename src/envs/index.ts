import { classicControlEnvs } from './classic-control/index.ts';
import type { EnvDefinition } from './env.ts';
import { goalEnvs } from './goal/index.ts';
import { loadMujocoEnvs } from './mujoco/index.ts';
import { EnvRegistry } from './registry.ts';
import { taskEnvs } from './tasks/index.ts';

/** The pure-TypeScript envs of this build, in listing order. */
const builtinEnvs: readonly EnvDefinition[] = [
  ...classicControlEnvs,
  ...taskEnvs,
  ...(goalEnvs as unknown as EnvDefinition[]),
];

/** A registry of the pure-TypeScript envs only (no WASM to load). */
export function builtinRegistry(): EnvRegistry {
  const registry = new EnvRegistry();
  for (const def of builtinEnvs) registry.register(def);
  return registry;
}

/** The registry of every env this build serves: the built-in envs, then MuJoCo's (loads its WASM once). */
export async function defaultRegistry(): Promise<EnvRegistry> {
  const registry = builtinRegistry();
  for (const def of await loadMujocoEnvs()) registry.register(def);
  return registry;
}
