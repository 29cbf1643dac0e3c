/**
 * The MBPO agent's configuration (the spec's `MbpoConfig`, every field filled in): SAC's config
 * for the policy, the dynamics ensemble and its fit, and the model rollouts; its presets with the
 * numbers they come from, and resolution (preset, then the request's fields section by section,
 * checked in full before anything is stored).
 * @module
 */
import type { components } from '../../generated/openapi.ts';
import { AgentArgumentError } from '../errors.ts';
import type { AgentPreset } from '../family.ts';
import { presetNamed } from '../presets.ts';
import { checkReplayValues, SAC_PRESETS, type SacConfig } from '../sac/config.ts';

/** `[first_epoch, last_epoch, min_length, max_length]` (see {@link rolloutLength}). */
export type RolloutSchedule = [number, number, number, number];

/** A complete MBPO configuration (what is stored with an agent). */
export interface MbpoConfig {
  sac: SacConfig;
  model: Required<components['schemas']['ModelConfig']>;
  model_training: Required<components['schemas']['TrainingConfig']>;
  model_train_every: number;
  rollouts_per_step: number;
  rollout_schedule: RolloutSchedule;
  retain_epochs: number;
  real_ratio: number;
}

/** A request's partial config. */
export type MbpoConfigInput = components['schemas']['MbpoConfig'];

const SAC_DEFAULT = SAC_PRESETS[0]!.config;

/**
 * Janner et al. 2019 ("When to Trust Your Model: Model-Based Policy Optimization", Appendix C)
 * as mbrl-lib configures it (conf/dynamics_model/gaussian_mlp_ensemble.yaml, conf/overrides/
 * mbpo_*.yaml): 7 Gaussian members of 4 x 200 SiLU layers, 5 elites, refit every 250 env steps
 * with early stopping (patience 5, 20% holdout, batch 256, lr 1e-3), 400 model rollouts per env
 * step of length 1, the last epoch's rollouts kept, 5% real data per minibatch, 20 SAC updates
 * per env step. Not from them: `learning_starts` 250 (one refit period of random actions, so the
 * first model has data; mbrl-lib explores 5,000 steps before it counts any) and no weight decay
 * (mbrl-lib: 5e-5; our ensemble fit has none).
 */
const JANNER: MbpoConfig = {
  sac: { ...SAC_DEFAULT, learning_starts: 250, gradient_steps: 20 },
  model: {
    ensemble_size: 7,
    hidden_sizes: [200, 200, 200, 200],
    deterministic: false,
    elites: 5,
    learned_reward: false,
    learned_termination: false,
  },
  model_training: { epochs: 100, batch_size: 256, learning_rate: 1e-3, holdout_ratio: 0.2, patience: 5 },
  model_train_every: 250,
  rollouts_per_step: 400,
  rollout_schedule: [1, 15, 1, 1],
  retain_epochs: 1,
  real_ratio: 0.05,
};

