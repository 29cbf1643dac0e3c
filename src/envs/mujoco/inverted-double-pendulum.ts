/**
 * InvertedDoublePendulum-v5: Gymnasium 1.x `mujoco/inverted_double_pendulum_v5.py` semantics on our
 * own model ({@link INVERTED_DOUBLE_PENDULUM_XML}).
 * @module
 */
import type { Generator } from '../../rng/generator.ts';
import { checkKwargNames, numberKwarg } from '../classic-control/validate.ts';
import type { EnvDoc, PhysicalState } from '../env.ts';
import {
  actionBox,
  clip,
  frameSkipKwarg,
  noisyInitialState,
  observationBox,
  parseJointState,
} from './common.ts';
import { INVERTED_DOUBLE_PENDULUM_XML } from './models/inverted-double-pendulum.ts';
import type { MujocoEnvDefinition, MujocoParams } from './mujoco-env.ts';
import { compileModel, type Extras, type MujocoModel } from './runtime.ts';

/** Parameters built from InvertedDoublePendulum's kwargs. */
export interface InvertedDoublePendulumParams extends MujocoParams {
  readonly healthyReward: number;
  readonly resetNoiseScale: number;
}

/** The episode ends once the tip is at or below this height (m). */
export const DOUBLE_PENDULUM_MIN_TIP_HEIGHT = 1;

const JOINTS = ['slider', 'hinge', 'hinge2'];

const doc: EnvDoc = {
  description:
    'A cart on a rail carries two poles stacked on unactuated hinges; pushing the cart, the agent keeps ' +
    'both upright, the tip of the second pole as high as possible. Physics by MuJoCo (mujoco-js) on our ' +
    "own model file; see src/envs/mujoco/README.md for how it differs from Gymnasium's.",
  action_space: '`Box(-1, 1, (1,), float32)`: the force on the cart (motor gear 500).',
  observation_space:
    '`Box(-inf, inf, (9,), float64)`: cart position, sines of the two hinge angles, their cosines, the three ' +
    'velocities (cart, hinge, hinge2) clipped to [-10, 10], and the constraint force on the slider (the ' +
    'rail limits) clipped to [-10, 10].',
  rewards:
    'reward = alive_bonus - distance_penalty - velocity_penalty, with (x, y) the horizontal and vertical ' +
    'position of the tip after the step: alive_bonus = `healthy_reward` unless the step terminates, ' +
    'distance_penalty = 0.01 x² + (y - 2)², velocity_penalty = 1e-3 ω1² + 5e-3 ω2² (hinge velocities). ' +
    '`info`: `reward_survive`, `distance_penalty` and `velocity_penalty` (the last two negated). Reward ' +
    'threshold 9100. The batched reward and termination need the tip position, which the observation ' +
    'gives only through the angles: they recompute it as x = cart + 0.6 (sin θ1 + sin(θ1 + θ2)), y = ' +
    '0.6 (cos θ1 + cos(θ1 + θ2)) from the observed sines and cosines, exact up to float32 rounding and ' +
    "MuJoCo's one-substep lag of the site position (so approximate).",
  starting_state:
    'Positions 0 plus uniform noise in [-reset_noise_scale, reset_noise_scale]; velocities reset_noise_scale ' +
    'times standard normal noise (positions drawn first). `options.state` may instead give ' +
    '`[qpos (3), qvel (3)]`.',
  episode_end: 'Termination: the tip height y <= 1. Truncation: 1000 steps.',
  arguments:
    '`healthy_reward` (10), `reset_noise_scale` (0.1), `frame_skip` (5, an integer from 1 to 100; dt = ' +
    "0.01 * frame_skip). Gymnasium's `xml_file`, `default_camera_config` and rendering arguments are not " +
    'supported.',
  version_history:
    'v5 (this one): no alive bonus on the terminating step, the always-zero hinge constraint forces left ' +
    'out of the observation (9 values), `frame_skip`, `healthy_reward` and `reset_noise_scale` arguments, ' +
    'reward terms in `info`. v4: the `mujoco` bindings. v2: mujoco-py 1.50. v1: 1000-step episodes. ' +
    'v0: first release.',
};

