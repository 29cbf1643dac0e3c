/**
 * Pieces shared by the MuJoCo task-distribution envs (`tasks/HalfCheetahVel-v0`, ...): finite
 * task families, task validation, action masks, and the HalfCheetah / Ant observation indices the
 * batched rewards read.
 * @module
 */
import type { Generator } from '../../../rng/generator.ts';
import { EnvArgumentError } from '../../env.ts';
import type { Task, TaskFamily, TaskSplit, TaskSplitDescription } from '../../task.ts';
import { describeValue, TASK_FIELD, taskNumber, taskObject } from '../../tasks/validate.ts';
import { controlCost } from '../common.ts';

/** Episode length of every MuJoCo task env: 200 steps, as MAML and PEARL ran these benchmarks. */
export const TASK_HORIZON = 200;

/** The sentence every doc block uses for the default task (what `params` alone gives). */
export const NO_TASK_NOTE =
  'A call whose parameters carry no task (outside the task-aware adapter, e.g. a planner given the ' +
  'bare kwargs) uses the default task named in `arguments`.';

/**
 * A family over a fixed finite set of tasks per split. `sample` draws `rng.integers(0, n)` and
 * returns that task of the split's list (uniform, with replacement); `list` returns the lists.
 */
export function finiteFamily<P, T extends Task>(options: {
  schema: Record<string, unknown>;
  train: readonly T[];
  test: readonly T[];
  descriptions: Readonly<Record<TaskSplit, string>>;
  parse(value: unknown, params: P): T;
  apply(params: P, task: T): P;
}): TaskFamily<P, T> {
  const lists: Record<TaskSplit, readonly T[]> = { train: options.train, test: options.test };
  const split = (s: TaskSplit): TaskSplitDescription => ({
    description: options.descriptions[s],
    size: lists[s].length,
  });
  return {
    schema: options.schema,
    splits: { train: split('train'), test: split('test') },
    sample(rng: Generator, s: TaskSplit) {
      const pool = lists[s];
      return structuredClone(pool[rng.integers(0, pool.length)]!);
    },
    list(s: TaskSplit) {
      return lists[s].map((t) => structuredClone(t));
    },
    parse: options.parse,
    apply: options.apply,
  };
}

/** A client task `{<key>: integer}` whose value must be one of `allowed`. */
export function parseChoice(value: unknown, key: string, allowed: readonly number[], what: string): number {
  const record = taskObject(value, [key]);
  const field = `${TASK_FIELD}.${key}`;
  const raw = record[key];
  const v = typeof raw === 'bigint' ? Number(raw) : raw;
  if (typeof v !== 'number' || !allowed.includes(v)) {
    throw new EnvArgumentError(
      field,
      `${field} must be ${what}: one of ${allowed.join(', ')}, got ${describeValue(raw)}`,
    );
  }
  return v;
}

/** A client task `{<key>: number}` with the number in [min, max]. */
export function parseScalar(value: unknown, key: string, min: number, max: number): number {
  const record = taskObject(value, [key]);
  return taskNumber(record[key], `${TASK_FIELD}.${key}`, { min, max, minInclusive: true });
}

/** JSON schema of a one-field task. */
export function scalarSchema(key: string, description: string, extra: Record<string, unknown>) {
  return {
    type: 'object',
    additionalProperties: false,
    required: [key],
    properties: { [key]: { description, ...extra } },
  };
}

/** `{direction: ±1}`, the task of the forward/backward families. */
export interface DirectionTask extends Record<string, unknown> {
  direction: 1 | -1;
}

export const DIRECTION_SCHEMA = scalarSchema(
  'direction',
  '+1: run in +x (forward); -1: run in -x (backward)',
  {
    type: 'integer',
    enum: [1, -1],
  },
);

export function parseDirection(value: unknown): DirectionTask {
  return { direction: parseChoice(value, 'direction', [1, -1], '+1 (forward) or -1 (backward)') as 1 | -1 };
}

/** A copy of `action` with the actuators in `indices` set to 0 (a disabled joint outputs no torque). */
export function maskAction(action: Float32Array, indices: readonly number[]): Float32Array {
  const out = Float32Array.from(action);
  for (const i of indices) out[i] = 0;
  return out;
}

/**
 * `weight * np.sum(np.square(a))` over row `row` of a batched `[n, nu]` action array with the
 * actuators in `indices` zeroed (numpy's float32 pairwise sum, as the per-step cost).
 */
export function maskedRowCost(
  weight: number,
  action: Float32Array,
  row: number,
  nu: number,
  indices: readonly number[],
  scratch: Float32Array,
): number {
  scratch.set(action.subarray(row * nu, (row + 1) * nu));
  for (const i of indices) scratch[i] = 0;
  return controlCost(weight, scratch);
}

/** HalfCheetah's default observation (17, rootx left out): where qvel[0], the x velocity, sits. */
export const CHEETAH_OBS = { width: 17, vx: 8 } as const;

/**
 * The batched HalfCheetah forward velocity of row `i`: the mean of the observed x velocities
 * before and after the step (the true reward uses the displacement over dt; an approximation).
 */
export function cheetahRowVelocity(obs: Float32Array, nextObs: Float32Array, i: number): number {
  const at = i * CHEETAH_OBS.width + CHEETAH_OBS.vx;
  return 0.5 * (obs[at]! + nextObs[at]!);
}
