/**
 * The MPC agent's configuration (wire form, snake_case as in the spec's `MpcConfig`), its named
 * presets with their sources, and resolution: preset, then the request's fields, merged section
 * by section and validated in full before anything is stored.
 * @module
 */
import type { components } from '../../generated/openapi.ts';
import {
  checkPlannerConfig,
  type PLANNER_TYPES,
  type PlannerConfig,
  plannerSupports,
} from '../../planners/index.ts';
import type { PlanActions } from '../../planners/planner.ts';
import { PROPAGATIONS, type Propagation } from '../../planners/rollout-model.ts';
import { AgentArgumentError } from '../errors.ts';
import { presetNamed } from '../presets.ts';

/** The dynamics ensemble. */
export interface ModelSection {
  ensemble_size: number;
  hidden_sizes: number[];
  deterministic: boolean;
  elites: number;
  learned_reward: boolean;
  learned_termination: boolean;
}

/** Fitting the ensemble. */
export interface TrainingSection {
  epochs: number;
  batch_size: number;
  learning_rate: number;
  holdout_ratio: number;
  patience?: number;
}

/** A learned terminal value: the spec's `ValueConfig`, every field filled in. */
export type ValueSection = Required<NonNullable<components['schemas']['ValueConfig']>>;

/** What `value: {}` turns on: gamma 0.98 looks about 50 steps ahead, lambda 0.95 as in GAE. */
export const VALUE_DEFAULTS: ValueSection = {
  discount: 0.98,
  lambda: 0.95,
  ensemble_size: 3,
  hidden_sizes: [64, 64],
  rounds: 3,
  epochs: 30,
  batch_size: 64,
  learning_rate: 1e-3,
};

/** A planner: `type`, `horizon`, and that planner's fields in snake_case. */
export type PlannerSection = { type: (typeof PLANNER_TYPES)[number]; horizon: number } & Record<
  string,
  unknown
>;

/** A complete MPC configuration (what is stored with an agent). */
export interface MpcConfig {
  model: ModelSection;
  training: TrainingSection;
  planner: PlannerSection;
  /** A learned terminal value; null (or absent, in records from before it existed): none. */
  value?: ValueSection | null;
  particles: number;
  propagation: Propagation;
  shards: number;
  seed: number;
}

/** A request's partial configuration. */
export type MpcConfigInput = {
  [K in Exclude<keyof MpcConfig, 'value'>]?: MpcConfig[K] extends object
    ? Partial<MpcConfig[K]>
    : MpcConfig[K];
} & { value?: Partial<ValueSection> | null };

/** A named starting point. */
export interface MpcPreset {
  name: string;
  description: string;
  source: string;
  config: MpcConfig;
}

const BASE: MpcConfig = {
  model: {
    ensemble_size: 5,
    hidden_sizes: [200, 200, 200],
    deterministic: false,
    elites: 5,
    learned_reward: false,
    learned_termination: false,
  },
  training: { epochs: 25, batch_size: 32, learning_rate: 1e-3, holdout_ratio: 0.1 },
  planner: { type: 'icem', horizon: 15, population: 100, elites: 10, iterations: 3 },
  value: null,
  particles: 5,
  propagation: 'tsinf',
  shards: 2,
  seed: 0,
};

/** The presets, `default` first. */
export const MPC_PRESETS: readonly MpcPreset[] = [
  {
    name: 'default',
    description:
      'PETS-style ensemble (5 x 3 x 200, Gaussian, TS-inf) planned with iCEM on a small budget ' +
      '(population 100, 5 particles, horizon 15, 3 iterations): about 0.1-0.2 s per action on 2 CPU cores.',
    source: 'Chua et al. 2018 (PETS) model; Pinneri et al. 2020 (iCEM) planner settings',
    config: BASE,
  },
  {
    name: 'pets',
    description:
      'PETS as published: CEM with population 500, 50 elites, 5 iterations, horizon 30, 20 particles (TS-inf).',
    source:
      'Chua et al., "Deep RL in a Handful of Trials using Probabilistic Dynamics Models", 2018; mbrl-lib pets configs',
    config: {
      ...BASE,
      planner: { type: 'cem', horizon: 30, population: 500, elites: 50, iterations: 5, alpha: 0.1 },
      particles: 20,
    },
  },
  {
    name: 'icem',
    description: 'iCEM defaults: colored noise beta 2, population decay 1.25, 30% elites kept, execute best.',
    source: 'Pinneri et al., "Sample-efficient Cross-Entropy Method for Real-time Planning", 2020',
    config: {
      ...BASE,
      planner: { type: 'icem', horizon: 30, population: 300, elites: 10, iterations: 4, noise_exponent: 2 },
      particles: 5,
    },
  },
  {
    name: 'pddm',
    description: 'PDDM: filtered MPPI (beta 0.7, kappa 10) with a short horizon.',
    source: 'Nagabandi et al., "Deep Dynamics Models for Learning Dexterous Manipulation", 2019',
    config: {
      ...BASE,
      planner: { type: 'pddm', horizon: 7, population: 700, kappa: 10, beta: 0.7, sigma: 0.9 },
      particles: 1,
      propagation: 'expectation',
    },
  },
  {
    name: 'fast',
    description:
      'Small and quick (ensemble of 3 x 2 x 64, iCEM horizon 25, population 100, 3 particles): for tests, demos and low-dimensional envs.',
    source: 'modelgym',
    config: {
      ...BASE,
      model: { ...BASE.model, ensemble_size: 3, hidden_sizes: [64, 64], elites: 3 },
      training: { ...BASE.training, epochs: 30, batch_size: 64, learning_rate: 3e-3 },
      planner: { type: 'icem', horizon: 25, population: 100, elites: 10, iterations: 3 },
      particles: 3,
      shards: 1,
    },
  },
];

