/**
 * CartPole-v1, Gymnasium 1.x `classic_control/cartpole.py` to the bit (float64 state, Euler steps).
 * @module
 */
import type { Generator } from '../../rng/generator.ts';
import { Box } from '../../spaces/box.ts';
import { Discrete } from '../../spaces/discrete.ts';
import type { EnvDefinition, EnvDoc, PhysicalState } from '../env.ts';
import { booleanKwarg, checkKwargNames, parsePhysicalState, resetBounds } from './validate.ts';

/** Parameters built from CartPole's kwargs. */
export interface CartPoleParams {
  /** Gymnasium's `sutton_barto_reward`: 0 per step and -1 on failure instead of +1 per step. */
  readonly suttonBartoReward: boolean;
}

/** The physical constants of Gymnasium's cart-pole, the ones that task families vary. */
export interface CartPolePhysics {
  /** m/s². */
  readonly gravity: number;
  /** kg. */
  readonly masscart: number;
  /** kg. */
  readonly masspole: number;
  /** Half the pole's length, m (Gymnasium's `length`). */
  readonly length: number;
  /** Magnitude of the push, N. */
  readonly forceMag: number;
}

/** Gymnasium's values (CartPole-v1). */
export const CART_POLE_PHYSICS: CartPolePhysics = Object.freeze({
  gravity: 9.8,
  masscart: 1.0,
  masspole: 0.1,
  length: 0.5,
  forceMag: 10.0,
});

const FORCE_MAG = CART_POLE_PHYSICS.forceMag;
const TAU = 0.02;
/** 12 degrees, as `12 * 2 * math.pi / 360`. */
const THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;
const X_THRESHOLD = 2.4;

const STATE_NAMES = ['cart position', 'cart velocity', 'pole angle', 'pole angular velocity'] as const;

function failed(x: number, theta: number): boolean {
  return x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
}

/** Gymnasium's termination test (the cart leaves ±2.4 or the pole ±12°), for the task envs. */
export { failed as cartPoleFailed };

/**
 * One Euler step (tau = 0.02 s) of Gymnasium's cart-pole equations under a horizontal force on
 * the cart, with the physical constants as parameters. The derived quantities (total mass,
 * pole mass times length) are computed as Gymnasium's `__init__` computes them, so with
 * {@link CART_POLE_PHYSICS} the result is CartPole-v1's to the bit.
 */
