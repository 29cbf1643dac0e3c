/**
 * The SAC family (type `sac`): soft actor-critic with twin Q networks, Polyak-averaged targets, a
 * tanh-squashed Gaussian actor and automatic entropy tuning (Haarnoja et al. 2018), learning from
 * its own episodes on a served env (`learn`) or from the agent's stored transitions (`train`).
 * @module
 */
import { transitionSchema } from '../../experience/columns.ts';
import { AgentArgumentError } from '../errors.ts';
import type { AgentFamily } from '../family.ts';
import { evaluateEpisodes } from '../jobs/evaluate-episodes.ts';
import { actionWidth, observationWidth } from '../spaces.ts';
import type { ArtifactBytes } from '../versions.ts';
import { SacAgentPolicy } from './agent-policy.ts';
import { checkSacArtifacts } from './artifacts.ts';
import { resolveSacConfig, SAC_PRESETS, type SacConfig, type SacConfigInput } from './config.ts';
import { learn } from './jobs/learn.ts';
import { train } from './jobs/train.ts';
import { boxBounds, type SacRecord, sacShape } from './record.ts';

/** Job fields that belong to MPC agents. */
const MPC_ONLY: Record<string, string> = {
  refit_every: 'SAC agents update every env step; refit_every is for MPC agents (use checkpoint_every)',
  training: 'SAC agents take `updates`; training is the MPC model fit',
};

/** See the module doc. */
export const sacFamily: AgentFamily<SacConfig> = {
  type: 'sac',
  description:
    'Soft actor-critic (Haarnoja et al. 2018): twin Q networks with Polyak-averaged targets, a ' +
    'tanh-squashed Gaussian actor and automatic entropy tuning; model-free, for Box actions.',
  configSchema: 'SacConfig',
  presets: SAC_PRESETS,
  operations: new Set(['act', 'transitions', 'train', 'learn', 'evaluate', 'export']),

  accepts(spaces) {
    observationWidth(spaces.observation);
    boxBounds(spaces.action);
  },

  resolveConfig({ preset, config, spaces, limits }) {
    const obs = observationWidth(spaces.observation);
    const act = actionWidth(spaces.action);
    // observation, action, reward, next observation, terminated, truncated.
    return resolveSacConfig(
      preset,
      config as SacConfigInput | undefined,
      2 * obs + act + 3,
      limits.maxReplayValues,
    );
  },

  complete(record) {
    // The reward comes with every transition: nothing of the env is needed to act.
    const { known: _known, ...rest } = record;
    return { ...rest, type: 'sac' } as SacRecord;
  },

  transitionSchema(record) {
    return transitionSchema({
      obsDim: observationWidth(record.observation_space),
      actionDim: actionWidth(record.action_space),
    });
  },

  load(record, loaded) {
    return SacAgentPolicy.build(record as SacRecord, loaded);
  },

  versionSummary(version) {
    const updates = version.artifacts.actor?.meta?.updates;
    const entCoef = version.artifacts.entropy?.meta?.ent_coef;
    return {
      ...(typeof updates === 'number' ? { updates } : {}),
      ...(typeof entCoef === 'number' ? { ent_coef: entCoef } : {}),
    };
  },

  async checkArtifacts(record, artifacts: Readonly<Record<string, ArtifactBytes>>) {
    checkSacArtifacts(sacShape(record), artifacts);
  },

  checkJobParams(_operation, params) {
    for (const [field, why] of Object.entries(MPC_ONLY))
      if (params[field] !== undefined) throw new AgentArgumentError(field, why);
  },

  jobs: { train, learn, evaluate: evaluateEpisodes },
};
