/**
 * The stored agent: what it was made for (a served env, or a registered external env), its full
 * config, its spaces, and the model layout they imply. Plain JSON, stored as the store document
 * `agents/<id>` and never rewritten (trained weights are versions; data is segments).
 * @module
 */
import type { DynamicsLayout } from '../models/layout.ts';
import type { PlanActions } from '../planners/planner.ts';
import type { EnvRef } from '../planners/spec.ts';
import type { SpaceDescription } from '../spaces/space.ts';
import { AgentArgumentError } from './errors.ts';
import type { MpcConfig } from './mpc/config.ts';

/** A stored agent. */
export interface AgentRecord {
  id: string;
  type: 'mpc';
  name?: string;
  /** The served env it was made for. */
  env?: EnvRef;
  external_env_id?: string;
  preset: string;
  config: MpcConfig;
  observation_space: SpaceDescription;
  action_space: SpaceDescription;
  layout: DynamicsLayout;
  /** Where known reward and termination come from (absent: the model learns them). */
  known?: EnvRef;
  created_at: string;
}

/** Width of a flat Box observation; throws for other spaces. */
export function observationWidth(space: SpaceDescription): number {
  if (space.type !== 'Box') {
    throw new AgentArgumentError(
      'observation_space',
      `MPC agents need a Box observation space, not ${space.type}`,
    );
  }
  return space.shape.reduce((a, b) => a * b, 1);
}

/** The planners' view of an action space; throws for spaces planners cannot handle. */
export function planActions(space: SpaceDescription): PlanActions {
  if (space.type === 'Discrete') return { kind: 'discrete', n: space.n };
  if (space.type === 'Box') {
    const finite = space.low.every(Number.isFinite) && space.high.every(Number.isFinite);
    if (!finite)
      throw new AgentArgumentError('action_space', 'MPC agents need a Box action space with finite bounds');
    return { kind: 'box', low: Float32Array.from(space.low), high: Float32Array.from(space.high) };
  }
  throw new AgentArgumentError(
    'action_space',
    `MPC agents need a Box or Discrete action space, not ${space.type}`,
  );
}

/** The model layout of an agent's spaces. */
export function layoutFor(
  observation: SpaceDescription,
  action: SpaceDescription,
  learned: { reward: boolean; termination: boolean },
): DynamicsLayout {
  const actions = planActions(action);
  return {
    obsDim: observationWidth(observation),
    action:
      actions.kind === 'box' ? { kind: 'box', dim: actions.low.length } : { kind: 'discrete', n: actions.n },
    learnedReward: learned.reward,
    learnedTermination: learned.termination,
  };
}

/** The env action for a planner's action row (a Discrete index is shifted by the space's start). */
export function envAction(space: SpaceDescription, row: Float32Array): number | number[] {
  if (space.type === 'Discrete') return space.start + row[0]!;
  return Array.from(row);
}

/** The planner's action row for an env action. */
export function actionRow(space: SpaceDescription, action: number | ArrayLike<number>): Float32Array {
  if (space.type === 'Discrete') return Float32Array.of((action as number) - space.start);
  return Float32Array.from(action as ArrayLike<number>);
}
