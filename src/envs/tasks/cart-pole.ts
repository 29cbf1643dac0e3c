/**
 * tasks/CartPole-v0: CartPole-v1 with the pole's length and mass, the cart's mass and the push
 * force drawn per task.
 * @module
 */
import { Discrete } from '../../spaces/discrete.ts';
import {
  CART_POLE_PHYSICS,
  type CartPolePhysics,
  cartPole,
  cartPoleStep,
} from '../classic-control/cart-pole.ts';
import { checkKwargNames } from '../classic-control/validate.ts';
import type { EnvDefinition, EnvDoc } from '../env.ts';
import { cartPoleBalance } from './cart-pole-balance.ts';
import { defaultTask, type RangedParameter, rangedTaskFamily } from './ranged-family.ts';

/** The varied parameters, in sampling order (Gymnasium's attribute names as task fields). */
export const CART_POLE_TASK_PARAMETERS: readonly RangedParameter<CartPolePhysics>[] = [
  {
    key: 'length',
    prop: 'length',
    description: "half the pole's length (Gymnasium's `length`), m",
    default: 0.5,
    train: [0.3, 0.7],
    test: [0.15, 1.0],
    valid: { min: 0, max: 10 },
  },
  {
    key: 'masspole',
    prop: 'masspole',
    description: 'mass of the pole, kg',
    default: 0.1,
    train: [0.05, 0.15],
    test: [0.02, 0.25],
    valid: { min: 0, max: 10 },
  },
  {
    key: 'masscart',
    prop: 'masscart',
    description: 'mass of the cart, kg',
    default: 1.0,
    train: [0.7, 1.3],
    test: [0.4, 2.0],
    valid: { min: 0, max: 100 },
  },
  {
    key: 'force_mag',
    prop: 'forceMag',
    description: 'magnitude of the push, N',
    default: 10.0,
    train: [7, 13],
    test: [4, 16],
    valid: { min: 0, max: 100 },
  },
];

/** CartPole-v1's values: length 0.5, masspole 0.1, masscart 1.0, force_mag 10. */
export const CART_POLE_DEFAULT_TASK = defaultTask(CART_POLE_TASK_PARAMETERS);

const doc: EnvDoc = {
  description:
    'CartPole-v1 (keep a pole hinged on a cart upright by pushing the cart left or right) as a family of ' +
    'tasks that differ in their physics: the pole half-length and mass, the cart mass and the push force ' +
    "are drawn per task and hidden from the agent. Dynamics: Gymnasium's cart-pole equations with Euler " +
    'steps of tau = 0.02 s and gravity 9.8: with M = masscart + masspole, temp = (F + masspole·length·' +
    'theta_dot²·sin θ)/M, theta_acc = (g·sin θ − cos θ·temp)/(length·(4/3 − masspole·cos²θ/M)), x_acc = ' +
    'temp − masspole·length·theta_acc·cos θ/M; positions advance with the old velocities. With the ' +
    'default task (length 0.5, masspole 0.1, masscart 1.0, force_mag 10) the env is CartPole-v1 to the ' +
    'bit. Tasks: train: length ~ U[0.3, 0.7], masspole ~ U[0.05, 0.15], masscart ~ U[0.7, 1.3], ' +
    'force_mag ~ U[7, 13], independently, drawn in that order with one uniform() each. Test ' +
    '(extrapolation): each parameter independently outside its train range, below or above with ' +
    'probability 1/2 (one random() u each: below when u < 0.5): length in [0.15, 0.3) ∪ (0.7, 1.0], ' +
    'masspole in [0.02, 0.05) ∪ (0.15, 0.25], masscart in [0.4, 0.7) ∪ (1.3, 2.0], force_mag in [4, 7) ∪ ' +
    '(13, 16].',
  action_space: '`Discrete(2)`: 0 pushes the cart to the left, 1 to the right, with the force force_mag.',
  observation_space:
    '`Box(float32, shape (4,))`: cart position (bounds ±4.8), cart velocity (unbounded), pole angle ' +
    '(bounds ±0.418 rad), pole angular velocity (unbounded), as in CartPole-v1.',
  rewards: '+1 for every step, the terminating one included.',
  starting_state:
    'All four state variables uniform in [-0.05, 0.05] (reset options `low`/`high` change the interval). ' +
    'When the reset names no task, the train task is drawn first from the same generator.',
  episode_end:
    'Termination: the pole angle leaves ±12° or the cart position leaves ±2.4 (the same thresholds for ' +
    'every task). Truncation: 500 steps.',
  arguments:
    'No kwargs. Tasks (`options.task`): {length, masspole, masscart, force_mag}, numbers with length, ' +
    'masspole in (0, 10] and masscart, force_mag in (0, 100]; a field left out takes its default. ' +
    '`options.state` starts from a given [x, x_dot, theta, theta_dot].',
  version_history: "v0: initial release, on CartPole-v1's dynamics (Gymnasium 1.x).",
};

/** tasks/CartPole-v0: CartPole-v1 with pole length and mass, cart mass and force varying per task. */
export const cartPoleTasks: EnvDefinition<CartPolePhysics, number> = {
  id: 'tasks/CartPole-v0',
  doc,
  maxEpisodeSteps: 500,
  defaultKwargs: Object.freeze({}),

  params(kwargs) {
    checkKwargNames(kwargs, []);
    return CART_POLE_PHYSICS;
  },

  observationSpace() {
    return cartPole.observationSpace({ suttonBartoReward: false });
  },

  actionSpace() {
    return new Discrete(2);
  },

  initial(rng, _params, options) {
    return cartPole.initial(rng, { suttonBartoReward: false }, options);
  },

  transition(state, action, params) {
    return cartPoleStep(state, action === 1 ? params.forceMag : -params.forceMag, params);
  },

  ...cartPoleBalance,

  tasks: rangedTaskFamily(CART_POLE_TASK_PARAMETERS),
};
