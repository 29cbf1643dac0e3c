/**
 * The logic Hopper-v5 and Walker2d-v5 share: planar robots with root joints (rootx, rootz, rooty)
 * rewarded for forward speed and for staying "healthy" (torso high enough, upright enough).
 * Gymnasium writes the two envs separately with the same step; so do we, once.
 * @module
 */
import type { Generator } from '../../rng/generator.ts';
import { booleanKwarg, checkKwargNames, numberKwarg } from '../classic-control/validate.ts';
import type { EnvDoc, PhysicalState } from '../env.ts';
import {
  actionBox,
  clip,
  controlCost,
  frameSkipKwarg,
  noisyInitialState,
  observationBox,
  parseJointState,
  rangeKwarg,
} from './common.ts';
import type { MujocoEnvDefinition, MujocoParams } from './mujoco-env.ts';
import type { MujocoModel } from './runtime.ts';

/** Parameters built from the kwargs of Hopper / Walker2d. */
export interface PlanarWalkerParams extends MujocoParams {
  readonly forwardRewardWeight: number;
  readonly ctrlCostWeight: number;
  readonly healthyReward: number;
  readonly terminateWhenUnhealthy: boolean;
  /** Hopper only: open range for qpos[2:] and qvel (Walker2d: unbounded). */
  readonly healthyStateRange: readonly [number, number];
  readonly healthyZRange: readonly [number, number];
  readonly healthyAngleRange: readonly [number, number];
  readonly resetNoiseScale: number;
  readonly excludeCurrentPositions: boolean;
}

/** What distinguishes the two envs. */
export interface PlanarWalkerSpec {
  readonly id: string;
  readonly doc: EnvDoc;
  readonly rewardThreshold?: number;
  readonly jointNames: readonly string[];
  /** Whether the env takes `healthy_state_range` (Hopper does, Walker2d does not). */
  readonly hasStateRange: boolean;
  readonly healthyZRange: readonly [number, number];
  readonly healthyAngleRange: readonly [number, number];
}

const VELOCITY_CLIP = 10;

