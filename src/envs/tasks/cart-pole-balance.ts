import { cartPoleFailed } from '../classic-control/cart-pole.ts';
import { parsePhysicalState } from '../classic-control/validate.ts';
import type { EnvDefinition } from '../env.ts';

/**
 * What every cart-pole balance task shares with Gymnasium's CartPole: reward 1 per step,
 * termination on its angle and position thresholds, the state as the observation.
 */
export const cartPoleBalance = {
  reward: () => 1,
  terminal: (state: readonly number[]) => cartPoleFailed(state[0]!, state[2]!),
  observation: (state: readonly number[]) => Float32Array.from(state),
  stateFromObservation: (obs: Float32Array) => Array.from(obs),
  parseState: (value: unknown) =>
    parsePhysicalState(value, 4, ['cart position', 'cart velocity', 'pole angle', 'pole angular velocity']),
  batched: {
    reward: (_obs: Float32Array, _action: Float32Array, _nextObs: Float32Array, n: number) =>
      new Float32Array(n).fill(1),
    terminal: (nextObs: Float32Array, n: number) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = cartPoleFailed(nextObs[4 * i]!, nextObs[4 * i + 2]!) ? 1 : 0;
      return out;
    },
  },
} satisfies Partial<EnvDefinition<unknown, never>>;
