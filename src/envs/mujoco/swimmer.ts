/**
 * Swimmer-v5: Gymnasium 1.x `mujoco/swimmer_v5.py` semantics on our own model ({@link SWIMMER_XML}).
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
import { SWIMMER_XML } from './models/swimmer.ts';
import type { MujocoEnvDefinition, MujocoParams } from './mujoco-env.ts';
import { compileModel, type MujocoModel } from './runtime.ts';

/** Parameters built from Swimmer's kwargs. */
export interface SwimmerParams extends MujocoParams {
  readonly forwardRewardWeight: number;
  readonly ctrlCostWeight: number;
  readonly resetNoiseScale: number;
  /** Leave the root's x and y (qpos[0:2]) out of the observation. */
  readonly excludeCurrentPositions: boolean;
}

const KWARGS = [
  'frame_skip',
  'forward_reward_weight',
  'ctrl_cost_weight',
  'reset_noise_scale',
  'exclude_current_positions_from_observation',
];

const JOINTS = ['slider1', 'slider2', 'free_body_rot', 'motor1_rot', 'motor2_rot'];

const doc: EnvDoc = {
  description:
    'A chain of three capsules joined by two actuated hinges, lying in a viscous fluid in the x-y plane. By ' +
    "undulating, it must swim in the +x direction as fast as possible. After R. Coulom's thesis " +
    '"Reinforcement Learning Using Neural Networks, with Applications to Motor Control" (2002). Physics by ' +
    'MuJoCo (mujoco-js) on our own model file; see src/envs/mujoco/README.md for how it differs from ' +
    "Gymnasium's.",
  action_space: '`Box(-1, 1, (2,), float32)`: torques at the two hinges between the links (motor gear 150).',
  observation_space:
    '`Box(-inf, inf, (8,), float64)`: the heading of the front link and the two hinge angles, then the five ' +
    'velocities (root x, root y, heading, both hinges). With `exclude_current_positions_from_observation=False` ' +
    'the root x and y come first (shape (10,)).',
  rewards:
    'reward = forward_reward - ctrl_cost: forward_reward_weight * dx/dt (dx: change of the root x over the ' +
    'step, dt = 0.01 * frame_skip = 0.04 s by default) and ctrl_cost_weight * sum(action²) (float32, as ' +
    'numpy). `info`: `reward_forward`, `reward_ctrl`, `x_position`, `y_position`, `distance_from_origin`, ' +
    '`x_velocity`, `y_velocity`. Reward threshold 360. The batched reward estimates dx/dt from the x ' +
    'velocity in the observations (approximate); its control cost is exact.',
  starting_state:
    'All positions and velocities zero plus independent uniform noise in [-reset_noise_scale, ' +
    'reset_noise_scale], positions first. `options.state` may instead give `[qpos (5), qvel (5)]`.',
  episode_end: 'The swimmer never terminates. Truncation: 1000 steps.',
  arguments:
    '`forward_reward_weight` (1), `ctrl_cost_weight` (1e-4), `reset_noise_scale` (0.1), ' +
    '`exclude_current_positions_from_observation` (true), `frame_skip` (4, an integer from 1 to 100). ' +
    "Gymnasium's `xml_file`, `default_camera_config` and rendering arguments are not supported.",
  version_history:
    'v5 (this one): float64 observations, `frame_skip` and `reset_noise_scale` arguments, reset info, ' +
    '`reward_forward` in `info`. v4: the `mujoco` bindings. v3: kwargs. v2: mujoco-py 1.50. v1: 1000-step ' +
    'episodes and reward thresholds. v0: first release.',
};

/** Builds Swimmer-v5 on a compiled {@link SWIMMER_XML}. */
export function swimmerEnv(model: MujocoModel): MujocoEnvDefinition<SwimmerParams> {
  const L = model.layout;
  const { nq, nv, nu } = model;
  const skipOf = (p: SwimmerParams) => (p.excludeCurrentPositions ? 2 : 0);
  const xy = (s: PhysicalState) => [s[L.qpos]!, s[L.qpos + 1]!] as const;

  return {
    id: 'Swimmer-v5',
    doc,
    model,
    maxEpisodeSteps: 1000,
    rewardThreshold: 360,
    defaultKwargs: Object.freeze({
      frame_skip: 4,
      forward_reward_weight: 1.0,
      ctrl_cost_weight: 1e-4,
      reset_noise_scale: 0.1,
      exclude_current_positions_from_observation: true,
    }),

    params(kwargs) {
      checkKwargNames(kwargs, KWARGS);
      const frameSkip = frameSkipKwarg(kwargs, 4);
      return {
        frameSkip,
        dt: model.timestep * frameSkip,
        forwardRewardWeight: numberKwarg(kwargs, 'forward_reward_weight', 1.0),
        ctrlCostWeight: numberKwarg(kwargs, 'ctrl_cost_weight', 1e-4),
        resetNoiseScale: numberKwarg(kwargs, 'reset_noise_scale', 0.1),
        excludeCurrentPositions: booleanKwarg(kwargs, 'exclude_current_positions_from_observation', true),
      };
    },

    observationSpace(p) {
      return observationBox(nq + nv - skipOf(p));
    },

    actionSpace() {
      return actionBox(model);
    },

    initial(rng: Generator, p) {
      const { qpos, qvel } = noisyInitialState(model, rng, p.resetNoiseScale, 'uniform');
      return model.reset(qpos, qvel);
    },

    transition(state, action, p) {
      return model.step(state, action, p.frameSkip);
    },

    reward(state, action, next, p) {
      const xVelocity = (xy(next)[0] - xy(state)[0]) / p.dt;
      return p.forwardRewardWeight * xVelocity - controlCost(p.ctrlCostWeight, action);
    },

    terminal() {
      return false;
    },

    observation(state, p) {
      const skip = skipOf(p);
      const out = new Float64Array(nq + nv - skip);
      for (let i = skip; i < nq; i++) out[i - skip] = state[L.qpos + i]!;
      for (let i = 0; i < nv; i++) out[nq - skip + i] = state[L.qvel + i]!;
      return out;
    },

    info(state, next, p) {
      const [x0, y0] = xy(state);
      const [x, y] = xy(next);
      const xVelocity = (x - x0) / p.dt;
      const ctrlCost = controlCost(p.ctrlCostWeight, next, L.ctrl, nu);
      return {
        x_position: x,
        y_position: y,
        distance_from_origin: Math.sqrt(x * x + y * y),
        x_velocity: xVelocity,
        y_velocity: (y - y0) / p.dt,
        reward_forward: p.forwardRewardWeight * xVelocity,
        reward_ctrl: -ctrlCost,
      };
    },

    resetInfo(state) {
      const [x, y] = xy(state);
      return { x_position: x, y_position: y, distance_from_origin: Math.sqrt(x * x + y * y) };
    },

    parseState(value) {
      return parseJointState(value, model, undefined, JOINTS);
    },

    batched: {
      reward(obs, action, nextObs, n, p) {
        return batchedForwardReward(obs, action, nextObs, n, {
          width: nq + nv - skipOf(p),
          vx: nq - skipOf(p),
          nu,
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

/** Compiles the model (once) and builds Swimmer-v5. */
export async function loadSwimmer(): Promise<MujocoEnvDefinition<SwimmerParams>> {
  return swimmerEnv(await compileModel('swimmer', SWIMMER_XML));
}
