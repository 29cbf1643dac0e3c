import { describe, expect, it } from 'vitest';
import { transitionSchema } from '../experience/columns.ts';
import { AgentArgumentError } from './errors.ts';
import type { AgentRecord } from './record.ts';
import { type NumArray, parseTransitionBatch, type TransitionBatch } from './transition-batch.ts';

const record = {
  observation_space: { type: 'Box', dtype: 'float32', shape: [2], low: [-1, -1], high: [1, 1] },
  action_space: { type: 'Discrete', dtype: 'int64', n: 3, start: 1 },
} as unknown as AgentRecord;

const arr = (values: number[], shape: number[]): NumArray => ({ values: Float32Array.from(values), shape });

const batch = (): TransitionBatch => ({
  observation: arr([0, 0, 1, 1, 2, 2], [3, 2]),
  action: arr([1, 2, 3], [3]),
  reward: arr([1, 2, 3], [3]),
  next_observation: arr([1, 1, 2, 2, 3, 3], [3, 2]),
  terminated: arr([0, 0, 1], [3]),
});

function refusal(fn: () => unknown): AgentArgumentError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AgentArgumentError);
    return err as AgentArgumentError;
  }
  throw new Error('expected an AgentArgumentError');
}

describe('transition batches', () => {
  it('takes truncated as 0/1 flags beside terminated; absent, no row is truncated', () => {
    const t = parseTransitionBatch(record, { ...batch(), truncated: arr([0, 2, 0], [3]) }, 10);
    expect([...t.terminated]).toEqual([0, 0, 1]);
    expect([...t.truncated!]).toEqual([0, 1, 0]);
    expect([...t.action]).toEqual([0, 1, 2]);
    expect([...parseTransitionBatch(record, batch(), 10).truncated!]).toEqual([0, 0, 0]);
    expect(
      refusal(() => parseTransitionBatch(record, { ...batch(), truncated: arr([0, 1], [2]) }, 10)).field,
    ).toBe('truncated');
  });

  it('takes the goal and task columns the schema declares, and refuses undeclared ones', () => {
    const schema = transitionSchema({ obsDim: 2, actionDim: 1, goalDim: 1, task: true });
    // A fresh batch per call: parsing rewrites Discrete actions to indices in place.
    const full = () => ({
      ...batch(),
      achieved_goal: arr([0.5, 0.25, 0], [3, 1]),
      desired_goal: arr([1, 1, 1], [3, 1]),
      task: arr([0, 4, 4], [3]),
    });
    const t = parseTransitionBatch(record, full(), 10, schema);
    expect([...t.extra!.achieved_goal!]).toEqual([0.5, 0.25, 0]);
    expect(t.extra!.task).toEqual(Int32Array.of(0, 4, 4));
    expect(refusal(() => parseTransitionBatch(record, full(), 10)).field).toBe('achieved_goal');
    const { task: _, ...noTask } = full();
    expect(refusal(() => parseTransitionBatch(record, noTask, 10, schema)).message).toMatch(/needs task/);
    expect(
      refusal(() => parseTransitionBatch(record, { ...full(), task: arr([0, 1.5, 2], [3]) }, 10, schema))
        .message,
    ).toMatch(/task\[1\] = 1.5/);
  });
});
