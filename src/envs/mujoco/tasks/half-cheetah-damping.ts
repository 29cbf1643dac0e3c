/**
 * tasks/HalfCheetahDamping-v0: HalfCheetah whose joint damping is scaled per task.
 * @module
 */
import type { EnvDoc } from '../../env.ts';
import { type RangedParameter, rangedTaskFamily } from '../../tasks/ranged-family.ts';
import type { MujocoEnvDefinition } from '../mujoco-env.ts';
import type { MujocoModel } from '../runtime.ts';
import { type CheetahTaskParams, cheetahTaskEnv } from './cheetah-task-env.ts';
import { NO_TASK_NOTE } from './shared.ts';

export type HalfCheetahDampingParams = CheetahTaskParams<{ readonly dampingScale: number }>;

/** The one varied parameter. */
export const DAMPING_PARAMETERS: readonly RangedParameter<HalfCheetahDampingParams>[] = [
  {
    key: 'damping_scale',
    prop: 'dampingScale',
    description: 'factor applied to the damping of every joint (1: HalfCheetah-v5)',
    default: 1,
    train: [0.5, 2],
    test: [0.25, 4],
    valid: { min: 0, max: 10, minInclusive: true },
  },
];

const doc: EnvDoc = {
  description:
    "HalfCheetah-v5 (same model, reset and reward) whose joint damping differs per task: every joint's " +
    'damping coefficient (back thigh 6, shin 4.5, foot 3; front thigh 4.5, shin 3, foot 1.5 N·m·s/rad; the ' +
    'root joints have none) is multiplied by one factor s, hidden from the agent. Low s makes the legs ' +
    'springy and oscillating, high s sluggish. Tasks: {damping_scale: s}. Train split: s ~ U[0.5, 2] (one ' +
    '`uniform` draw). Test split (extrapolation): s in [0.25, 0.5) ∪ (2, 4], one `random()` u: below the ' +
    'train range when u < 0.5 (s = 0.25 + 2u · 0.25), above otherwise (s = 4 - (2u - 1) · 2). The factor ' +
    "is written into the compiled model's `dof_damping` for each MuJoCo call and the compiled values put " +
    "back afterwards, so tasks never leak between calls. (MuJoCo's Euler integrator treats damping " +
    'implicitly, so large factors stay stable.)',
  action_space: "`Box(-1, 1, (6,), float32)`: HalfCheetah-v5's six joint torques.",
  observation_space:
    "`Box(-inf, inf, (17,), float64)`: HalfCheetah-v5's observation; the factor is not in it.",
  rewards:
    "HalfCheetah-v5's: reward = v - 0.1 · sum(action²), v = (x_after - x_before) / dt (dt = 0.05 s). " +
    '`info`: `x_position`, `x_velocity`, `reward_forward`, `reward_ctrl`. The batched reward does not depend ' +
    'on the task; its forward term is estimated from the observed x velocities (approximate).',
  starting_state:
    "HalfCheetah-v5's reset noise; when the reset names no task, the train task is drawn first from the " +
    'same generator. `options.state` may give `[qpos (9), qvel (9)]`.',
  episode_end: 'Never terminates. Truncation: 200 steps.',
  arguments:
    'No kwargs. Tasks (`options.task`): {damping_scale: number in [0, 10]} (left out: 1). Default task: ' +
    `damping_scale 1, i.e. HalfCheetah-v5 dynamics. ${NO_TASK_NOTE}`,
  version_history: 'v0: initial release, on HalfCheetah-v5 dynamics.',
};

/** Builds tasks/HalfCheetahDamping-v0 on the compiled HalfCheetah model. */
export function halfCheetahDampingEnv(model: MujocoModel): MujocoEnvDefinition<HalfCheetahDampingParams> {
  const nv = model.nv;
  return cheetahTaskEnv(model, {
    id: 'tasks/HalfCheetahDamping-v0',
    doc,
    defaults: { dampingScale: 1 },
    ctrlCostWeight: 0.1,
    tasks: rangedTaskFamily(DAMPING_PARAMETERS),
    forwardReward: (v) => v,
    scales: (p) =>
      p.dampingScale === 1 ? undefined : { dof_damping: new Float64Array(nv).fill(p.dampingScale) },
  });
}