export function cartPoleStep(state: PhysicalState, force: number, physics: CartPolePhysics): PhysicalState {
  const [x, xDot, theta, thetaDot] = state as [number, number, number, number];
  const { gravity, masspole, length } = physics;
  const totalMass = masspole + physics.masscart;
  const poleMassLength = masspole * length;
  const cosTheta = Math.cos(theta);
  const sinTheta = Math.sin(theta);
  const temp = (force + poleMassLength * (thetaDot * thetaDot) * sinTheta) / totalMass;
  const thetaAcc =
    (gravity * sinTheta - cosTheta * temp) /
    (length * (4.0 / 3.0 - (masspole * (cosTheta * cosTheta)) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cosTheta) / totalMass;
  // Gymnasium's default "euler" integrator: positions advance with the old velocities.
  return [x + TAU * xDot, xDot + TAU * xAcc, theta + TAU * thetaDot, thetaDot + TAU * thetaAcc];
}

const doc: EnvDoc = {
  description:
    'A cart runs on a frictionless straight track with a pole hinged on top of it (the joint has no motor). ' +
    'The pole starts close to upright; the agent pushes the cart left or right and must keep the pole ' +
    'balanced and the cart on the track. This is the cart-pole task of Barto, Sutton and Anderson, ' +
    '"Neuronlike Adaptive Elements That Can Solve Difficult Learning Control Problems" (1983).',
  action_space:
    '`Discrete(2)`: 0 pushes the cart to the left, 1 to the right, always with a force of magnitude 10. ' +
    'How much the velocity changes depends on the angle of the pole, since its centre of mass moves with it.',
  observation_space:
    '`Box(float32, shape (4,))`: cart position (bounds ±4.8), cart velocity (unbounded), pole angle in ' +
    'radians (bounds ±0.418, i.e. ±24°), pole angular velocity (unbounded). The bounds are twice the ' +
    'termination limits, so that the last observation of an episode still lies inside the space; during ' +
    'an episode the cart stays within ±2.4 and the pole within ±0.2095 rad (±12°).',
  rewards:
    '+1 for every step, the terminating one included, so the return counts the steps the pole stayed up ' +
    '(reward threshold 475). With `sutton_barto_reward=True` a step gives 0, and the terminating step -1.',
  starting_state:
    'All four state variables are drawn uniformly from [-0.05, 0.05]; `options.low` / `options.high` in ' +
    'reset change that interval (the initial state may then lie outside the observation bounds).',
  episode_end:
    'Termination: the pole angle leaves [-12°, 12°] or the cart position leaves [-2.4, 2.4] (the cart ' +
    'centre reaching the edge of the display). Truncation: 500 steps.',
  arguments:
    '`sutton_barto_reward` (bool, default false): use the reward of the original Sutton-Barto ' +
    'implementation (0 per step, -1 on failure). Reset options `low` and `high` (numbers, low <= high) ' +
    'bound the uniform draw of the initial state; `options.state` starts from a given ' +
    '[x, x_dot, theta, theta_dot].',
  version_history:
    'v1: episodes truncated at 500 steps (reward threshold 475); Gymnasium 1.0.0a2 added the ' +
    '`sutton_barto_reward` argument. v0: episodes truncated at 200 steps (reward threshold 195).',
};

/** CartPole-v1: balance a pole on a cart pushed left or right. */
export const cartPole: EnvDefinition<CartPoleParams, number> = {
  id: 'CartPole-v1',
  doc,
  maxEpisodeSteps: 500,
  rewardThreshold: 475,
  defaultKwargs: Object.freeze({ sutton_barto_reward: false }),

  params(kwargs) {
    checkKwargNames(kwargs, ['sutton_barto_reward']);
    return { suttonBartoReward: booleanKwarg(kwargs, 'sutton_barto_reward', false) };
  },

  observationSpace() {
    const high = [X_THRESHOLD * 2, Infinity, THETA_THRESHOLD * 2, Infinity];
    return new Box(
      high.map((h) => -h),
      high,
    );
  },

  actionSpace() {
    return new Discrete(2);
  },

  initial(rng: Generator, _params, options) {
    const [low, high] = resetBounds(options, -0.05, 0.05);
    return [rng.uniform(low, high), rng.uniform(low, high), rng.uniform(low, high), rng.uniform(low, high)];
  },

  transition(state, action) {
    return cartPoleStep(state, action === 1 ? FORCE_MAG : -FORCE_MAG, CART_POLE_PHYSICS);
  },

  reward(_state, _action, next, params) {
    // The adapter never steps a terminated episode, so Gymnasium's steps_beyond_terminated
    // branch (reward 0 after termination) cannot occur here.
    if (params.suttonBartoReward) return failed(next[0]!, next[2]!) ? -1 : 0;
    return 1;
  },

  terminal(state) {
    return failed(state[0]!, state[2]!);
  },

  observation(state) {
    return Float32Array.from(state);
  },

  stateFromObservation(obs) {
    return Array.from(obs);
  },

  parseState(value) {
    return parsePhysicalState(value, 4, STATE_NAMES);
  },

  batched: {
    reward(_obs, _action, nextObs, n, params) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        out[i] = params.suttonBartoReward ? (failed(nextObs[4 * i]!, nextObs[4 * i + 2]!) ? -1 : 0) : 1;
      }
      return out;
    },
    terminal(nextObs, n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = failed(nextObs[4 * i]!, nextObs[4 * i + 2]!) ? 1 : 0;
      return out;
    },
  },
};
