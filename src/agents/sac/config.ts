/**
 * The SAC agent's configuration (the spec's `SacConfig`, every field filled in), its presets with
 * the numbers they come from, and resolution: preset, then the request's fields, checked in full
 * before anything is stored.
 * @module
 */
import type { components } from '../../generated/openapi.ts';
import { AgentArgumentError } from '../errors.ts';
import type { AgentPreset } from '../family.ts';
import { presetNamed } from '../presets.ts';

/** A complete SAC configuration (what is stored with an agent). */
export type SacConfig = Required<components['schemas']['SacConfig']>;

/** A request's partial config. */
export type SacConfigInput = components['schemas']['SacConfig'];

/**
 * Haarnoja et al. 2018 ("Soft Actor-Critic Algorithms and Applications", arXiv:1812.05905,
 * Table 1) with SB3's defaults where the paper has none (`learning_starts` 100, `init_ent_coef`
 * 1): the common starting point of SB3 and rl-baselines3-zoo.
 */
const HAARNOJA: SacConfig = {
  actor_hidden_sizes: [256, 256],
  critic_hidden_sizes: [256, 256],
  learning_rate: 3e-4,
  batch_size: 256,
  buffer_size: 1_000_000,
  gamma: 0.99,
  tau: 0.005,
  learning_starts: 100,
  gradient_steps: 1,
  target_update_interval: 1,
  ent_coef: 'auto',
  init_ent_coef: 1,
  target_entropy: 'auto',
  seed: 0,
};

/** The presets, `default` first. */
export const SAC_PRESETS: readonly AgentPreset<SacConfig>[] = [
  {
    name: 'default',
    description:
      'SAC with automatic entropy tuning, [256, 256] networks, batch 256, one update per env step.',
    source:
      'Haarnoja et al. 2018, arXiv:1812.05905, Table 1 (lr 3e-4, batch 256, gamma 0.99, tau 0.005, ' +
      'target entropy -|A|); SB3 SAC defaults for learning_starts (100) and init_ent_coef (1.0).',
    config: HAARNOJA,
  },
  {
    name: 'pendulum',
    description: 'Pendulum-v1: the default with learning rate 1e-3 (20,000 env steps are enough).',
    source: 'rl-baselines3-zoo hyperparams/sac.yml, Pendulum-v1 (n_timesteps 2e4, learning_rate 1e-3).',
    config: { ...HAARNOJA, learning_rate: 1e-3 },
  },
];

/** The preset named (default `default`) with the request's fields over it; AgentArgumentError. */
export function resolveSacConfig(
  preset: string | undefined,
  input: SacConfigInput | undefined,
  valuesPerTransition: number,
  maxReplayValues: number,
): SacConfig {
  const config: SacConfig = { ...presetNamed(SAC_PRESETS, preset).config, ...input };
  checkReplayValues('config.buffer_size', config.buffer_size, valuesPerTransition, maxReplayValues);
  return config;
}

/**
 * AgentArgumentError naming `field` when replay buffers of `capacity` transitions of
 * `valuesPerTransition` values would hold more than `maxReplayValues` values.
 */
export function checkReplayValues(
  field: string,
  capacity: number,
  valuesPerTransition: number,
  maxReplayValues: number,
): void {
  const values = capacity * valuesPerTransition;
  if (values > maxReplayValues) {
    throw new AgentArgumentError(
      field,
      `replay buffers of ${capacity} transitions of ${valuesPerTransition} values would hold ` +
        `${values} values; the limit is ${maxReplayValues} (at most ${Math.floor(maxReplayValues / valuesPerTransition)} transitions)`,
    );
  }
}

/** The entropy target: `auto` is minus the action width (the paper's heuristic). */
export function targetEntropy(config: SacConfig, actionDim: number): number {
  return config.target_entropy === 'auto' ? -actionDim : config.target_entropy;
}
