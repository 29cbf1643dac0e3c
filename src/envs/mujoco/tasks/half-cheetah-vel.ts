/**
 * tasks/HalfCheetahVel-v0: run at a hidden target velocity (MAML's and PEARL's cheetah-vel).
 * @module
 */
import type { EnvDoc } from '../../env.ts';
import type { TaskFamily } from '../../task.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import type { MujocoModel } from '../runtime.ts';
import { type CheetahTaskParams, cheetahTaskEnv } from './cheetah-task-env.ts';
import { NO_TASK_NOTE, parseScalar, scalarSchema } from './shared.ts';

/** The task: the target forward velocity, m/s. */
export interface VelocityTask extends Record<string, unknown> {
  velocity: number;
}

export type HalfCheetahVelParams = CheetahTaskParams<{ readonly targetVelocity: number }>;

/** Targets are drawn uniformly from [0, 3] m/s in both splits. */
export const VELOCITY_RANGE: readonly [number, number] = [0, 3];
/** What a client may ask for (m/s). */
const VALID: readonly [number, number] = [-10, 10];
const DEFAULT_VELOCITY = 1.5;
/** Weight of sum(action²): 0.5 · 0.1, as in MAML's and PEARL's cheetah-vel. */
export const VEL_CTRL_COST_WEIGHT = 0.05;

const SPLIT = {
  description:
    'velocity ~ U[0, 3] m/s (one uniform(0, 3) draw); train and test are the same distribution, as in ' +
    'PEARL (test tasks are fresh draws, not an extrapolation)',
  ranges: { velocity: [VELOCITY_RANGE[0], VELOCITY_RANGE[1]] as [number, number] },
};

const tasks: TaskFamily<HalfCheetahVelParams, VelocityTask> = {
  schema: scalarSchema('velocity', 'target forward (+x) velocity of the torso, m/s', {
    type: 'number',
    minimum: VALID[0],
    maximum: VALID[1],
  }),
  splits: { train: SPLIT, test: SPLIT },
  sample: (rng) => ({ velocity: rng.uniform(VELOCITY_RANGE[0], VELOCITY_RANGE[1]) }),
  parse: (value) => ({ velocity: parseScalar(value, 'velocity', VALID[0], VALID[1]) }),
  apply: (params, task) => ({ ...params, targetVelocity: task.velocity }),
};

const doc: EnvDoc = {
  description:
    'HalfCheetah (the planar two-legged runner of HalfCheetah-v5, same model, reset and dynamics) asked to ' +
    'run at a target velocity that it does not observe and must infer from the rewards: the "cheetah-vel" ' +
    'meta-RL benchmark of Finn et al., "Model-Agnostic Meta-Learning" (2017) and Rakelly et al., "Efficient ' +
    'Off-Policy Meta-RL via Probabilistic Context Variables" (PEARL, 2019). Tasks: the target velocity v* ' +
    "(m/s). Train split: v* ~ U[0, 3] (one `uniform(0, 3)` draw, PEARL's range; MAML used [0, 2]). Test " +
    'split: the same distribution U[0, 3] (meta-test on freshly drawn targets, as PEARL); there is no ' +
    'extrapolation split, but a client may ask for any target in [-10, 10] through `options.task`.',
  action_space:
    '`Box(-1, 1, (6,), float32)`: torques at the back thigh, shin and foot and the front thigh, shin and ' +
    'foot joints (motor gears 120, 90, 60, 120, 60, 30), as HalfCheetah-v5.',
  observation_space:
    "`Box(-inf, inf, (17,), float64)`: HalfCheetah-v5's observation (joint positions without rootx, then " +
    'the nine joint velocities). The target velocity is not in it.',
  rewards:
    'reward = -|v - v*| - 0.05 · sum(action²), where v = (x_after - x_before) / dt is the forward velocity ' +
    "of the root over the step (dt = 0.05 s), as PEARL's half_cheetah_vel (MAML's rllab version used the " +
    "torso's centre-of-mass velocity instead). The control weight 0.05 = 0.5 · 0.1 is MAML's and PEARL's. " +
    "The control cost is numpy's float32 sum of squares. `info`: `x_position`, `x_velocity`, " +
    '`reward_forward` (= -|v - v*|), `reward_ctrl`. The batched reward takes v* from the parameters (the ' +
    'task applied) and estimates v as the mean of the observed x velocities (index 8) before and after the ' +
    'step, so it is approximate; its control cost is exact.',
  starting_state:
    "HalfCheetah-v5's: rest pose plus U[-0.1, 0.1] position noise and 0.1·N(0, 1) velocity noise. When the " +
    'reset names no task, the train task is drawn first from the same generator. `options.state` may give ' +
    '`[qpos (9), qvel (9)]`.',
  episode_end: 'Never terminates. Truncation: 200 steps (the horizon of MAML and PEARL).',
  arguments:
    `No kwargs. Tasks (\`options.task\`): {velocity: number in [-10, 10]}. Default task (no task applied): ` +
    `velocity ${DEFAULT_VELOCITY}. ${NO_TASK_NOTE}`,
  version_history: 'v0: initial release, on HalfCheetah-v5 dynamics.',
};

/** Builds tasks/HalfCheetahVel-v0 on the compiled HalfCheetah model. */
export function halfCheetahVelEnv(model: MujocoModel): MujocoEnvDefinition<HalfCheetahVelParams> {
  return cheetahTaskEnv(model, {
    id: 'tasks/HalfCheetahVel-v0',
    doc,
    defaults: { targetVelocity: DEFAULT_VELOCITY },
    ctrlCostWeight: VEL_CTRL_COST_WEIGHT,
    tasks,
    forwardReward: (v, p) => -Math.abs(v - p.targetVelocity),
  });
}
