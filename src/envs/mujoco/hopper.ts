/**
 * Hopper-v5: Gymnasium 1.x `mujoco/hopper_v5.py` semantics on our own model ({@link HOPPER_XML}).
 * @module
 */
import type { EnvDoc } from '../env.ts';
import { HOPPER_XML } from './models/hopper.ts';
import type { MujocoEnvDefinition } from './mujoco-env.ts';
import { type PlanarWalkerParams, planarWalkerEnv } from './planar-walker.ts';
import { compileModel, type MujocoModel } from './runtime.ts';

const doc: EnvDoc = {
  description:
    'A one-legged planar robot: torso, thigh, leg and foot joined by three hinges, moving in the x-z plane. ' +
    'It must hop forward (+x) without falling. From T. Erez, Y. Tassa and E. Todorov, "Infinite-Horizon ' +
    'Model Predictive Control for Periodic Tasks with Contacts" (RSS 2011). Physics by MuJoCo (mujoco-js) ' +
    'on our own model file with the published dimensions; see src/envs/mujoco/README.md for how it ' +
    "differs from Gymnasium's.",
  action_space:
    '`Box(-1, 1, (3,), float32)`: torques at the thigh, leg and foot hinges (motor gear 200). MuJoCo clamps ' +
    'the controls to [-1, 1]; the control cost uses the action as given.',
  observation_space:
    '`Box(-inf, inf, (11,), float64)`: rootz (torso height), rooty (torso angle), thigh, leg and foot angles, ' +
    'then the six joint velocities (rootx, rootz, rooty, thigh, leg, foot), each clipped to [-10, 10]. With ' +
    '`exclude_current_positions_from_observation=False` the x coordinate comes first and the shape is (12,).',
  rewards:
    'reward = forward_reward + healthy_reward - ctrl_cost. forward_reward = forward_reward_weight * dx/dt ' +
    '(dx: change of the root x coordinate over the step, dt = 0.002 * frame_skip = 0.008 s by default); ' +
    'healthy_reward = `healthy_reward` when the hopper is healthy after the step, else 0; ctrl_cost = ' +
    'ctrl_cost_weight * sum(action²) (float32, as numpy). `info`: `reward_forward`, `reward_ctrl`, ' +
    '`reward_survive`, `x_position`, `z_distance_from_origin`, `x_velocity`. Reward threshold 3800. The ' +
    'batched functions for planners use observations: dx/dt is estimated from the (clipped) x velocity ' +
    'before and after the step, and the healthy test sees clipped velocities, so velocities beyond ±10 ' +
    'cannot break `healthy_state_range` there; both are approximate, the control cost is exact.',
  starting_state:
    'The rest pose (torso at height 1.25, all angles 0) and zero velocities, plus independent uniform noise ' +
    'in [-reset_noise_scale, reset_noise_scale] on every position, then every velocity. `options.state` may ' +
    "instead give `[qpos (6), qvel (6)]`, as Gymnasium's `set_state` takes them.",
  episode_end:
    'Termination (when `terminate_when_unhealthy`): the hopper is unhealthy, i.e. not all of: every element ' +
    'of qpos[2:] and qvel strictly inside `healthy_state_range`, the height qpos[1] strictly inside ' +
    '`healthy_z_range`, the torso angle qpos[2] strictly inside `healthy_angle_range`. Truncation: 1000 steps.',
  arguments:
    '`forward_reward_weight` (1), `ctrl_cost_weight` (1e-3), `healthy_reward` (1), ' +
    '`terminate_when_unhealthy` (true), `healthy_state_range` ([-100, 100]), `healthy_z_range` ' +
    '([0.7, inf]; "inf" in JSON), `healthy_angle_range` ([-0.2, 0.2]), `reset_noise_scale` (5e-3), ' +
    '`exclude_current_positions_from_observation` (true), `frame_skip` (4, an integer from 1 to 100). ' +
    "Gymnasium's `xml_file`, `default_camera_config` and rendering arguments are not supported.",
  version_history:
    'v5 (this one): float64 observations, `frame_skip` argument, reset info, the healthy reward only while ' +
    'healthy, individual reward terms in `info`. v4: the `mujoco` bindings. v3: kwargs. v2: mujoco-py 1.50. ' +
    'v1: 1000-step episodes and reward thresholds. v0: first release.',
};

const JOINTS = ['rootx', 'rootz', 'rooty', 'thigh_joint', 'leg_joint', 'foot_joint'];

/** Builds Hopper-v5 on a compiled {@link HOPPER_XML}. */
export function hopperEnv(model: MujocoModel): MujocoEnvDefinition<PlanarWalkerParams> {
  return planarWalkerEnv(model, {
    id: 'Hopper-v5',
    doc,
    rewardThreshold: 3800,
    jointNames: JOINTS,
    hasStateRange: true,
    healthyZRange: [0.7, Infinity],
    healthyAngleRange: [-0.2, 0.2],
  });
}

/** Compiles the model (once) and builds Hopper-v5. */
export async function loadHopper(): Promise<MujocoEnvDefinition<PlanarWalkerParams>> {
  return hopperEnv(await compileModel('hopper', HOPPER_XML));
}