/** Builds InvertedDoublePendulum-v5 on a compiled {@link INVERTED_DOUBLE_PENDULUM_XML}. */
export function invertedDoublePendulumEnv(
  model: MujocoModel,
): MujocoEnvDefinition<InvertedDoublePendulumParams> {
  const L = model.layout;
  const tip = model.siteId('tip');
  const E = L.extras;
  /** Tip x and z (`site_xpos`), then the slider's constraint force (`qfrc_constraint[0]`). */
  const extras: Extras = {
    size: 3,
    read(d, out) {
      const site = d.site_xpos as Float64Array;
      out.push(site[3 * tip]!, site[3 * tip + 2]!, (d.qfrc_constraint as Float64Array)[0]!);
    },
  };
  const terms = (s: PhysicalState, p: InvertedDoublePendulumParams) => {
    const x = s[E]!;
    const y = s[E + 1]!;
    const v1 = s[L.qvel + 1]!;
    const v2 = s[L.qvel + 2]!;
    const terminated = y <= DOUBLE_PENDULUM_MIN_TIP_HEIGHT;
    // Python's `x**2` is pow(x, 2), exactly x * x.
    return {
      terminated,
      alive: p.healthyReward * (terminated ? 0 : 1),
      dist: 0.01 * (x * x) + (y - 2) * (y - 2),
      vel: 1e-3 * (v1 * v1) + 5e-3 * (v2 * v2),
    };
  };

  return {
    id: 'InvertedDoublePendulum-v5',
    doc,
    model,
    maxEpisodeSteps: 1000,
    rewardThreshold: 9100,
    defaultKwargs: Object.freeze({ frame_skip: 5, healthy_reward: 10.0, reset_noise_scale: 0.1 }),

    params(kwargs) {
      checkKwargNames(kwargs, ['frame_skip', 'healthy_reward', 'reset_noise_scale']);
      const frameSkip = frameSkipKwarg(kwargs, 5);
      return {
        frameSkip,
        dt: model.timestep * frameSkip,
        healthyReward: numberKwarg(kwargs, 'healthy_reward', 10.0),
        resetNoiseScale: numberKwarg(kwargs, 'reset_noise_scale', 0.1),
      };
    },

    observationSpace() {
      return observationBox(9);
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

    reward(_state, _action, next, p) {
      const t = terms(next, p);
      return t.alive - t.dist - t.vel;
    },

    terminal(state, p) {
      return terms(state, p).terminated;
    },

    observation(state) {
      const q1 = state[L.qpos + 1]!;
      const q2 = state[L.qpos + 2]!;
      return Float64Array.of(
        state[L.qpos]!,
        Math.sin(q1),
        Math.sin(q2),
        Math.cos(q1),
        Math.cos(q2),
        clip(state[L.qvel]!, 10),
        clip(state[L.qvel + 1]!, 10),
        clip(state[L.qvel + 2]!, 10),
        clip(state[E + 2]!, 10),
      );
    },

    info(_state, next, p) {
      const t = terms(next, p);
      return { reward_survive: t.alive, distance_penalty: -t.dist, velocity_penalty: -t.vel };
    },

    resetInfo() {
      return {};
    },

    parseState(value) {
      return parseJointState(value, model, extras, JOINTS);
    },

    batched: {
      reward(_obs, _action, nextObs, n, p) {
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          const o = 9 * i;
          const [x, y] = tipFromObservation(nextObs, o);
          const terminated = y <= DOUBLE_PENDULUM_MIN_TIP_HEIGHT;
          const v1 = nextObs[o + 6]!;
          const v2 = nextObs[o + 7]!;
          out[i] =
            p.healthyReward * (terminated ? 0 : 1) -
            (0.01 * (x * x) + (y - 2) * (y - 2)) -
            (1e-3 * (v1 * v1) + 5e-3 * (v2 * v2));
        }
        return out;
      },
      terminal(nextObs, n) {
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          out[i] = tipFromObservation(nextObs, 9 * i)[1] <= DOUBLE_PENDULUM_MIN_TIP_HEIGHT ? 1 : 0;
        }
        return out;
      },
    },
  };
}

/** Tip (x, height) from an observation row: forward kinematics of the two 0.6 m poles. */
function tipFromObservation(o: Float32Array, at: number): [number, number] {
  const s1 = o[at + 1]!;
  const s2 = o[at + 2]!;
  const c1 = o[at + 3]!;
  const c2 = o[at + 4]!;
  // sin/cos of θ1 + θ2 from those of θ1 and θ2 (θ2 is relative to the first pole).
  const s12 = s1 * c2 + c1 * s2;
  const c12 = c1 * c2 - s1 * s2;
  return [o[at]! + 0.6 * (s1 + s12), 0.6 * (c1 + c12)];
}

/** Compiles the model (once) and builds InvertedDoublePendulum-v5. */
export async function loadInvertedDoublePendulum(): Promise<
  MujocoEnvDefinition<InvertedDoublePendulumParams>
> {
  return invertedDoublePendulumEnv(
    await compileModel('inverted_double_pendulum', INVERTED_DOUBLE_PENDULUM_XML),
  );
}
