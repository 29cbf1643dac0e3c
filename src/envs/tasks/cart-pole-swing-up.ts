/**
 * tasks/CartPoleSwingUp-v0: swing a hanging pole up on a cart, with the PETS cart-pole reward
 * (Chua et al. 2018) on Gymnasium's cart-pole equations.
 * @module
 */
import { Box } from '../../spaces/box.ts';
import { CART_POLE_PHYSICS, type CartPolePhysics, cartPoleStep } from '../classic-control/cart-pole.ts';
import { checkKwargNames, parsePhysicalState } from '../classic-control/validate.ts';
import type { EnvDefinition, EnvDoc } from '../env.ts';

/** No parameters. */
export type CartPoleSwingUpParams = Record<string, never>;

/** Full pole length, m: the distance from the hinge to the tip, and the reward's length scale (PETS). */
export const SWING_UP_POLE_LENGTH = 0.6;

/** Gymnasium's cart-pole with a pole of full length 0.6 m (half-length 0.3). */
const PHYSICS: CartPolePhysics = Object.freeze({ ...CART_POLE_PHYSICS, length: SWING_UP_POLE_LENGTH / 2 });
const INIT_STD = 0.1;
const ACTION_COST = 0.01;

function clipAction(a: number): number {
  return Math.min(Math.max(a, -1), 1);
}

/**
 * PETS's reward from the cart position and the pole angle's cos/sin: the tip at (x + L·sin θ,
 * L·cos θ), the goal at (0, L), r = exp(−‖tip − goal‖² / L²) − 0.01·a².
 */
function swingUpReward(x: number, cos: number, sin: number, a: number): number {
  const L = SWING_UP_POLE_LENGTH;
  const dx = x + L * sin;
  const dy = L * cos - L;
  return Math.exp(-(dx * dx + dy * dy) / (L * L)) - ACTION_COST * (a * a);
}

const doc: EnvDoc = {
  description:
    'Cart-pole swing-up as in PETS (Chua et al., "Deep Reinforcement Learning in a Handful of Trials ' +
    'using Probabilistic Dynamics Models", 2018): the pole starts hanging down and must be swung up and ' +
    "balanced above the cart. Dynamics: Gymnasium's cart-pole equations (gravity 9.8, cart 1.0 kg, pole " +
    '0.1 kg, Euler steps of 0.02 s; see CartPole-v1) with a pole of half-length 0.3 m, i.e. full length ' +
    "0.6 m as PETS's pole, and the force F = 10·clip(a, -1, 1) N. theta is measured from upright, " +
    'positive when the pole leans towards +x, and is never wrapped in the state; the track is unbounded. ' +
    'No task family.',
  action_space: '`Box(-1.0, 1.0, (1,), float32)`: the force as a fraction of 10 N, clipped to [-1, 1].',
  observation_space:
    '`Box(float32, shape (5,))`: [x, x_dot, cos θ, sin θ, theta_dot]; cos and sin in [-1, 1], the others ' +
    'unbounded.',
  rewards:
    "PETS's cart-pole reward on the state after the step: the pole tip is at (x + 0.6·sin θ, 0.6·cos θ) " +
    'and the goal at (0, 0.6) (tip straight up over the track origin); r = exp(−‖tip − goal‖² / 0.6²) − ' +
    '0.01·a², with a the clipped action. Between about −0.01 and 1 per step.',
  starting_state:
    'x, x_dot, theta, theta_dot drawn in that order as normal(0, 0.1), normal(0, 0.1), normal(π, 0.1), ' +
    'normal(0, 0.1): the pole hangs down (θ ≈ π) with a little noise.',
  episode_end: 'Never terminates. Truncation: 200 steps.',
  arguments: 'No kwargs. `options.state` starts from a given [x, x_dot, theta, theta_dot].',
  version_history: "v0: initial release: PETS's cart-pole reward on Gymnasium's cart-pole equations.",
};

/** tasks/CartPoleSwingUp-v0: swing the pole up from hanging and balance it (PETS reward). */
export const cartPoleSwingUp: EnvDefinition<CartPoleSwingUpParams, Float32Array> = {
  id: 'tasks/CartPoleSwingUp-v0',
  doc,
  maxEpisodeSteps: 200,
  defaultKwargs: Object.freeze({}),

  params(kwargs) {
    checkKwargNames(kwargs, []);
    return {};
  },

  observationSpace() {
    return new Box([-Infinity, -Infinity, -1, -1, -Infinity], [Infinity, Infinity, 1, 1, Infinity]);
  },

  actionSpace() {
    return new Box(-1, 1, [1]);
  },

  initial(rng) {
    const x = rng.normal(0, INIT_STD);
    const xDot = rng.normal(0, INIT_STD);
    const theta = rng.normal(Math.PI, INIT_STD);
    const thetaDot = rng.normal(0, INIT_STD);
    return [x, xDot, theta, thetaDot];
  },

  transition(state, action) {
    return cartPoleStep(state, PHYSICS.forceMag * clipAction(action[0]!), PHYSICS);
  },

  reward(_state, action, next) {
    const theta = next[2]!;
    return swingUpReward(next[0]!, Math.cos(theta), Math.sin(theta), clipAction(action[0]!));
  },

  terminal() {
    return false;
  },

  observation(state) {
    const theta = state[2]!;
    return Float32Array.of(state[0]!, state[1]!, Math.cos(theta), Math.sin(theta), state[3]!);
  },

  stateFromObservation(obs) {
    return [obs[0]!, obs[1]!, Math.atan2(obs[3]!, obs[2]!), obs[4]!];
  },

  parseState(value) {
    return parsePhysicalState(value, 4, [
      'cart position',
      'cart velocity',
      'pole angle',
      'pole angular velocity',
    ]);
  },

  batched: {
    reward(_obs, action, nextObs, n) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const o = 5 * i;
        out[i] = swingUpReward(nextObs[o]!, nextObs[o + 2]!, nextObs[o + 3]!, clipAction(action[i]!));
      }
      return out;
    },
    terminal(_nextObs, n) {
      return new Uint8Array(n);
    },
  },
};
