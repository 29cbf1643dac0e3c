/**
 * Ant-v5: Gymnasium 1.x `mujoco/ant_v5.py` semantics on our own model ({@link ANT_XML}).
 * @module
 */
import type { Generator } from '../../rng/generator.ts';
import { booleanKwarg, checkKwargNames, numberKwarg } from '../classic-control/validate.ts';
import { EnvArgumentError, type EnvDoc, type PhysicalState } from '../env.ts';
import {
  actionBox,
  controlCost,
  float64SumOfSquares,
  frameSkipKwarg,
  noisyInitialState,
  observationBox,
  parseJointState,
  rangeKwarg,
} from './common.ts';
import { ANT_XML } from './models/ant.ts';
import type { MujocoEnvDefinition, MujocoParams } from './mujoco-env.ts';
import { compileModel, type Extras, type MujocoModel } from './runtime.ts';

/** Parameters built from Ant's kwargs. */
export interface AntParams extends MujocoParams {
  readonly forwardRewardWeight: number;
  readonly ctrlCostWeight: number;
  readonly contactCostWeight: number;
  readonly healthyReward: number;
  /** Index of the body whose x-y motion is rewarded (Gymnasium's `main_body`). */
  readonly mainBody: number;
  readonly terminateWhenUnhealthy: boolean;
  readonly healthyZRange: readonly [number, number];
  readonly contactForceRange: readonly [number, number];
  readonly resetNoiseScale: number;
  readonly excludeCurrentPositions: boolean;
  readonly includeCfrcExt: boolean;
}

const KWARGS = [
  'frame_skip',
  'forward_reward_weight',
  'ctrl_cost_weight',
  'contact_cost_weight',
  'healthy_reward',
  'main_body',
  'terminate_when_unhealthy',
  'healthy_z_range',
  'contact_force_range',
  'reset_noise_scale',
  'exclude_current_positions_from_observation',
  'include_cfrc_ext_in_observation',
];

const doc: EnvDoc = {
  description:
    'A quadruped: a spherical torso with four two-segment legs, free to move in 3-D. It must walk in the ' +
    '+x direction. From J. Schulman et al., "High-Dimensional Continuous Control Using Generalized ' +
    'Advantage Estimation" (2016). Physics by MuJoCo (mujoco-js) on our own model file with the published ' +
    "dimensions; see src/envs/mujoco/README.md for how it differs from Gymnasium's.",
  action_space:
    '`Box(-1, 1, (8,), float32)`: torques at the hip and ankle of the back right, front left, front right ' +
    'and back left legs, in that order (motor gear 150).',
  observation_space:
    '`Box(-inf, inf, (105,), float64)`: torso z, torso orientation quaternion (w, x, y, z), the eight leg ' +
    'angles; the 14 velocities (torso linear, torso angular, legs); then the external (contact) forces and ' +
    'torques on the 13 bodies (`cfrc_ext[1:]`, 6 values each) clipped to `contact_force_range`. With ' +
    '`exclude_current_positions_from_observation=False` the torso x and y come first (+2); with ' +
    '`include_cfrc_ext_in_observation=False` the contact forces are left out (-78).',
  rewards:
    'reward = forward_reward + healthy_reward - ctrl_cost - contact_cost: forward_reward_weight * dx/dt ' +
    "(dx: change of the main body's x over the step, dt = 0.01 * frame_skip = 0.05 s by default), " +
    '`healthy_reward` when healthy after the step (else 0), ctrl_cost_weight * sum(action²) (float32, as ' +
    'numpy), contact_cost_weight * sum(clipped cfrc_ext²). `info`: `reward_forward`, `reward_ctrl`, ' +
    '`reward_contact`, `reward_survive`, `x_position`, `y_position`, `distance_from_origin`, `x_velocity`, ' +
    '`y_velocity`. Reward threshold 6000. The batched reward estimates dx/dt from the torso x velocity ' +
    'in the observations and takes the contact cost from the observed forces (exact when they are ' +
    'included, up to float32 rounding, else 0), so it is approximate; the batched termination is exact ' +
    'up to float32 rounding.',
  starting_state:
    'The rest pose (torso at height 0.75, upright) plus uniform noise in [-reset_noise_scale, ' +
    'reset_noise_scale] on every position coordinate (the quaternion included, unnormalised as in ' +
    'Gymnasium), velocities reset_noise_scale times standard normal noise; contact forces 0. ' +
    '`options.state` may instead give `[qpos (15), qvel (14)]`.',
  episode_end:
    'Termination (when `terminate_when_unhealthy`): a position or velocity is not finite, or the torso z ' +
    'leaves the closed interval `healthy_z_range`. Truncation: 1000 steps.',
  arguments:
    '`forward_reward_weight` (1), `ctrl_cost_weight` (0.5), `contact_cost_weight` (5e-4), `healthy_reward` ' +
    '(1), `main_body` (1, a body index; names are not supported), `terminate_when_unhealthy` (true), ' +
    '`healthy_z_range` ([0.2, 1]), `contact_force_range` ([-1, 1]), `reset_noise_scale` (0.1), ' +
    '`exclude_current_positions_from_observation` (true), `include_cfrc_ext_in_observation` (true), ' +
    "`frame_skip` (5, an integer from 1 to 100). Gymnasium's `xml_file`, `default_camera_config` and " +
    'rendering arguments are not supported.',
  version_history:
    'v5 (this one): contact forces back in the observation and the contact cost back in the reward, ' +
    'float64 observations, `frame_skip`, `main_body` and `include_cfrc_ext_in_observation` arguments, ' +
    'the healthy reward only while healthy, reset info. v4: the `mujoco` bindings (contact forces absent). ' +
    'v3: kwargs. v2: mujoco-py 1.50. v1: 1000-step episodes and reward thresholds. v0: first release.',
};

