/**
 * Gymnasium's MuJoCo envs (v5) on mujoco-js with our own MJCF models. Loading is asynchronous
 * (the WASM module and the model compilation), so the server awaits {@link loadMujocoEnvs} at
 * start-up and registers what it returns.
 * @module
 */
import type { EnvDefinition } from '../env.ts';
import { loadAnt } from './ant.ts';
import { loadHalfCheetah } from './half-cheetah.ts';
import { loadHopper } from './hopper.ts';
import { loadInvertedDoublePendulum } from './inverted-double-pendulum.ts';
import { loadInvertedPendulum } from './inverted-pendulum.ts';
import { loadReacher } from './reacher.ts';
import { loadMujoco } from './runtime.ts';
import { loadSwimmer } from './swimmer.ts';
import { mujocoTaskEnvs } from './tasks/index.ts';
import { loadWalker2d } from './walker2d.ts';

export type { MujocoEnvDefinition } from './mujoco-env.ts';
export { mujocoTaskEnvs };

/** The env loaders, in Gymnasium's registration order. */
const LOADERS = [
  loadReacher,
  loadInvertedPendulum,
  loadInvertedDoublePendulum,
  loadHalfCheetah,
  loadHopper,
  loadSwimmer,
  loadWalker2d,
  loadAnt,
];

/**
 * Loads the MuJoCo WASM module, compiles every model (once per process; later calls reuse them)
 * and returns the env definitions in Gymnasium's registration order, followed by the MuJoCo
 * task-distribution envs ({@link mujocoTaskEnvs}: `tasks/HalfCheetahVel-v0`, ...). Rejects when the
 * WASM module cannot be loaded or a model does not compile.
 */
export async function loadMujocoEnvs(): Promise<EnvDefinition[]> {
  await loadMujoco();
  const envs: EnvDefinition[] = [];
  // One at a time: compiling goes through the one WASM module anyway.
  for (const load of LOADERS) envs.push((await load()) as unknown as EnvDefinition);
  envs.push(...(await mujocoTaskEnvs()));
  return envs;
}
