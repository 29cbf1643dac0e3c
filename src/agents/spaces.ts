/**
 * How agents see their spaces: observations as flat float rows, actions as rows of floats (a Box's
 * values, or a Discrete index counted from 0), and back to env actions. Families that need more
 * (finite bounds, a Dict of goals) check it in their `accepts`.
 * @module
 */
import { spaceFromDescription } from '../spaces/index.ts';
import type { SpaceDescription } from '../spaces/space.ts';
import { AgentArgumentError } from './errors.ts';

/** Width of a flat Box observation; throws AgentArgumentError for other spaces. */
export function observationWidth(space: SpaceDescription): number {
  if (space.type !== 'Box') {
    throw new AgentArgumentError(
      'observation_space',
      `agents need a Box observation space, not ${space.type}`,
    );
  }
  return space.shape.reduce((a, b) => a * b, 1);
}

/** Width of an action row: 1 for Discrete, the size of a Box; throws AgentArgumentError for others. */
export function actionWidth(space: SpaceDescription): number {
  if (space.type === 'Discrete') return 1;
  if (space.type === 'Box') return space.shape.reduce((a, b) => a * b, 1);
  throw new AgentArgumentError(
    'action_space',
    `agents need a Box or Discrete action space, not ${space.type}`,
  );
}

/** The env action for an action row (a Discrete index is shifted by the space's start). */
export function envAction(space: SpaceDescription, row: Float32Array): number | number[] {
  if (space.type === 'Discrete') return space.start + row[0]!;
  return Array.from(row);
}

/** The action row for an env action. */
export function actionRow(space: SpaceDescription, action: number | ArrayLike<number>): Float32Array {
  if (space.type === 'Discrete') return Float32Array.of((action as number) - space.start);
  return Float32Array.from(action as ArrayLike<number>);
}

/** A space description as the spaces module reads it (bounds checked); AgentArgumentError naming `field`. */
export function parseSpace(value: unknown, field: string): SpaceDescription {
  try {
    return spaceFromDescription(value, field).describe();
  } catch (err) {
    // The spaces module names the field itself; the problem names it once.
    const message = (err as Error).message;
    throw new AgentArgumentError(
      field,
      message.startsWith(field) ? message.slice(field.length).replace(/^[.:]\s*/, '') : message,
    );
  }
}