/** snake_case planner fields -> the planners' camelCase names. */
function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The planners' config from the wire form. */
export function plannerConfigOf(section: PlannerSection): PlannerConfig & { horizon: number } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(section)) {
    out[camel(k)] =
      k === 'cem' && typeof v === 'object' && v !== null
        ? Object.fromEntries(Object.entries(v).map(([a, b]) => [camel(a), b]))
        : v;
  }
  return out as PlannerConfig & { horizon: number };
}

/** Model rows per candidate sequence: its particles, or every elite member's for `expectation`. */
export function planParticles(config: MpcConfig): number {
  return config.propagation === 'expectation' ? config.particles * config.model.elites : config.particles;
}

/** Model rows one plan call rolls out at most (population x particles x horizon x iterations). */
export function planRollouts(config: MpcConfig): number {
  const p = config.planner;
  const population = typeof p.population === 'number' ? p.population : 1000;
  const iterations = typeof p.iterations === 'number' ? p.iterations : 1;
  return population * planParticles(config) * p.horizon * iterations;
}

/**
 * The full config: `preset` (default `default`), overridden section by section by `input`; a
 * planner `type` change drops the preset's planner fields. Throws {@link AgentArgumentError}.
 */
export function resolveMpcConfig(
  preset: string | undefined,
  input: MpcConfigInput | undefined,
  actions: PlanActions,
  limits: { maxPlanRollouts: number },
): MpcConfig {
  const b = presetNamed(MPC_PRESETS, preset).config;
  const i = input ?? {};
  const plannerBase =
    i.planner?.type !== undefined && i.planner.type !== b.planner.type
      ? { horizon: b.planner.horizon }
      : b.planner;
  const config: MpcConfig = {
    model: { ...b.model, ...i.model },
    training: { ...b.training, ...i.training },
    planner: { ...plannerBase, ...i.planner } as PlannerSection,
    value:
      i.value === null
        ? null
        : i.value === undefined
          ? (b.value ?? null)
          : { ...VALUE_DEFAULTS, ...b.value, ...i.value },
    particles: i.particles ?? b.particles,
    propagation: i.propagation ?? b.propagation,
    shards: i.shards ?? b.shards,
    seed: i.seed ?? b.seed,
  };
  // Discrete action spaces: the categorical planner unless the request chose another.
  if (actions.kind === 'discrete' && i.planner?.type === undefined) {
    config.planner = {
      type: 'categorical-cem',
      horizon: config.planner.horizon,
      population: 200,
      elites: 20,
      iterations: 4,
    };
  }
  validate(config, actions, limits);
  return config;
}

function validate(config: MpcConfig, actions: PlanActions, limits: { maxPlanRollouts: number }): void {
  const m = config.model;
  if (m.elites > m.ensemble_size) {
    throw new AgentArgumentError(
      'config.model.elites',
      `elites (${m.elites}) exceeds ensemble_size (${m.ensemble_size})`,
    );
  }
  if (!PROPAGATIONS.includes(config.propagation)) {
    throw new AgentArgumentError(
      'config.propagation',
      `propagation must be one of ${PROPAGATIONS.join(', ')}`,
    );
  }
  if (m.deterministic && config.propagation !== 'expectation' && config.particles > 1) {
    // Deterministic members cannot sample; particles beyond one per member add nothing but cost.
    config.particles = Math.min(config.particles, m.ensemble_size);
  }
  try {
    checkPlannerConfig(plannerConfigOf(config.planner), actions);
  } catch (err) {
    if (err instanceof RangeError) throw new AgentArgumentError('config.planner', err.message);
    throw err;
  }
  if (plannerSupports(config.planner.type).gradient && !m.learned_reward) {
    throw new AgentArgumentError(
      'config.planner.type',
      `planner "${config.planner.type}" differentiates through the reward: set config.model.learned_reward`,
    );
  }
  if (config.value) checkValue(config.value, config.planner.type);
  const rollouts = planRollouts(config);
  if (rollouts > limits.maxPlanRollouts) {
    throw new AgentArgumentError(
      'config.planner',
      `a plan would roll out ${rollouts} model rows (population x particles x horizon x iterations); the limit is ${limits.maxPlanRollouts}`,
    );
  }
}

function checkValue(v: ValueSection, planner: string): void {
  const bad = (field: string, why: string) => new AgentArgumentError(`config.value.${field}`, why);
  if (plannerSupports(planner as PlannerSection['type']).gradient) {
    throw new AgentArgumentError(
      'config.value',
      `planner "${planner}" differentiates through the reward alone and cannot use a terminal value`,
    );
  }
  if (!(v.discount > 0 && v.discount < 1)) throw bad('discount', 'must be in (0, 1)');
  if (!(v.lambda >= 0 && v.lambda <= 1)) throw bad('lambda', 'must be in [0, 1]');
  if (!(v.learning_rate > 0 && v.learning_rate <= 1)) throw bad('learning_rate', 'must be in (0, 1]');
  for (const field of ['ensemble_size', 'rounds', 'epochs', 'batch_size'] as const) {
    if (!Number.isInteger(v[field]) || v[field] < 1) throw bad(field, 'must be a positive integer');
  }
  if (
    !Array.isArray(v.hidden_sizes) ||
    v.hidden_sizes.length === 0 ||
    !v.hidden_sizes.every((h) => Number.isInteger(h) && h >= 1)
  ) {
    throw bad('hidden_sizes', 'must be a non-empty list of positive integers');
  }
}