/** The presets, `default` first. */
export const MBPO_PRESETS: readonly AgentPreset<MbpoConfig>[] = [
  {
    name: 'default',
    description:
      'MBPO: a 7 x 4 x 200 Gaussian ensemble (5 elites) refitted every 250 env steps, 400 one-step ' +
      'model rollouts per env step, 20 SAC updates per env step on 95% model data.',
    source:
      'Janner et al. 2019, arXiv:1906.08253, Appendix C; mbrl-lib conf/dynamics_model/' +
      'gaussian_mlp_ensemble.yaml and conf/overrides/mbpo_*.yaml (patience 5, holdout 0.2, batch 256, ' +
      'rollout_schedule [1, 15, 1, 1], num_epochs_to_retain_sac_buffer 1, real_data_ratio 0.05); ' +
      'learning_starts 250 (one refit period) is ours.',
    config: JANNER,
  },
  {
    name: 'inverted-pendulum',
    description:
      "InvertedPendulum: mbrl-lib's settings, 10 SAC updates per env step with a fixed entropy coefficient of 0.3.",
    source:
      'mbrl-lib conf/overrides/mbpo_inv_pendulum.yaml (num_sac_updates_per_step 10, sac_alpha 0.3 without ' +
      'automatic tuning, sac_target_update_interval 1, sac_lr 3e-4, sac_hidden_size 256).',
    config: { ...JANNER, sac: { ...JANNER.sac, gradient_steps: 10, ent_coef: 0.3 } },
  },
  {
    name: 'pendulum',
    description:
      "Pendulum-v1: SAC's learning rate 1e-3, 10 SAC updates per env step, model fits of at most 25 epochs " +
      '(warm-started at each refit): about half the compute of the default per env step.',
    source:
      'The default (Janner et al. 2019; mbrl-lib) with the SAC learning rate of rl-baselines3-zoo ' +
      "hyperparams/sac.yml for Pendulum-v1 (1e-3), mbrl-lib's mbpo_inv_pendulum.yaml number of SAC updates " +
      "per env step (10) and our MPC presets' 25 fit epochs (PETS); neither MBPO paper nor mbrl-lib has a " +
      'Pendulum config.',
    config: {
      ...JANNER,
      sac: { ...JANNER.sac, learning_rate: 1e-3, gradient_steps: 10 },
      model_training: { ...JANNER.model_training, epochs: 25 },
    },
  },
];

/**
 * The rollout length at `epoch` (from 1): MBPO's truncated linear schedule, `min_length` up to
 * `first_epoch`, then linear to `max_length` at `last_epoch`, floored to an integer.
 */
export function rolloutLength(schedule: RolloutSchedule, epoch: number): number {
  const [firstEpoch, lastEpoch, minLength, maxLength] = schedule;
  if (epoch <= firstEpoch) return minLength;
  const dx = Math.min((epoch - firstEpoch) / (lastEpoch - firstEpoch), 1);
  return Math.floor(dx * (maxLength - minLength) + minLength);
}

/** The model rollouts one refit adds (`rollouts_per_step x model_train_every` starts). */
export function rolloutBatch(config: MbpoConfig): number {
  return config.rollouts_per_step * config.model_train_every;
}

/** The model buffer's capacity: `retain_epochs` batches of the longest rollouts. */
export function modelBufferCapacity(config: MbpoConfig, length: number): number {
  return config.retain_epochs * rolloutBatch(config) * length;
}

/**
 * The preset named (default `default`) with the request's fields over it, section by section;
 * `known` false (nothing declares the env's reward and termination) makes the model learn both.
 * AgentArgumentError naming the first bad field.
 */
export function resolveMbpoConfig(
  preset: string | undefined,
  input: MbpoConfigInput | undefined,
  known: boolean,
  valuesPerTransition: number,
  maxReplayValues: number,
): MbpoConfig {
  const base = presetNamed(MBPO_PRESETS, preset).config;
  const config: MbpoConfig = {
    ...base,
    ...input,
    sac: { ...base.sac, ...input?.sac },
    model: { ...base.model, ...input?.model },
    model_training: { ...base.model_training, ...input?.model_training },
    rollout_schedule: [
      ...((input?.rollout_schedule as RolloutSchedule | undefined) ?? base.rollout_schedule),
    ] as RolloutSchedule,
  };
  if (!known) {
    config.model.learned_reward = true;
    config.model.learned_termination = true;
  }
  const { model, rollout_schedule: s } = config;
  if (model.elites > model.ensemble_size)
    throw new AgentArgumentError(
      'config.model.elites',
      `elites (${model.elites}) exceeds ensemble_size (${model.ensemble_size})`,
    );
  if (s[0] > s[1])
    throw new AgentArgumentError(
      'config.rollout_schedule',
      `first_epoch (${s[0]}) exceeds last_epoch (${s[1]})`,
    );
  if (s[2] < 1 || s[3] < 1)
    throw new AgentArgumentError('config.rollout_schedule', 'rollout lengths must be at least 1');
  // Env data and the model buffer at its largest, together.
  checkReplayValues(
    'config',
    config.sac.buffer_size + modelBufferCapacity(config, Math.max(s[2], s[3])),
    valuesPerTransition,
    maxReplayValues,
  );
  return config;
}
