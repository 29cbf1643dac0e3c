/**
 * Reacher-v5: Gymnasium 1.x `mujoco/reacher_v5.py` semantics on our own model ({@link REACHER_XML}).
 * @module
 */
import type { Generator } from '../../rng/generator.ts';
import { checkKwargNames, numberKwarg } from '../classic-control/validate.ts';
import type { EnvDoc, PhysicalState } from '../env.ts';
import { actionBox, float32SumOfSquares, frameSkipKwarg, observationBox, parseJointState } from './common.ts';
import { REACHER_XML } from './models/reacher.ts';
import type { MujocoEnvDefinition, MujocoParams } from './mujoco-env.ts';
import { compileModel, type Extras, type MujocoModel } from './runtime.ts';

/** Parameters built from Reacher's kwargs. */
export interface ReacherParams extends MujocoParams {
  readonly rewardDistWeight: number;
  readonly rewardControlWeight: number;
}

const JOINTS = ['joint0', 'joint1', 'target_x', 'target_y'];

const doc: EnvDoc = {
  description:
    'A two-jointed arm in the plane, fixed at one end, must bring its fingertip to a target placed at ' +
    'random within 0.2 m of the shoulder. Physics by MuJoCo (mujoco-js) on our own model file; see ' +
    "src/envs/mujoco/README.md for how it differs from Gymnasium's.",
  action_space: '`Box(-1, 1, (2,), float32)`: torques at the shoulder and the elbow (motor gear 200).',
  observation_space:
    '`Box(-inf, inf, (10,), float64)`: cosines of the two arm angles, their sines, the target x and y, the ' +
    'two arm angular velocities, and the x and y of fingertip minus target.',
  rewards:
    'reward = reward_dist + reward_ctrl, after the step: reward_dist = -|fingertip - target| * ' +
    'reward_dist_weight (3-D distance of the body frames), reward_ctrl = -sum(action²) * ' +
    'reward_control_weight (float32 sum, as numpy). `info` holds both terms. Reward threshold -3.75. The ' +
    'batched reward uses the fingertip-minus-target x and y of the next observation (exact up to float32 ' +
    'rounding; the arm stays in a horizontal plane, so the vertical part is 0).',
  starting_state:
    'Arm angles uniform in [-0.1, 0.1]; the target drawn uniformly in [-0.2, 0.2]² until it lies within ' +
    '0.2 of the origin; arm velocities uniform in [-0.005, 0.005], target velocities 0 (numpy draws in that ' +
    'order, the velocity noise drawn for all four joints). `options.state` may instead give `[qpos (4), ' +
    'qvel (4)]`.',
  episode_end: 'The arm never terminates (no failure state). Truncation: 50 steps.',
  arguments:
    '`reward_dist_weight` (1), `reward_control_weight` (1), `frame_skip` (2, an integer from 1 to 100; ' +
    "dt = 0.01 * frame_skip). Gymnasium's `xml_file`, `default_camera_config` and rendering arguments " +
    'are not supported.',
  version_history:
    'v5 (this one): the distance reward is taken after the step (v4 took it before), the always-zero z of ' +
    'fingertip - target left out of the observation, `frame_skip` and reward-weight arguments, ' +
    '`reward_ctrl` in `info` multiplied by its weight. v4: the `mujoco` bindings. v2: mujoco-py 1.50. ' +
    'v1: reward thresholds. v0: first release.',
};