const JOINTS = ['root x', 'root y', 'root z', 'root qw', 'root qx', 'root qy', 'root qz'];

/** Builds Ant-v5 on a compiled {@link ANT_XML}. */
export function antEnv(model: MujocoModel): MujocoEnvDefinition<AntParams> {
  const L = model.layout;
  const { nq, nv, nu, nbody } = model;
  const E = L.extras;
  const forces = (nbody - 1) * 6; // cfrc_ext of every body but the world, which is always 0
  /** Every body's x and y (`xpos`), then `cfrc_ext[1:]` (zero after a reset: `mj_resetData` clears it). */
  const extras: Extras = {
    size: 2 * nbody + forces,
    rnePostConstraint: true,
    read(d, out, phase) {
      const xpos = d.xpos as Float64Array;
      for (let b = 0; b < nbody; b++) out.push(xpos[3 * b]!, xpos[3 * b + 1]!);
      const cfrc = d.cfrc_ext as Float64Array;
      for (let i = 6; i < 6 * nbody; i++) out.push(phase === 'step' ? cfrc[i]! : 0);
    },
  };
  const F = E + 2 * nbody; // first contact force
  const clipped = (s: PhysicalState, p: AntParams) => {
    // np.clip(cfrc_ext, lo, hi) over all bodies, the world's zeros first.
    const [lo, hi] = p.contactForceRange;
    const out = new Float64Array(6 + forces);
    for (let i = 0; i < 6 + forces; i++) {
      const v = i < 6 ? 0 : s[F + i - 6]!;
      out[i] = Math.min(Math.max(v, lo), hi);
    }
    return out;
  };
  const isHealthy = (s: PhysicalState, p: AntParams) => {
    for (let i = L.qpos; i < L.qvel + nv; i++) if (!Number.isFinite(s[i]!)) return false;
    const z = s[L.qpos + 2]!;
    return p.healthyZRange[0] <= z && z <= p.healthyZRange[1];
  };
  const terms = (state: PhysicalState, next: PhysicalState, p: AntParams) => {
    const b = E + 2 * p.mainBody;
    const xVelocity = (next[b]! - state[b]!) / p.dt;
    const yVelocity = (next[b + 1]! - state[b + 1]!) / p.dt;
    return {
      xVelocity,
      yVelocity,
      forward: xVelocity * p.forwardRewardWeight,
      healthy: (isHealthy(next, p) ? 1 : 0) * p.healthyReward,
      ctrl: controlCost(p.ctrlCostWeight, next, L.ctrl, nu),
      contact: p.contactCostWeight * float64SumOfSquares(clipped(next, p)),
    };
  };
  const skipOf = (p: AntParams) => (p.excludeCurrentPositions ? 2 : 0);
  const obsWidth = (p: AntParams) => nq + nv - skipOf(p) + (p.includeCfrcExt ? forces : 0);
  const xyDistance = (s: PhysicalState) => {
    const x = s[L.qpos]!;
    const y = s[L.qpos + 1]!;
    return Math.sqrt(x * x + y * y);
  };

  return {
    id: 'Ant-v5',
    doc,
    model,
    maxEpisodeSteps: 1000,
    rewardThreshold: 6000,
    defaultKwargs: Object.freeze({
      frame_skip: 5,
      forward_reward_weight: 1,
      ctrl_cost_weight: 0.5,
      contact_cost_weight: 5e-4,
      healthy_reward: 1.0,
      main_body: 1,
      terminate_when_unhealthy: true,
      healthy_z_range: [0.2, 1.0],
      contact_force_range: [-1.0, 1.0],
      reset_noise_scale: 0.1,
      exclude_current_positions_from_observation: true,
      include_cfrc_ext_in_observation: true,
    }),

    params(kwargs) {
      checkKwargNames(kwargs, KWARGS);
      const frameSkip = frameSkipKwarg(kwargs, 5);
      const mainBody = numberKwarg(kwargs, 'main_body', 1);
      if (!Number.isInteger(mainBody) || mainBody < 0 || mainBody >= nbody) {
        throw new EnvArgumentError(
          'kwargs.main_body',
          `\`main_body\` must be a body index from 0 to ${nbody - 1}, got ${mainBody}`,
        );
      }
      return {
        frameSkip,
        dt: model.timestep * frameSkip,
        forwardRewardWeight: numberKwarg(kwargs, 'forward_reward_weight', 1),
        ctrlCostWeight: numberKwarg(kwargs, 'ctrl_cost_weight', 0.5),
        contactCostWeight: numberKwarg(kwargs, 'contact_cost_weight', 5e-4),
        healthyReward: numberKwarg(kwargs, 'healthy_reward', 1.0),
        mainBody,
        terminateWhenUnhealthy: booleanKwarg(kwargs, 'terminate_when_unhealthy', true),
        healthyZRange: rangeKwarg(kwargs, 'healthy_z_range', [0.2, 1.0]),
        contactForceRange: rangeKwarg(kwargs, 'contact_force_range', [-1.0, 1.0]),
        resetNoiseScale: numberKwarg(kwargs, 'reset_noise_scale', 0.1),
        excludeCurrentPositions: booleanKwarg(kwargs, 'exclude_current_positions_from_observation', true),
        includeCfrcExt: booleanKwarg(kwargs, 'include_cfrc_ext_in_observation', true),
      };
    },

    observationSpace(p) {
      return observationBox(obsWidth(p));
    },

    actionSpace() {
      return actionBox(model);
    },

    initial(rng: Generator, p) {
      const { qpos, qvel } = noisyInitialState(model, rng, p.resetNoiseScale, 'normal');
      return model.reset(qpos, qvel, extras);
    },

    transition(state, action, p) {
      return model.step(state, action, p.frameSkip, extras);
    },

    reward(state, _action, next, p) {
      const t = terms(state, next, p);
      return t.forward + t.healthy - (t.ctrl + t.contact);
    },

    terminal(state, p) {
      return p.terminateWhenUnhealthy && !isHealthy(state, p);
    },

    observation(state, p) {
      const skip = skipOf(p);
      const out = new Float64Array(obsWidth(p));
      let k = 0;
      for (let i = skip; i < nq; i++) out[k++] = state[L.qpos + i]!;
      for (let i = 0; i < nv; i++) out[k++] = state[L.qvel + i]!;
      if (p.includeCfrcExt) out.set(clipped(state, p).subarray(6), k);
      return out;
    },

    info(state, next, p) {
      const t = terms(state, next, p);
      return {
        reward_forward: t.forward,
        reward_ctrl: -t.ctrl,
        reward_contact: -t.contact,
        reward_survive: t.healthy,
        x_position: next[L.qpos]!,
        y_position: next[L.qpos + 1]!,
        distance_from_origin: xyDistance(next),
        x_velocity: t.xVelocity,
        y_velocity: t.yVelocity,
      };
    },

    resetInfo(state) {
      return {
        x_position: state[L.qpos]!,
        y_position: state[L.qpos + 1]!,
        distance_from_origin: xyDistance(state),
      };
    },

    parseState(value) {
      const names = [...JOINTS, ...Array.from({ length: 8 }, (_, i) => `leg joint ${i}`)];
      return parseJointState(value, model, extras, names);
    },

    batched: {
      reward(obs, action, nextObs, n, p) {
        const width = obsWidth(p);
        const skip = skipOf(p);
        const vx = nq - skip; // qvel[0], the torso's x velocity
        const z = 2 - skip;
        const forceAt = nq + nv - skip;
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          const at = i * width;
          const forward = 0.5 * (obs[at + vx]! + nextObs[at + vx]!) * p.forwardRewardWeight;
          const healthy = (healthyRow(nextObs, at, width, z, p) ? 1 : 0) * p.healthyReward;
          const contact = p.includeCfrcExt
            ? p.contactCostWeight * float64SumOfSquares(nextObs, at + forceAt, forces)
            : 0;
          out[i] = forward + healthy - (controlCost(p.ctrlCostWeight, action, i * nu, nu) + contact);
        }
        return out;
      },
      terminal(nextObs, n, p) {
        const width = obsWidth(p);
        const out = new Uint8Array(n);
        if (!p.terminateWhenUnhealthy) return out;
        for (let i = 0; i < n; i++) out[i] = healthyRow(nextObs, i * width, width, 2 - skipOf(p), p) ? 0 : 1;
        return out;
      },
    },
  };
}

/** The healthy test on one observation row: everything finite and the torso z in range. */
export function healthyRow(o: Float32Array, at: number, width: number, z: number, p: AntParams): boolean {
  for (let i = at; i < at + width; i++) if (!Number.isFinite(o[i]!)) return false;
  const h = o[at + z]!;
  return p.healthyZRange[0] <= h && h <= p.healthyZRange[1];
}

/** Compiles the model (once) and builds Ant-v5. */
export async function loadAnt(): Promise<MujocoEnvDefinition<AntParams>> {
  return antEnv(await compileModel('ant', ANT_XML));
}
