/**
 * The MuJoCo task-distribution envs (`tasks/` namespace) on the HalfCheetah and Ant models.
 * @module
 */
import type { EnvDefinition } from '../../env.ts';
import { ANT_XML } from '../models/ant.ts';
import { HALF_CHEETAH_XML } from '../models/half-cheetah.ts';
import { compileModel } from '../runtime.ts';
import { antCrippledLegEnv } from './ant-crippled-leg.ts';
import { antDirEnv } from './ant-dir.ts';
import { antDir2DEnv } from './ant-dir-2d.ts';
import { antGoalEnv } from './ant-goal.ts';
import { halfCheetahDampingEnv } from './half-cheetah-damping.ts';
import { halfCheetahDirEnv } from './half-cheetah-dir.ts';
import { halfCheetahDisabledJointEnv } from './half-cheetah-disabled-joint.ts';
import { halfCheetahRandParamsEnv } from './half-cheetah-rand-params.ts';
import { halfCheetahVelEnv } from './half-cheetah-vel.ts';

/**
 * Builds the MuJoCo task envs on the compiled HalfCheetah and Ant models (compiled once per
 * process, shared with HalfCheetah-v5 and Ant-v5), in listing order.
 */
export async function mujocoTaskEnvs(): Promise<EnvDefinition[]> {
  const cheetah = await compileModel('half_cheetah', HALF_CHEETAH_XML);
  const ant = await compileModel('ant', ANT_XML);
  return [
    halfCheetahVelEnv(cheetah),
    halfCheetahDirEnv(cheetah),
    halfCheetahDisabledJointEnv(cheetah),
    halfCheetahDampingEnv(cheetah),
    halfCheetahRandParamsEnv(cheetah),
    antDirEnv(ant),
    antDir2DEnv(ant),
    antGoalEnv(ant),
    antCrippledLegEnv(ant),
  ] as unknown as EnvDefinition[];
}