/** Builds Reacher-v5 on a compiled {@link REACHER_XML}. */
export function reacherEnv(model: MujocoModel): MujocoEnvDefinition<ReacherParams> {
  const L = model.layout;
  const { nq, nv, nu } = model;
  const fingertip = model.bodyId('fingertip');
  const target = model.bodyId('target');
  const E = L.extras;
  /** fingertip - target, the body frame positions (Gymnasium's `get_body_com`). */
  const extras: Extras = {
    size: 3,
    read(d, out) {
      const xpos = d.xpos as Float64Array;
      for (let k = 0; k < 3; k++) out.push(xpos[3 * fingertip + k]! - xpos[3 * target + k]!);
    },
  };
  const distance = (s: PhysicalState) => {
    const x = s[E]!;
    const y = s[E + 1]!;
    const z = s[E + 2]!;
    return Math.sqrt(x * x + y * y + z * z);
  };
  const ctrlTerm = (a: ArrayLike<number>, p: ReacherParams, offset = 0) =>
    -float32SumOfSquares(a, offset, nu) * p.rewardControlWeight;

  return {
    id: 'Reacher-v5',
    doc,
    model,
    maxEpisodeSteps: 50,
    rewardThreshold: -3.75,
    defaultKwargs: Object.freeze({ frame_skip: 2, reward_dist_weight: 1, reward_control_weight: 1 }),

    params(kwargs) {
      checkKwargNames(kwargs, ['frame_skip', 'reward_dist_weight', 'reward_control_weight']);
      const frameSkip = frameSkipKwarg(kwargs, 2);
      return {
        frameSkip,
        dt: model.timestep * frameSkip,
        rewardDistWeight: numberKwarg(kwargs, 'reward_dist_weight', 1),
        rewardControlWeight: numberKwarg(kwargs, 'reward_control_weight', 1),
      };
    },

    observationSpace() {
      return observationBox(10);
    },

    actionSpace() {
      return actionBox(model);
    },

    initial(rng: Generator) {
      const qpos = model.qpos0.map((q) => rng.uniform(-0.1, 0.1) + q);
      let gx: number;
      let gy: number;
      do {
        gx = rng.uniform(-0.2, 0.2);
        gy = rng.uniform(-0.2, 0.2);
      } while (!(Math.sqrt(gx * gx + gy * gy) < 0.2));
      qpos[nq - 2] = gx;
      qpos[nq - 1] = gy;
      const qvel = Array.from({ length: nv }, () => 0 + rng.uniform(-0.005, 0.005));
      qvel[nv - 2] = 0;
      qvel[nv - 1] = 0;
      return model.reset(qpos, qvel, extras);
    },

    transition(state, action, p) {
      return model.step(state, action, p.frameSkip, extras);
    },

    reward(_state, action, next, p) {
      return -distance(next) * p.rewardDistWeight + ctrlTerm(action, p);
    },

    terminal() {
      return false;
    },

    observation(state) {
      const a0 = state[L.qpos]!;
      const a1 = state[L.qpos + 1]!;
      return Float64Array.of(
        Math.cos(a0),
        Math.cos(a1),
        Math.sin(a0),
        Math.sin(a1),
        state[L.qpos + 2]!,
        state[L.qpos + 3]!,
        state[L.qvel]!,
        state[L.qvel + 1]!,
        state[E]!,
        state[E + 1]!,
      );
    },

    info(_state, next, p) {
      return {
        reward_dist: -distance(next) * p.rewardDistWeight,
        reward_ctrl: ctrlTerm(next, p, L.ctrl),
      };
    },

    resetInfo() {
      return {};
    },

    parseState(value) {
      return parseJointState(value, model, extras, JOINTS);
    },

    batched: {
      reward(_obs, action, nextObs, n, p) {
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          const dx = nextObs[10 * i + 8]!;
          const dy = nextObs[10 * i + 9]!;
          out[i] = -Math.sqrt(dx * dx + dy * dy) * p.rewardDistWeight + ctrlTerm(action, p, i * nu);
        }
        return out;
      },
      terminal(_nextObs, n) {
        return new Uint8Array(n);
      },
    },
  };
}

/** Compiles the model (once) and builds Reacher-v5. */
export async function loadReacher(): Promise<MujocoEnvDefinition<ReacherParams>> {
  return reacherEnv(await compileModel('reacher', REACHER_XML));
}
