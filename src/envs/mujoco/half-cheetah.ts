/**
 * HalfCheetah-v5: Gymnasium 1.x `mujoco/half_cheetah_v5.py` semantics on our own model
 * ({@link HALF_CHEETAH_XML}).
 * @module
 */
import type { Generator } from '../../rng/generator.ts';
import { booleanKwarg, checkKwargNames, numberKwarg } from '../classic-control/validate.ts';
import type { EnvDoc, PhysicalState } from '../env.ts';
import {
  actionBox,
  batchedForwardReward,
  controlCost,
  frameSkipKwarg,
  noisyInitialState,
  observationBox,
  parseJointState,
} from './common.ts';
import { HALF_CHEETAH_XML } from './models/half-cheetah.ts';
import type { MujocoEnvDefinition, MujocoParams } from './mujoco-env.ts';
import { compileModel, type MujocoModel } from './runtime.ts';

/** Parameters built from HalfCheetah's kwargs. */
export interface HalfCheetahParams extends MujocoParams {
  readonly forwardRewardWeight: number;
  readonly ctrlCostWeight: number;
  readonly resetNoiseScale: number;
  /** Leave `rootx` (qpos[0]) out of the observation. */
  readonly excludeCurrentPositions: boolean;
}

const KWARGS = [
  'frame_skip',
  'forward_reward_weight',
  'ctrl_cost_weight',
  'reset_noise_scale',
  'exclude_current_positions_from_observation',
] as const;

const JOINTS = ['rootx', 'rootz', 'rooty', 'bthigh', 'bshin', 'bfoot', 'fthigh', 'fshin', 'ffoot'];

const doc: EnvDoc = {
  description:
    'A planar two-legged "cheetah": a torso with a head and two legs of three segments each (thigh, shin, ' +
    'foot), moving in the x-z plane. It is pushed forward by torques at the six leg joints and must run in ' +
    'the +x direction as fast as it can. The robot comes from P. Wawrzyński, "A Cat-Like Robot Real-Time ' +
    'Learning to Run" (2009). Physics by MuJoCo (mujoco-js) on our own model file with the published ' +
    "dimensions; see src/envs/mujoco/README.md for how it differs from Gymnasium's.",
  action_space:
    '`Box(-1, 1, (6,), float32)`: torques at the back thigh, back shin, back foot, front thigh, front shin ' +
    'and front foot joints, scaled by motor gears 120, 90, 60, 120, 60 and 30 (N m). MuJoCo clamps the ' +
    'controls to [-1, 1]; the control cost uses the action as given.',
  observation_space:
    '`Box(-inf, inf, (17,), float64)`: joint positions without the x coordinate (rootz, rooty, bthigh, bshin, ' +
    'bfoot, fthigh, fshin, ffoot), then the nine joint velocities (rootx, rootz, rooty, then the six leg ' +
    'joints). With `exclude_current_positions_from_observation=False` the x coordinate comes first and the ' +
    'shape is (18,).',
  rewards:
    'reward = forward_reward - ctrl_cost. forward_reward = forward_reward_weight * dx/dt, where dx is the ' +
    'change of the root x coordinate over the step and dt = 0.01 * frame_skip (0.05 s by default). ' +
    'ctrl_cost = ctrl_cost_weight * sum(action²), computed in float32 as numpy does. `info` holds ' +
    '`x_position`, `x_velocity`, `reward_forward` and `reward_ctrl` (= -ctrl_cost). Reward threshold 4800. ' +
    'The batched reward for planners estimates dx/dt from the x velocity in the observations (index 8, ' +
    'the mean of its values before and after the step) and is therefore approximate; the control cost is exact.',
  starting_state:
    "Joint positions: the model's rest pose plus uniform noise in [-reset_noise_scale, reset_noise_scale]; " +
    'velocities: reset_noise_scale times standard normal noise (numpy draws, positions first). ' +
    "`options.state` may instead give `[qpos (9), qvel (9)]`, as Gymnasium's `set_state` takes them.",
  episode_end: 'The cheetah never terminates. Truncation: 1000 steps.',
  arguments:
    '`forward_reward_weight` (1.0), `ctrl_cost_weight` (0.1), `reset_noise_scale` (0.1), ' +
    '`exclude_current_positions_from_observation` (true), `frame_skip` (5, an integer from 1 to 100). ' +
    "Gymnasium's `xml_file`, `default_camera_config` and rendering arguments are not supported.",
  version_history:
    'v5 (this one): float64 observations, `frame_skip` argument, reset info with `x_position`, ' +
    '`reward_run` renamed `reward_forward`. v4: the `mujoco` bindings. v3: kwargs such as ' +
    '`ctrl_cost_weight`. v2: mujoco-py 1.50. v1: 1000-step episodes and reward thresholds. v0: first release.',
};

