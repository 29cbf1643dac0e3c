/**
 * A posted batch of transitions, checked against the agent: row counts, widths, finite numbers,
 * Discrete actions inside the space (stored as indices from 0), `terminated` as 0/1.
 * @module
 */
import type { Transitions } from '../models/layout.ts';
import { AgentArgumentError } from './errors.ts';
import type { AgentRecord } from './record.ts';
import { actionWidth, observationWidth } from './spaces.ts';

/** A flat numeric array with its shape (decoded from nested arrays or a tensor). */
export interface NumArray {
  values: Float32Array;
  shape: number[];
}

/** A batch as posted (the spec's `TransitionBatch`, decoded). */
export interface TransitionBatch {
  observation: NumArray;
  action: NumArray;
  reward: NumArray;
  next_observation: NumArray;
  terminated?: NumArray;
}

/** The batch as the agent's transitions; throws AgentArgumentError naming the bad field. */
export function parseTransitionBatch(
  record: AgentRecord,
  batch: TransitionBatch,
  maxRows: number,
): Transitions {
  const d = observationWidth(record.observation_space);
  const a = actionWidth(record.action_space);
  const n = batch.reward.values.length;
  if (n === 0) throw new AgentArgumentError('reward', 'a transition batch needs at least one row');
  if (n > maxRows) {
    throw new AgentArgumentError('reward', `at most ${maxRows} transitions per request, got ${n}`);
  }
  const rows = (field: string, arr: NumArray, width: number) => {
    if (arr.values.length !== n * width || arr.shape[0] !== n) {
      throw new AgentArgumentError(
        field,
        `${field} must be ${n} rows of ${width} value${width > 1 ? 's' : ''}, got shape [${arr.shape}]`,
      );
    }
    for (const v of arr.values)
      if (!Number.isFinite(v)) throw new AgentArgumentError(field, `${field} holds a non-finite number`);
    return arr.values;
  };
  const actionValues = rows('action', batch.action, a);
  const space = record.action_space;
  if (space.type === 'Discrete') {
    for (let i = 0; i < n; i++) {
      const index = actionValues[i]! - space.start;
      if (!Number.isInteger(index) || index < 0 || index >= space.n) {
        throw new AgentArgumentError(
          'action',
          `action[${i}] = ${actionValues[i]} is not in the Discrete space`,
        );
      }
      actionValues[i] = index;
    }
  }
  const terminated = new Uint8Array(n);
  if (batch.terminated) {
    const flags = rows('terminated', batch.terminated, 1);
    for (let i = 0; i < n; i++) terminated[i] = flags[i] ? 1 : 0;
  }
  return {
    n,
    obs: rows('observation', batch.observation, d),
    action: actionValues,
    nextObs: rows('next_observation', batch.next_observation, d),
    reward: rows('reward', batch.reward, 1),
    terminated,
  };
}
