/**
 * Task families over a few scalar physical parameters (masses, lengths, gravity, ...), each with
 * a train range and a test set outside it on both sides, so that the test split measures
 * extrapolation. Shared by the varying-dynamics envs (tasks/Pendulum, tasks/CartPole, ...).
 * @module
 */
import type { Generator } from '../../rng/generator.ts';
import type { TaskFamily, TaskSplitDescription } from '../task.ts';
import { type NumberBounds, TASK_FIELD, taskNumber, taskObject } from './validate.ts';

/** One varied parameter. */
export interface RangedParameter<P> {
  /** The task's field (JSON, snake_case as Gymnasium names the attribute). */
  readonly key: string;
  /** The env parameter the task sets. */
  readonly prop: keyof P & string;
  /** What it is, with its unit (served in the schema). */
  readonly description: string;
  /** The classic env's value: a task that leaves the field out gets it. */
  readonly default: number;
  /** Train split: uniform on [train[0], train[1]]. */
  readonly train: readonly [number, number];
  /**
   * Hull of the test set, test[0] < train[0] and train[1] < test[1]. The test set is
   * [test[0], train[0]) ∪ (train[1], test[1]], each side drawn with probability 1/2.
   */
  readonly test: readonly [number, number];
  /** The values a client-given task may use (physically sensible, finite results). */
  readonly valid: NumberBounds;
}

/** A task of a ranged family: one number per parameter key. */
export type RangedTask = Record<string, number>;

const fmt = (x: number) => String(x);

/**
 * Builds the family. Sampling draws one `random()`/`uniform()` per parameter, in the order of
 * `parameters`:
 * - train: x = uniform(train[0], train[1]);
 * - test: u = random(); if u < 0.5, x = test[0] + 2u·(train[0] − test[0]) (below the train range),
 *   otherwise x = test[1] − (2u − 1)·(test[1] − train[1]) (above it).
 */
export function rangedTaskFamily<P extends object>(
  parameters: readonly RangedParameter<P>[],
): TaskFamily<P, RangedTask> {
  for (const p of parameters) {
    const [lo, hi] = p.test;
    const [a, b] = p.train;
    if (!(lo < a && a <= p.default && p.default <= b && b < hi)) {
      throw new RangeError(
        `bad ranges for ${p.key}: need test[0] < train[0] <= default <= train[1] < test[1]`,
      );
    }
  }
  const keys = parameters.map((p) => p.key);
  const properties: Record<string, unknown> = {};
  for (const p of parameters) {
    properties[p.key] = {
      type: 'number',
      description: p.description,
      default: p.default,
      [p.valid.minInclusive ? 'minimum' : 'exclusiveMinimum']: p.valid.min,
      maximum: p.valid.max,
    };
  }
  const train: TaskSplitDescription = {
    description:
      'each parameter independently uniform on its train range: ' +
      parameters.map((p) => `${p.key} ~ U[${fmt(p.train[0])}, ${fmt(p.train[1])}]`).join(', '),
    ranges: Object.fromEntries(parameters.map((p) => [p.key, [p.train[0], p.train[1]]])),
  };
  const test: TaskSplitDescription = {
    description:
      'each parameter independently outside its train range, below or above it with probability 1/2 ' +
      'each, uniform within that side: ' +
      parameters
        .map(
          (p) =>
            `${p.key} in [${fmt(p.test[0])}, ${fmt(p.train[0])}) ∪ (${fmt(p.train[1])}, ${fmt(p.test[1])}]`,
        )
        .join(', ') +
      '; `ranges` give the hull [low, high] of each test set, the train range inside it excluded',
    ranges: Object.fromEntries(parameters.map((p) => [p.key, [p.test[0], p.test[1]]])),
  };

  return {
    schema: {
      type: 'object',
      description: 'Physical parameters; a field left out takes its default (the classic env’s value).',
      additionalProperties: false,
      properties,
    },
    splits: { train, test },

    sample(rng: Generator, split) {
      const task: RangedTask = {};
      for (const p of parameters) {
        if (split === 'train') {
          task[p.key] = rng.uniform(p.train[0], p.train[1]);
        } else {
          const u = rng.random();
          task[p.key] =
            u < 0.5
              ? p.test[0] + 2 * u * (p.train[0] - p.test[0])
              : p.test[1] - (2 * u - 1) * (p.test[1] - p.train[1]);
        }
      }
      return task;
    },

    parse(value) {
      const record = taskObject(value, keys);
      const task: RangedTask = {};
      for (const p of parameters) {
        const v = record[p.key];
        task[p.key] = v === undefined ? p.default : taskNumber(v, `${TASK_FIELD}.${p.key}`, p.valid);
      }
      return task;
    },

    apply(params, task) {
      const out = { ...params } as Record<string, unknown>;
      for (const p of parameters) {
        const v = task[p.key];
        if (v !== undefined) out[p.prop] = v;
      }
      return out as P;
    },
  };
}

/** The default task of a family (every parameter at its classic value). */
export function defaultTask<P>(parameters: readonly RangedParameter<P>[]): RangedTask {
  return Object.fromEntries(parameters.map((p) => [p.key, p.default]));
}
