/**
 * The 2D point robot shared by tasks/PointNav-v0 (MAML) and tasks/SparsePoint-v0 (PEARL): a
 * point moved by bounded displacements towards a hidden goal.
 * @module
 */
import { Box } from '../../spaces/box.ts';
import { parsePhysicalState } from '../classic-control/validate.ts';
import type { PhysicalState } from '../env.ts';
import { TASK_FIELD, taskArray, taskNumber, taskObject } from './validate.ts';

/** A goal task: the hidden goal position. */
export interface GoalTask extends Record<string, unknown> {
  goal: [number, number];
}

/** Largest displacement per step and axis, as float32 (the action space's bound). */
export const POINT_MAX_STEP = Math.fround(0.1);

/** The action space of both envs: `Box(-0.1, 0.1, (2,), float32)`. */
export function pointActionSpace(): Box {
  return new Box(-0.1, 0.1, [2]);
}

/** The observation space of both envs: the position, `Box(-inf, inf, (2,), float32)`. */
export function pointObservationSpace(): Box {
  return new Box(-Infinity, Infinity, [2]);
}

function clipStep(a: number): number {
  return Math.min(Math.max(a, -POINT_MAX_STEP), POINT_MAX_STEP);
}

/** s' = s + clip(a, -0.1, 0.1) (float32 action, float64 state). */
export function pointMove(state: PhysicalState, action: Float32Array): PhysicalState {
  return [state[0]! + clipStep(action[0]!), state[1]! + clipStep(action[1]!)];
}

/** Euclidean distance of (x, y) to the goal, as `((x - gx)**2 + (y - gy)**2) ** 0.5`. */
export function goalDistance(x: number, y: number, goal: readonly [number, number]): number {
  const dx = x - goal[0];
  const dy = y - goal[1];
  return Math.sqrt(dx * dx + dy * dy);
}

/** The observation: the position as float32. */
export function pointObservation(state: PhysicalState): Float32Array {
  return Float32Array.of(state[0]!, state[1]!);
}

/** `options.state`: a position [x, y]. */
export function parsePointState(value: unknown): PhysicalState {
  return parsePhysicalState(value, 2, ['x', 'y']);
}

/** `options.task`: `{goal: [x, y]}` with finite coordinates. */
export function parseGoalTask(value: unknown): GoalTask {
  const record = taskObject(value, ['goal']);
  const goal = taskArray(record['goal'], `${TASK_FIELD}.goal`, 2, (v, field) => taskNumber(v, field));
  return { goal: [goal[0]!, goal[1]!] };
}

/** JSON schema of a goal task. */
export const GOAL_TASK_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['goal'],
  properties: {
    goal: {
      type: 'array',
      description: 'the goal position [x, y]',
      items: { type: 'number' },
      minItems: 2,
      maxItems: 2,
    },
  },
};
