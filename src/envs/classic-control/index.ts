/**
 * Gymnasium's classic-control envs.
 * @module
 */
import type { EnvDefinition } from '../env.ts';
import { acrobot } from './acrobot.ts';
import { cartPole } from './cart-pole.ts';
import { mountainCar } from './mountain-car.ts';
import { mountainCarContinuous } from './mountain-car-continuous.ts';
import { pendulum } from './pendulum.ts';

export { acrobot, cartPole, mountainCar, mountainCarContinuous, pendulum };

/** The five classic-control envs, in Gymnasium's registration order. */
export const classicControlEnvs: EnvDefinition[] = [
  cartPole,
  mountainCar,
  mountainCarContinuous,
  pendulum,
  acrobot,
];
