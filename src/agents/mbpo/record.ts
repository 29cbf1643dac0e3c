/**
 * The MBPO agent's record: the generic one with its config and the dynamics layout its spaces and
 * config imply, and the SAC agent it contains (the same record seen with its `sac` config), which
 * the SAC code acts and trains with.
 * @module
 */
import type { DynamicsLayout } from '../../models/layout.ts';
import type { AgentRecord } from '../record.ts';
import type { SacRecord } from '../sac/record.ts';
import { actionWidth, observationWidth } from '../spaces.ts';
import type { MbpoConfig } from './config.ts';

/** A stored MBPO agent. */
export interface MbpoRecord extends AgentRecord<MbpoConfig> {
  type: 'mbpo';
  layout: DynamicsLayout;
}

/** The dynamics layout of an agent (Box actions; reward and termination learned as configured). */
export function mbpoLayout(record: AgentRecord<MbpoConfig>): DynamicsLayout {
  return {
    obsDim: observationWidth(record.observation_space),
    action: { kind: 'box', dim: actionWidth(record.action_space) },
    learnedReward: record.config.model.learned_reward,
    learnedTermination: record.config.model.learned_termination,
  };
}

/** The agent as the SAC code sees it: the same id and spaces, the `sac` part of its config. */
export function sacView(record: MbpoRecord): SacRecord {
  const { layout: _layout, known: _known, config, ...rest } = record;
  return { ...rest, type: 'sac', config: config.sac };
}
