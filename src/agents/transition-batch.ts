/**
 * A posted batch of transitions, checked against the agent: row counts, widths, finite numbers,
 * Discrete actions inside the space (stored as indices from 0), `terminated` and `truncated` as
 * 0/1, and the optional columns the agent's schema declares (goals, a task index).
 * @module
 */
import { extraColumns, TASK_COLUMN, type TransitionSchema, type Transitions } from '../experience/columns.ts';
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
  /** Absent: no row was truncated. */
  truncated?: NumArray;
  /** Only for agents whose schema declares goals: `[n, goal]` each. */
  achieved_goal?: NumArray;
  desired_goal?: NumArray;
  /** Only for agents whose schema declares a task column: `[n]` task indices. */
  task?: NumArray;
}

/** Optional columns a batch can carry. */
const POSTABLE = ['achieved_goal', 'desired_goal', TASK_COLUMN] as const;

/**
 * The batch as the agent's transitions; throws AgentArgumentError naming the bad field. `schema`
 * declares the agent's optional columns (default: none); each is then required, and a column
 * the schema does not declare is refused.
 */
export function parseTransitionBatch(
  record: AgentRecord,
  batch: TransitionBatch,
  maxRows: number,
  schema?: TransitionSchema,
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
  const flags = (field: 'terminated' | 'truncated') => {
    const out = new Uint8Array(n);
    const given = batch[field];
    if (given) {
      const values = rows(field, given, 1);
      for (let i = 0; i < n; i++) out[i] = values[i] ? 1 : 0;
    }
    return out;
  };
  const t: Transitions = {
    n,
    obs: rows('observation', batch.observation, d),
    action: actionValues,
    nextObs: rows('next_observation', batch.next_observation, d),
    reward: rows('reward', batch.reward, 1),
    terminated: flags('terminated'),
    truncated: flags('truncated'),
  };
  const declared = extraColumns(schema ?? { columns: [] });
  for (const name of POSTABLE) {
    if (batch[name] && !declared.some((c) => c.name === name)) {
      throw new AgentArgumentError(name, `this agent takes no ${name}`);
    }
  }
  for (const column of declared) {
    const given = (POSTABLE as readonly string[]).includes(column.name)
      ? batch[column.name as (typeof POSTABLE)[number]]
      : undefined;
    if (!given) throw new AgentArgumentError(column.name, `this agent needs ${column.name} with every batch`);
    const values = rows(
      column.name,
      given,
      column.shape.reduce((x, y) => x * y, 1),
    );
    t.extra ??= {};
    t.extra[column.name] = column.name === TASK_COLUMN ? taskIndices(values) : values;
  }
  return t;
}

/** Task indices: integers in [0, 2^31). */
function taskIndices(values: Float32Array): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) {
      throw new AgentArgumentError(TASK_COLUMN, `task[${i}] = ${v} is not a task index (an integer >= 0)`);
    }
    out[i] = v;
  }
  return out;
}
