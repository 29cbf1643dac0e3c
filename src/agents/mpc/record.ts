/**
 * The MPC agent's record: the generic one with its config and the dynamics model layout its
 * spaces and config imply (stored, so workers and imports need not derive it again).
 * @module
 */
import type { DynamicsLayout } from '../../models/layout.ts';
import type { PlanActions } from '../../planners/planner.ts';
import type { SpaceDescription } from '../../spaces/space.ts';
import { AgentArgumentError } from '../errors.ts';
import type { AgentRecord } from '../record.ts';
import { observationWidth } from '../spaces.ts';
import type { MpcConfig } from './config.ts';

/** A stored MPC agent. */
export interface MpcRecord extends AgentRecord<MpcConfig> {
  type: 'mpc';
  layout: DynamicsLayout;
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
