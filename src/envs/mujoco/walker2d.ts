/**
 * Walker2d-v5: Gymnasium 1.x `mujoco/walker2d_v5.py` semantics on our own model ({@link WALKER2D_XML}).
 * @module
 */
import type { EnvDoc } from '../env.ts';
import { WALKER2D_XML } from './models/walker2d.ts';
import type { MujocoEnvDefinition } from './mujoco-env.ts';
import { type PlanarWalkerParams, planarWalkerEnv } from './planar-walker.ts';
import { compileModel, type MujocoModel } from './runtime.ts';

const doc: EnvDoc = {
  description:
    'A planar biped: a torso on two legs of thigh, leg and foot, moving in the x-z plane. It must walk ' +
    'forward (+x) without falling. Builds on the hopper of T. Erez, Y. Tassa and E. Todorov, ' +
    '"Infinite-Horizon Model Predictive Control for Periodic Tasks with Contacts" (RSS 2011), with a second ' +
    'leg. Physics by MuJoCo (mujoco-js) on our own model file with the published dimensions; see ' +
    "src/envs/mujoco/README.md for how it differs from Gymnasium's.",
  action_space:
    '`Box(-1, 1, (6,), float32)`: torques at the right thigh, leg and foot, then the left thigh, leg and ' +
    'foot hinges (motor gear 100). MuJoCo clamps the controls; the control cost uses the action as given.',
  observation_space:
    '`Box(-inf, inf, (17,), float64)`: torso height, torso angle, the six leg angles (right then left), then ' +
    'the nine joint velocities (rootx, rootz, rooty, right leg, left leg), each clipped to [-10, 10]. With ' +
    '`exclude_current_positions_from_observation=False` the x coordinate comes first (shape (18,)).',
  rewards:
    'reward = forward_reward + healthy_reward - ctrl_cost: forward_reward_weight * dx/dt (dx: change of the ' +
    'root x over the step, dt = 0.002 * frame_skip = 0.008 s by default), `healthy_reward` when healthy ' +
    'after the step (else 0), ctrl_cost_weight * sum(action²) (float32, as numpy). `info`: ' +
    '`reward_forward`, `reward_ctrl`, `reward_survive`, `x_position`, `z_distance_from_origin`, ' +
    '`x_velocity`. No reward threshold. The batched reward estimates dx/dt from the clipped x velocities ' +
    'in the observations (approximate); the batched termination is exact up to float32 rounding.',
  starting_state:
    'The rest pose (torso at height 1.25, all angles 0) and zero velocities plus independent uniform noise ' +
    'in [-reset_noise_scale, reset_noise_scale], positions first. `options.state` may instead give ' +
    '`[qpos (9), qvel (9)]`.',
  episode_end:
    'Termination (when `terminate_when_unhealthy`): the torso height leaves the open interval ' +
    '`healthy_z_range` or the torso angle leaves the open interval `healthy_angle_range`. ' +
    'Truncation: 1000 steps.',
  arguments:
    '`forward_reward_weight` (1), `ctrl_cost_weight` (1e-3), `healthy_reward` (1), ' +
    '`terminate_when_unhealthy` (true), `healthy_z_range` ([0.8, 2]), `healthy_angle_range` ([-1, 1]), ' +
    '`reset_noise_scale` (5e-3), `exclude_current_positions_from_observation` (true), `frame_skip` (4, ' +
    "an integer from 1 to 100). Gymnasium's `xml_file`, `default_camera_config` and rendering " +
    'arguments are not supported.',
  version_history:
    'v5 (this one): both feet with friction 1.9, float64 observations, `frame_skip` argument, reset info, ' +
    'the healthy reward only while healthy, reward terms in `info`. v4: the `mujoco` bindings. v3: kwargs. ' +
    'v2: mujoco-py 1.50. v1: 1000-step episodes. v0: first release.',
};

const JOINTS = [
  'rootx',
  'rootz',
  'rooty',
  'thigh_joint',
  'leg_joint',
  'foot_joint',
  'thigh_left_joint',
  'leg_left_joint',
  'foot_left_joint',
];

/** Builds Walker2d-v5 on a compiled {@link WALKER2D_XML}. */
export function walker2dEnv(model: MujocoModel): MujocoEnvDefinition<PlanarWalkerParams> {
  return planarWalkerEnv(model, {
    id: 'Walker2d-v5',
    doc,
    jointNames: JOINTS,
    hasStateRange: false,
    healthyZRange: [0.8, 2.0],
    healthyAngleRange: [-1, 1],
  });
}

/** Compiles the model (once) and builds Walker2d-v5. */
export async function loadWalker2d(): Promise<MujocoEnvDefinition<PlanarWalkerParams>> {
  return walker2dEnv(await compileModel('walker2d', WALKER2D_XML));
}
