/**
 * InvertedPendulum-v5: Gymnasium 1.x `mujoco/inverted_pendulum_v5.py` semantics on our own model
 * ({@link INVERTED_PENDULUM_XML}).
 * @module
 */
import type { Generator } from '../../rng/generator.ts';
import { checkKwargNames, numberKwarg } from '../classic-control/validate.ts';
import type { EnvDoc, PhysicalState } from '../env.ts';
import { actionBox, frameSkipKwarg, noisyInitialState, observationBox, parseJointState } from './common.ts';
import { INVERTED_PENDULUM_XML } from './models/inverted-pendulum.ts';
import type { MujocoEnvDefinition, MujocoParams } from './mujoco-env.ts';
import { compileModel, type MujocoModel } from './runtime.ts';

/** Parameters built from InvertedPendulum's kwargs. */
export interface InvertedPendulumParams extends MujocoParams {
  readonly resetNoiseScale: number;
}

/** The pole may lean at most this far (rad) before the episode ends. */
export const INVERTED_PENDULUM_MAX_ANGLE = 0.2;

const doc: EnvDoc = {
  description:
    'The cart-pole of Barto, Sutton and Anderson, "Neuronlike Adaptive Elements That Can Solve Difficult ' +
    'Learning Control Problems" (1983), simulated by MuJoCo: a cart slides on a rail within [-1, 1] m and ' +
    'carries a pole on an unactuated hinge. Pushing the cart, the agent keeps the pole upright. Physics by ' +
    'MuJoCo (mujoco-js) on our own model file; see src/envs/mujoco/README.md for how it differs from ' +
    "Gymnasium's.",
  action_space:
    '`Box(-3, 3, (1,), float32)`: the force on the cart (motor gear 100; MuJoCo clamps to [-3, 3]).',
  observation_space:
    '`Box(-inf, inf, (4,), float64)`: cart position, pole angle (rad), cart velocity, pole angular velocity.',
  rewards:
    '+1 for every step after which the pole is still upright (|angle| <= 0.2 and all observations finite), ' +
    '0 for the terminating step. `info.reward_survive` repeats the reward. Reward threshold 950. The ' +
    'batched reward and termination on observations are exact up to the float32 rounding of the observations.',
  starting_state:
    'Cart, angle and both velocities start at 0 plus independent uniform noise in [-reset_noise_scale, ' +
    'reset_noise_scale] (positions drawn first). `options.state` may instead give `[qpos (2), qvel (2)]`.',
  episode_end:
    'Termination: |pole angle| > 0.2 rad, or an observation is not finite. Truncation: 1000 steps.',
  arguments:
    '`reset_noise_scale` (0.01), `frame_skip` (2, an integer from 1 to 100; dt = 0.02 * frame_skip). ' +
    "Gymnasium's `xml_file`, `default_camera_config` and rendering arguments are not supported.",
  version_history:
    'v5 (this one): no reward on the terminating step, `reset_noise_scale` and `frame_skip` arguments, ' +
    '`info.reward_survive`. v4: the `mujoco` bindings. v2: mujoco-py 1.50. v1: 1000-step episodes. ' +
    'v0: first release.',
};

const JOINTS = ['slider', 'hinge'];

function failed(cart: number, angle: number, cartVel: number, angleVel: number): boolean {
  const finite = Number.isFinite(cart) && Number.isFinite(angle) && Number.isFinite(cartVel);
  return !(finite && Number.isFinite(angleVel)) || Math.abs(angle) > INVERTED_PENDULUM_MAX_ANGLE;
}

/** Builds InvertedPendulum-v5 on a compiled {@link INVERTED_PENDULUM_XML}. */
export function invertedPendulumEnv(model: MujocoModel): MujocoEnvDefinition<InvertedPendulumParams> {
  const L = model.layout;
  const obs = (s: PhysicalState) => [s[L.qpos]!, s[L.qpos + 1]!, s[L.qvel]!, s[L.qvel + 1]!] as const;
  const terminal = (s: PhysicalState) => failed(...obs(s));

  return {
    id: 'InvertedPendulum-v5',
    doc,
    model,
    maxEpisodeSteps: 1000,
    rewardThreshold: 950,
    defaultKwargs: Object.freeze({ frame_skip: 2, reset_noise_scale: 0.01 }),

    params(kwargs) {
      checkKwargNames(kwargs, ['frame_skip', 'reset_noise_scale']);
      const frameSkip = frameSkipKwarg(kwargs, 2);
      return {
        frameSkip,
        dt: model.timestep * frameSkip,
        resetNoiseScale: numberKwarg(kwargs, 'reset_noise_scale', 0.01),
      };
    },

    observationSpace() {
      return observationBox(4);
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

    reward(_state, _action, next) {
      return terminal(next) ? 0 : 1;
    },

    terminal,

    observation(state) {
      return Float64Array.from(obs(state));
    },

    info(_state, next) {
      return { reward_survive: terminal(next) ? 0 : 1 };
    },

    resetInfo() {
      return {};
    },

    parseState(value) {
      return parseJointState(value, model, undefined, JOINTS);
    },

    batched: {
      reward(_obs, _action, nextObs, n) {
        const out = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          const o = 4 * i;
          out[i] = failed(nextObs[o]!, nextObs[o + 1]!, nextObs[o + 2]!, nextObs[o + 3]!) ? 0 : 1;
        }
        return out;
      },
      terminal(nextObs, n) {
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const o = 4 * i;
          out[i] = failed(nextObs[o]!, nextObs[o + 1]!, nextObs[o + 2]!, nextObs[o + 3]!) ? 1 : 0;
        }
        return out;
      },
    },
  };
}

/** Compiles the model (once) and builds InvertedPendulum-v5. */
export async function loadInvertedPendulum(): Promise<MujocoEnvDefinition<InvertedPendulumParams>> {
  return invertedPendulumEnv(await compileModel('inverted_pendulum', INVERTED_PENDULUM_XML));
}
