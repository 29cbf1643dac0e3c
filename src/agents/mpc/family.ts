/**
 * The MPC family (type `mpc`): a probabilistic dynamics ensemble fitted on the agent's
 * transitions, planned with random shooting, CEM, iCEM, MPPI/PDDM or gradients, optionally with a
 * learned terminal value.
 * @module
 */
import { transitionSchema } from '../../experience/columns.ts';
import { inputDim, outputDim } from '../../models/layout.ts';
import { checkEnsembleArtifact } from '../ensemble-artifact.ts';
import { AgentArgumentError } from '../errors.ts';
import type { AgentFamily } from '../family.ts';
import { evaluateEpisodes } from '../jobs/evaluate-episodes.ts';
import { actionWidth, observationWidth } from '../spaces.ts';
import { MpcAgentPolicy } from './agent-policy.ts';
import { MPC_PRESETS, type MpcConfig, type MpcConfigInput, resolveMpcConfig } from './config.ts';
import { learn } from './jobs/learn.ts';
import { train } from './jobs/train.ts';
import { planFlops } from './plan-cost.ts';
import { MpcPolicy } from './policy.ts';
import { layoutFor, type MpcRecord, planActions } from './record.ts';

/** See the module doc. */
export const mpcFamily: AgentFamily<MpcConfig> = {
  type: 'mpc',
  description:
    'Model-predictive control over a learned probabilistic dynamics ensemble (PETS family): fit the ' +
    "ensemble on the agent's transitions, plan with random shooting, CEM, iCEM, MPPI/PDDM or gradients.",
  configSchema: 'MpcConfig',
  presets: MPC_PRESETS,
  operations: new Set(['act', 'plan', 'transitions', 'train', 'learn', 'evaluate', 'export']),

  accepts(spaces) {
    observationWidth(spaces.observation);
    planActions(spaces.action);
  },

  resolveConfig({ preset, config, spaces, limits, known }) {
    const resolved = resolveMpcConfig(
      preset,
      config as MpcConfigInput | undefined,
      planActions(spaces.action),
      limits,
    );
    if (!known) {
      // Nothing declares the reward or termination: the model learns both.
      resolved.model.learned_reward = true;
      resolved.model.learned_termination = true;
    }
    const layout = layoutFor(spaces.observation, spaces.action, {
      reward: resolved.model.learned_reward,
      termination: resolved.model.learned_termination,
    });
    const flops = planFlops(resolved, layout);
    if (flops > limits.maxPlanFlops) {
      throw new AgentArgumentError(
        'config',
        `a plan would cost about ${(flops / 1e9).toFixed(1)} GFLOP (model size x particles x horizon x ` +
          `population x iterations, or gradient steps); the limit is ${(limits.maxPlanFlops / 1e9).toFixed(0)} GFLOP`,
      );
    }
    return resolved;
  },

  complete(record) {
    const { known, ...rest } = record;
    const { model } = record.config;
    const out: MpcRecord = {
      ...rest,
      type: 'mpc',
      layout: layoutFor(record.observation_space, record.action_space, {
        reward: model.learned_reward,
        termination: model.learned_termination,
      }),
      // A learned reward plans with the model's; the env's reward is then not used.
      ...(known && !model.learned_reward ? { known } : {}),
    };
    return out;
  },

  transitionSchema(record) {
    return transitionSchema({
      obsDim: observationWidth(record.observation_space),
      actionDim: actionWidth(record.action_space),
    });
  },

  async load(record, loaded) {
    return new MpcAgentPolicy(await MpcPolicy.build(record as MpcRecord, loaded));
  },

  versionSummary(version) {
    const mse = version.artifacts.dynamics?.meta?.validation_mse;
    return mse === undefined ? {} : { validation_mse: mse };
  },

  async checkArtifacts(r, artifacts) {
    const record = r as MpcRecord;
    for (const name of Object.keys(artifacts)) {
      if (name !== 'dynamics' && name !== 'value')
        throw new AgentArgumentError(
          `version.artifacts.${name}`,
          'MPC versions hold only dynamics and value',
        );
    }
    const { dynamics, value } = artifacts;
    if (value && !dynamics) throw new AgentArgumentError('value', 'a value needs its model');
    if (value) {
      const range = value.meta?.target_range;
      if (
        !(Array.isArray(range) && range.length === 2 && range.every(Number.isFinite) && range[0] <= range[1])
      )
        throw new AgentArgumentError(
          'value.meta.target_range',
          'must be the [lowest, highest] fitted target',
        );
    }
    const { layout } = record;
    if (dynamics) await checkEnsembleArtifact(dynamics, 'model', inputDim(layout), outputDim(layout));
    if (value) await checkEnsembleArtifact(value, 'value', layout.obsDim, 1, true);
  },

  checkJobParams(_operation, params) {
    if (params.updates !== undefined)
      throw new AgentArgumentError(
        'updates',
        'MPC agents train by epochs (`training`); updates is for SAC agents',
      );
    if (params.checkpoint_every !== undefined)
      throw new AgentArgumentError(
        'checkpoint_every',
        'MPC agents checkpoint at every refit (`refit_every`)',
      );
  },

  jobs: { train, learn, evaluate: evaluateEpisodes },
};
