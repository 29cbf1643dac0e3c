/**
 * The MBPO family (type `mbpo`): SAC trained on short branched rollouts of a probabilistic
 * dynamics ensemble that is refitted on the env data as it grows (Janner et al. 2019). It acts
 * as SAC does (the same actor, greedy or sampled); its versions also hold the ensemble.
 * @module
 */
import { transitionSchema } from '../../experience/columns.ts';
import { AgentArgumentError } from '../errors.ts';
import type { AgentFamily } from '../family.ts';
import { evaluateEpisodes } from '../jobs/evaluate-episodes.ts';
import { SacAgentPolicy } from '../sac/agent-policy.ts';
import { boxBounds } from '../sac/record.ts';
import { actionWidth, observationWidth } from '../spaces.ts';
import { checkMbpoArtifacts } from './artifacts.ts';
import { MBPO_PRESETS, type MbpoConfig, type MbpoConfigInput, resolveMbpoConfig } from './config.ts';
import { learn } from './jobs/learn.ts';
import { type MbpoRecord, mbpoLayout, sacView } from './record.ts';

/** Job fields that belong to other families. */
const OTHERS_ONLY: Record<string, string> = {
  refit_every:
    'MBPO agents refit their model every config.model_train_every env steps; refit_every is for MPC agents',
  training: 'MBPO agents fit their model with config.model_training; training is for MPC agents',
  updates: 'MBPO agents learn from their own episodes (learn); updates is for SAC agents',
};

/** See the module doc. */
export const mbpoFamily: AgentFamily<MbpoConfig> = {
  type: 'mbpo',
  description:
    'Model-based policy optimisation (Janner et al. 2019): SAC trained mostly on short rollouts of a ' +
    'probabilistic dynamics ensemble refitted as env data grows; for Box actions.',
  configSchema: 'MbpoConfig',
  presets: MBPO_PRESETS,
  operations: new Set(['act', 'learn', 'evaluate', 'export']),

  accepts(spaces) {
    observationWidth(spaces.observation);
    boxBounds(spaces.action, 'MBPO');
  },

  resolveConfig({ preset, config, spaces, limits, known }) {
    const obs = observationWidth(spaces.observation);
    const act = actionWidth(spaces.action);
    // observation, action, reward, next observation, terminated, truncated.
    return resolveMbpoConfig(
      preset,
      config as MbpoConfigInput | undefined,
      known,
      2 * obs + act + 3,
      limits.maxReplayValues,
    );
  },

  complete(record) {
    // The env's reward and termination stand in for whatever the model does not learn.
    return { ...record, type: 'mbpo', layout: mbpoLayout(record) } as MbpoRecord;
  },

  transitionSchema(record) {
    return transitionSchema({
      obsDim: observationWidth(record.observation_space),
      actionDim: actionWidth(record.action_space),
    });
  },

  load(record, loaded) {
    return SacAgentPolicy.build(sacView(record as MbpoRecord), loaded);
  },

  versionSummary(version) {
    const updates = version.artifacts.actor?.meta?.updates;
    const entCoef = version.artifacts.entropy?.meta?.ent_coef;
    const mse = version.artifacts.dynamics?.meta?.validation_mse;
    return {
      ...(typeof updates === 'number' ? { updates } : {}),
      ...(typeof entCoef === 'number' ? { ent_coef: entCoef } : {}),
      ...(Array.isArray(mse) && mse.length > 0 ? { validation_mse: mse } : {}),
    };
  },

  checkArtifacts(record, artifacts) {
    return checkMbpoArtifacts(record as MbpoRecord, artifacts);
  },

  checkJobParams(_operation, params) {
    for (const [field, why] of Object.entries(OTHERS_ONLY))
      if (params[field] !== undefined) throw new AgentArgumentError(field, why);
  },

  jobs: { learn, evaluate: evaluateEpisodes },
};