/** Builds Hopper-v5 or Walker2d-v5 on its compiled model. */
export function planarWalkerEnv(
  model: MujocoModel,
  spec: PlanarWalkerSpec,
): MujocoEnvDefinition<PlanarWalkerParams> {
  const L = model.layout;
  const { nq, nv, nu } = model;
  const xOf = (s: PhysicalState) => s[L.qpos]!;
  const kwargNames = [
    'frame_skip',
    'forward_reward_weight',
    'ctrl_cost_weight',
    'healthy_reward',
    'terminate_when_unhealthy',
    ...(spec.hasStateRange ? ['healthy_state_range'] : []),
    'healthy_z_range',
    'healthy_angle_range',
    'reset_noise_scale',
    'exclude_current_positions_from_observation',
  ];
  const noStateRange: readonly [number, number] = [-Infinity, Infinity];

  /** Gymnasium's `is_healthy`: strict comparisons, so NaN is never healthy. */
  const isHealthy = (s: PhysicalState, p: PlanarWalkerParams): boolean => {
    const z = s[L.qpos + 1]!;
    const angle = s[L.qpos + 2]!;
    if (!(p.healthyZRange[0] < z && z < p.healthyZRange[1])) return false;
    if (!(p.healthyAngleRange[0] < angle && angle < p.healthyAngleRange[1])) return false;
    if (spec.hasStateRange) {
      // state_vector()[2:]: qpos[2:] then qvel, unclipped.
      const [lo, hi] = p.healthyStateRange;
      for (let i = L.qpos + 2; i < L.qvel + nv; i++) {
        const v = s[i]!;
        if (!(lo < v && v < hi)) return false;
      }
    }
    return true;
  };

  const healthyRewardOf = (s: PhysicalState, p: PlanarWalkerParams) =>
    (isHealthy(s, p) ? 1 : 0) * p.healthyReward;

  const ctrlCostOf = (s: PhysicalState, p: PlanarWalkerParams) =>
    controlCost(p.ctrlCostWeight, s, L.ctrl, nu);

  const obsWidth = (p: PlanarWalkerParams) => nq + nv - (p.excludeCurrentPositions ? 1 : 0);

  /** The batched healthy test on one observation row (see the doc's "rewards" for what it misses). */
  const healthyObs = (o: Float32Array, at: number, p: PlanarWalkerParams): boolean => {
    const skip = p.excludeCurrentPositions ? 1 : 0;
    const z = o[at + 1 - skip]!;
    const angle = o[at + 2 - skip]!;
    if (!(p.healthyZRange[0] < z && z < p.healthyZRange[1])) return false;
    if (!(p.healthyAngleRange[0] < angle && angle < p.healthyAngleRange[1])) return false;
    if (spec.hasStateRange) {
      const [lo, hi] = p.healthyStateRange;
      for (let i = at + 2 - skip; i < at + obsWidth(p); i++) {
        const v = o[i]!;
        if (!(lo < v && v < hi)) return false;
      }
    }
    return true;
  };

  return {
    id: spec.id,
    doc: spec.doc,
    model,
    maxEpisodeSteps: 1000,
    ...(spec.rewardThreshold !== undefined ? { rewardThreshold: spec.rewardThreshold } : {}),
    defaultKwargs: Object.freeze({
      frame_skip: 4,
      forward_reward_weight: 1.0,
      ctrl_cost_weight: 1e-3,
      healthy_reward: 1.0,
      terminate_when_unhealthy: true,
      ...(spec.hasStateRange ? { healthy_state_range: [-100.0, 100.0] } : {}),
      healthy_z_range: [...spec.healthyZRange],
      healthy_angle_range: [...spec.healthyAngleRange],
      reset_noise_scale: 5e-3,
      exclude_current_positions_from_observation: true,
    }),

    params(kwargs) {
      checkKwargNames(kwargs, kwargNames);
      const frameSkip = frameSkipKwarg(kwargs, 4);
      return {
        frameSkip,
        dt: model.timestep * frameSkip,
        forwardRewardWeight: numberKwarg(kwargs, 'forward_reward_weight', 1.0),
        ctrlCostWeight: numberKwarg(kwargs, 'ctrl_cost_weight', 1e-3),
        healthyReward: numberKwarg(kwargs, 'healthy_reward', 1.0),
        terminateWhenUnhealthy: booleanKwarg(kwargs, 'terminate_when_unhealthy', true),
        healthyStateRange: spec.hasStateRange
          ? rangeKwarg(kwargs, 'healthy_state_range', [-100.0, 100.0])
          : noStateRange,
        healthyZRange: rangeKwarg(kwargs, 'healthy_z_range', spec.healthyZRange),
        healthyAngleRange: rangeKwarg(kwargs, 'healthy_angle_range', spec.healthyAngleRange),
        resetNoiseScale: numberKwarg(kwargs, 'reset_noise_scale', 5e-3),
        excludeCurrentPositions: booleanKwarg(kwargs, 'exclude_current_positions_from_observation', true),
      };
    },

    observationSpace(p) {
      return observationBox(obsWidth(p));
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
      const forward = p.forwardRewardWeight * ((xOf(next) - xOf(state)) / p.dt);
      return forward + healthyRewardOf(next, p) - controlCost(p.ctrlCostWeight, action);
    },

    terminal(state, p) {
      return p.terminateWhenUnhealthy && !isHealthy(state, p);
    },

    observation(state, p) {
      const skip = p.excludeCurrentPositions ? 1 : 0;
      const out = new Float64Array(obsWidth(p));
      for (let i = skip; i < nq; i++) out[i - skip] = state[L.qpos + i]!;
      for (let i = 0; i < nv; i++) out[nq - skip + i] = clip(state[L.qvel + i]!, VELOCITY_CLIP);
      return out;
    },

    info(state, next, p) {
      const xVelocity = (xOf(next) - xOf(state)) / p.dt;
      return {
        reward_forward: p.forwardRewardWeight * xVelocity,
        reward_ctrl: -ctrlCostOf(next, p),
        reward_survive: healthyRewardOf(next, p),
        x_position: xOf(next),
        z_distance_from_origin: next[L.qpos + 1]! - model.qpos0[1]!,
        x_velocity: xVelocity,
      };
    },

    resetInfo(state) {
      return {
        x_position: xOf(state),
        z_distance_from_origin: state[L.qpos + 1]! - model.qpos0[1]!,
      };
    },

    parseState(value) {
      return parseJointState(value, model, undefined, spec.jointNames);
    },

    batched: {
      reward(obs, action, nextObs, n, p) {
        const width = obsWidth(p);
        const vx = nq - (p.excludeCurrentPositions ? 1 : 0);
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          const at = i * width;
          const forward = p.forwardRewardWeight * 0.5 * (obs[at + vx]! + nextObs[at + vx]!);
          const healthy = (healthyObs(nextObs, at, p) ? 1 : 0) * p.healthyReward;
          out[i] = forward + healthy - controlCost(p.ctrlCostWeight, action, i * nu, nu);
        }
        return out;
      },
      terminal(nextObs, n, p) {
        const width = obsWidth(p);
        const out = new Uint8Array(n);
        if (!p.terminateWhenUnhealthy) return out;
        for (let i = 0; i < n; i++) out[i] = healthyObs(nextObs, i * width, p) ? 0 : 1;
        return out;
      },
    },
  };
}
