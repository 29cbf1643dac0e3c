/**
 * The SAC agent's view of its record: the network shape its spaces and config imply, and the
 * affine map between the actor's [-1, 1] actions and the env's Box bounds (SB3's
 * `scale_action` / `unscale_action`).
 * @module
 */
import type { SpaceDescription } from '../../spaces/space.ts';
import { AgentArgumentError } from '../errors.ts';
import type { AgentRecord } from '../record.ts';
import { actionWidth, observationWidth } from '../spaces.ts';
import type { SacConfig } from './config.ts';
import type { SacShape } from './networks.ts';

/** A stored SAC agent. */
export type SacRecord = AgentRecord<SacConfig> & { type: 'sac' };

/** A Box's bounds; AgentArgumentError for any other space or infinite bounds. */
export function boxBounds(
  space: SpaceDescription,
  family = 'SAC',
): { low: Float32Array; high: Float32Array } {
  if (space.type === 'Discrete')
    throw new AgentArgumentError(
      'action_space',
      `${family} agents need a Box action space (continuous actions); for Discrete actions use an mpc agent`,
    );
  if (space.type !== 'Box')
    throw new AgentArgumentError(
      'action_space',
      `${family} agents need a Box action space, not ${space.type}`,
    );
  if (!(space.low.every(Number.isFinite) && space.high.every(Number.isFinite)))
    throw new AgentArgumentError(
      'action_space',
      `${family} agents need a Box action space with finite bounds`,
    );
  return { low: Float32Array.from(space.low), high: Float32Array.from(space.high) };
}

/** The network sizes of an agent. */
export function sacShape(record: AgentRecord<SacConfig>): SacShape {
  return {
    obsDim: observationWidth(record.observation_space),
    actionDim: actionWidth(record.action_space),
    actorHidden: record.config.actor_hidden_sizes,
    criticHidden: record.config.critic_hidden_sizes,
  };
}

/** Maps actions between the env's bounds and [-1, 1]. */
export class ActionScale {
  readonly #low: Float32Array;
  readonly #high: Float32Array;

  constructor(space: SpaceDescription) {
    const { low, high } = boxBounds(space);
    this.#low = low;
    this.#high = high;
  }

  /** Env actions (rows of the action width) to [-1, 1]: `2 (a - low) / (high - low) - 1`. */
  toUnit(actions: Float32Array): Float32Array {
    const d = this.#low.length;
    const out = new Float32Array(actions.length);
    for (let i = 0; i < actions.length; i++) {
      const low = this.#low[i % d]!;
      out[i] = (2 * (actions[i]! - low)) / (this.#high[i % d]! - low) - 1;
    }
    return out;
  }

  /** [-1, 1] actions to the env's bounds: `low + (a + 1) (high - low) / 2`. */
  fromUnit(actions: Float32Array): Float32Array {
    const d = this.#low.length;
    const out = new Float32Array(actions.length);
    for (let i = 0; i < actions.length; i++) {
      const low = this.#low[i % d]!;
      out[i] = low + 0.5 * (actions[i]! + 1) * (this.#high[i % d]! - low);
    }
    return out;
  }
}