/** Builds HalfCheetah-v5 on a compiled {@link HALF_CHEETAH_XML}. */
export function halfCheetahEnv(model: MujocoModel): MujocoEnvDefinition<HalfCheetahParams> {
  const L = model.layout;
  const { nq, nv } = model;
  const xOf = (s: PhysicalState) => s[L.qpos]!;

  return {
    id: 'HalfCheetah-v5',
    doc,
    model,
    maxEpisodeSteps: 1000,
    rewardThreshold: 4800,
    defaultKwargs: Object.freeze({
      frame_skip: 5,
      forward_reward_weight: 1.0,
      ctrl_cost_weight: 0.1,
      reset_noise_scale: 0.1,
      exclude_current_positions_from_observation: true,
    }),

    params(kwargs) {
      checkKwargNames(kwargs, KWARGS);
      const frameSkip = frameSkipKwarg(kwargs, 5);
      return {
        frameSkip,
        dt: model.timestep * frameSkip,
        forwardRewardWeight: numberKwarg(kwargs, 'forward_reward_weight', 1.0),
        ctrlCostWeight: numberKwarg(kwargs, 'ctrl_cost_weight', 0.1),
        resetNoiseScale: numberKwarg(kwargs, 'reset_noise_scale', 0.1),
        excludeCurrentPositions: booleanKwarg(kwargs, 'exclude_current_positions_from_observation', true),
      };
    },

    observationSpace(p) {
      return observationBox(nq + nv - (p.excludeCurrentPositions ? 1 : 0));
    },

    actionSpace() {
      return actionBox(model);
    },

    initial(rng: Generator, p) {
      const { qpos, qvel } = noisyInitialState(model, rng, p.resetNoiseScale, 'normal');
      return model.reset(qpos, qvel);
    },

    transition(state, action, p) {
      return model.step(state, action, p.frameSkip);
    },

    reward(state, action, next, p) {
      const xVelocity = (xOf(next) - xOf(state)) / p.dt;
      return p.forwardRewardWeight * xVelocity - controlCost(p.ctrlCostWeight, action);
    },

    terminal() {
      return false;
    },

    observation(state, p) {
      const skip = p.excludeCurrentPositions ? 1 : 0;
      const out = new Float64Array(nq + nv - skip);
      for (let i = skip; i < nq; i++) out[i - skip] = state[L.qpos + i]!;
      for (let i = 0; i < nv; i++) out[nq - skip + i] = state[L.qvel + i]!;
      return out;
    },

    info(state, next, p) {
      const xVelocity = (xOf(next) - xOf(state)) / p.dt;
      const ctrlCost = controlCost(p.ctrlCostWeight, next, L.ctrl, model.nu);
      return {
        x_position: xOf(next),
        x_velocity: xVelocity,
        reward_forward: p.forwardRewardWeight * xVelocity,
        reward_ctrl: -ctrlCost,
      };
    },

    resetInfo(state) {
      return { x_position: xOf(state) };
    },

    parseState(value) {
      return parseJointState(value, model, undefined, JOINTS);
    },

    batched: {
      reward(obs, action, nextObs, n, p) {
        const skip = p.excludeCurrentPositions ? 1 : 0;
        return batchedForwardReward(obs, action, nextObs, n, {
          width: nq + nv - skip,
          vx: nq - skip, // qvel[0]
          nu: model.nu,
          forwardWeight: p.forwardRewardWeight,
          ctrlWeight: p.ctrlCostWeight,
        });
      },
      terminal(_nextObs, n) {
        return new Uint8Array(n);
      },
    },
  };
}

/** Compiles the model (once) and builds HalfCheetah-v5. */
export async function loadHalfCheetah(): Promise<MujocoEnvDefinition<HalfCheetahParams>> {
  return halfCheetahEnv(await compileModel('half_cheetah', HALF_CHEETAH_XML));
}
