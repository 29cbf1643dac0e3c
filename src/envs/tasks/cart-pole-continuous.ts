/**
 * tasks/CartPoleContinuous-v0: cart-pole balancing with a continuous force (the continuous
 * cart-pole of model-based RL benchmarks such as mbrl-lib's).
 * @module
 */
import { Box } from '../../spaces/box.ts';
import { CART_POLE_PHYSICS, cartPole, cartPoleStep } from '../classic-control/cart-pole.ts';
import { checkKwargNames } from '../classic-control/validate.ts';
import type { EnvDefinition, EnvDoc } from '../env.ts';
import { cartPoleBalance } from './cart-pole-balance.ts';

/** No parameters. */
export type CartPoleContinuousParams = Record<string, never>;

const doc: EnvDoc = {
  description:
    "Gymnasium's CartPole with a continuous push: keep the pole upright and the cart on the track. " +
    "Dynamics: Gymnasium's cart-pole equations (gravity 9.8, cart 1.0 kg, pole 0.1 kg, pole half-length " +
    '0.5 m, Euler steps of 0.02 s; see CartPole-v1) with the horizontal force F = 10·clip(a, -1, 1) N ' +
    'instead of ±10 N. A constant action of ±1 is exactly CartPole-v1 with action 1 / 0. No task family.',
  action_space: '`Box(-1.0, 1.0, (1,), float32)`: the force as a fraction of 10 N, clipped to [-1, 1].',
  observation_space:
    '`Box(float32, shape (4,))`: cart position (±4.8), cart velocity, pole angle (±0.418 rad), pole ' +
    'angular velocity, as in CartPole-v1.',
  rewards: '+1 for every step, the terminating one included.',
  starting_state:
    'All four state variables uniform in [-0.05, 0.05] (reset options `low`/`high` change the interval).',
  episode_end:
    "Termination on Gymnasium's thresholds: the pole angle leaves ±12° or the cart position leaves ±2.4. " +
    'Truncation: 200 steps.',
  arguments: 'No kwargs. `options.state` starts from a given [x, x_dot, theta, theta_dot].',
  version_history: "v0: initial release, on CartPole-v1's dynamics (Gymnasium 1.x).",
};

/** tasks/CartPoleContinuous-v0: balance a pole with a continuous force on the cart. */
export const cartPoleContinuous: EnvDefinition<CartPoleContinuousParams, Float32Array> = {
  id: 'tasks/CartPoleContinuous-v0',
  doc,
  maxEpisodeSteps: 200,
  defaultKwargs: Object.freeze({}),

  params(kwargs) {
    checkKwargNames(kwargs, []);
    return {};
  },

  observationSpace() {
    return cartPole.observationSpace({ suttonBartoReward: false });
  },

  actionSpace() {
    return new Box(-1, 1, [1]);
  },

  initial(rng, _params, options) {
    return cartPole.initial(rng, { suttonBartoReward: false }, options);
  },

  transition(state, action) {
    const force = CART_POLE_PHYSICS.forceMag * Math.min(Math.max(action[0]!, -1), 1);
    return cartPoleStep(state, force, CART_POLE_PHYSICS);
  },

  ...cartPoleBalance,
};
