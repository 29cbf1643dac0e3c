/**
 * How agents see their spaces: observations as flat float rows, actions as rows of floats (a Box's
 * values, or a Discrete index counted from 0), and back to env actions. Families that need more
 * (finite bounds, a Dict of goals) check it in their `accepts`.
 * @module
 */
import { spaceFromDescription } from '../spaces/index.ts';
import type { SpaceDescription } from '../spaces/space.ts';
import { AgentArgumentError } from './errors.ts';

/**
 * Most values in one row of an agent's observations or actions (spec
 * `x-limits.max_agent_space_width`; a test keeps them equal). Served envs need at most 107 (AntGoal),
 * a Humanoid 376; the MLP models of the agent families take flat state vectors, not pixels, and
 * every per-row cost (model input and output layers, transition rows, stored bounds) stays small.
 */
export const MAX_AGENT_SPACE_WIDTH = 4096;

/** Values in one flat row of a space: elements of a Box, MultiBinary or MultiDiscrete, 1 for a Discrete. */
function flatWidth(space: SpaceDescription): number {
  switch (space.type) {
    case 'Discrete':
      return 1;
    case 'Dict':
      return Object.values(space.spaces).reduce((n, s) => n + flatWidth(s), 0);
    case 'Tuple':
      return space.spaces.reduce((n, s) => n + flatWidth(s), 0);
    default:
      return space.shape.reduce((a, b) => a * b, 1);
  }
}

/** Throws AgentArgumentError naming `field` when a space is wider than {@link MAX_AGENT_SPACE_WIDTH}. */
function checkWidth(space: SpaceDescription, field: string): number {
  const width = flatWidth(space);
  if (width > MAX_AGENT_SPACE_WIDTH) {
    throw new AgentArgumentError(
      field,
      `${width} values per row; agents take at most ${MAX_AGENT_SPACE_WIDTH} (x-limits.max_agent_space_width)`,
    );
  }
  return width;
}

/** Width of a flat Box observation; throws AgentArgumentError for other spaces and over the width limit. */
export function observationWidth(space: SpaceDescription): number {
  if (space.type !== 'Box') {
    throw new AgentArgumentError(
      'observation_space',
      `agents need a Box observation space, not ${space.type}`,
    );
  }
  return checkWidth(space, 'observation_space');
}

/**
 * Width of an action row: 1 for Discrete, the size of a Box; throws AgentArgumentError for others
 * and over the width limit.
 */
export function actionWidth(space: SpaceDescription): number {
  if (space.type === 'Discrete') return 1;
  if (space.type === 'Box') return checkWidth(space, 'action_space');
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

/**
 * A space description as the spaces module reads it (bounds checked, at most
 * {@link MAX_AGENT_SPACE_WIDTH} values per row); AgentArgumentError naming `field`.
 */
export function parseSpace(value: unknown, field: string): SpaceDescription {
  let space: SpaceDescription;
  try {
    space = spaceFromDescription(value, field).describe();
  } catch (err) {
    // The spaces module names the field itself; the problem names it once.
    const message = (err as Error).message;
    throw new AgentArgumentError(
      field,
      message.startsWith(field) ? message.slice(field.length).replace(/^[.:]\s*/, '') : message,
    );
  }
  checkWidth(space, field);
  return space;
}
