/**
 * Task distributions (`tasks/` namespace): varying dynamics, hidden goals, bandits and random
 * MDPs for meta-RL, plus the continuous cart-pole benchmarks and the 1-D point mass.
 * @module
 */
import type { EnvDefinition } from '../env.ts';
import { bandit } from './bandit.ts';
import { cartPoleTasks } from './cart-pole.ts';
import { cartPoleContinuous } from './cart-pole-continuous.ts';
import { cartPoleSwingUp } from './cart-pole-swing-up.ts';
import { mountainCarContinuousTasks } from './mountain-car-continuous.ts';
import { drawTaskSet, multiTaskEnv } from './multi-task.ts';
import { pendulumTasks } from './pendulum.ts';
import { pointMass1D } from './point-mass-1d.ts';
import { pointNav } from './point-nav.ts';
import { sparsePoint } from './sparse-point.ts';
import { tabularMdp } from './tabular-mdp.ts';

export {
  bandit,
  cartPoleContinuous,
  cartPoleSwingUp,
  cartPoleTasks,
  mountainCarContinuousTasks,
  pendulumTasks,
  pointMass1D,
  pointNav,
  sparsePoint,
  tabularMdp,
};

/** Every env of the `tasks/` namespace. */
export const taskEnvs: EnvDefinition[] = [
  pendulumTasks,
  cartPoleTasks,
  mountainCarContinuousTasks,
  pointNav,
  sparsePoint,
  bandit,
  tabularMdp,
  cartPoleContinuous,
  cartPoleSwingUp,
  pointMass1D,
  // Multi-task versions: one-hot task id appended to the observation.
  multiTaskEnv(
    sparsePoint,
    'tasks/SparsePointMultiTask-v0',
    drawTaskSet(sparsePoint, { train: 0, test: 0 }, 0),
  ),
  multiTaskEnv(
    pendulumTasks,
    'tasks/PendulumMultiTask-v0',
    drawTaskSet(pendulumTasks, { train: 10, test: 5 }, 0),
  ),
];
