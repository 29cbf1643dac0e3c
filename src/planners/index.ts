/**
 * Planners by name, from plain JSON settings (what agents store and the API accepts).
 * @module
 */
import type { TfModule } from '../tensor/backend.ts';
import {
  CATEGORICAL_CEM_DEFAULTS,
  type CategoricalCemConfig,
  categoricalCemPlanner,
} from './categorical-cem.ts';
import { CEM_DEFAULTS, type CemConfig, cemPlanner } from './cem.ts';
import { GRADIENT_DEFAULTS, type GradientConfig, gradientPlanner } from './gradient.ts';
import { ICEM_DEFAULTS, type IcemConfig, icemPlanner } from './icem.ts';
import { MPPI_DEFAULTS, type MppiConfig, mppiPlanner, PDDM_DEFAULTS } from './mppi.ts';
import type { PlanActions, Planner } from './planner.ts';
import {
  RANDOM_SHOOTING_DEFAULTS,
  type RandomShootingConfig,
  randomShootingPlanner,
} from './random-shooting.ts';

export type { EvaluatorOptions, RolloutTrace, TrajectoryEvaluator } from './evaluator.ts';
export { trajectoryEvaluator } from './evaluator.ts';
export { FastNormal } from './fast-normal.ts';
export type { PlanActions, PlanContext, Planner, PlanOutput, PlanProblem } from './planner.ts';
export type { Propagation, RolloutModel } from './rollout-model.ts';

/** Planner names. */
export const PLANNER_TYPES = [
  'random-shooting',
  'cem',
  'icem',
  'mppi',
  'pddm',
  'gradient',
  'cem-gradient',
  'categorical-cem',
] as const;

export type PlannerType = (typeof PLANNER_TYPES)[number];

/** Settings of any planner: its `type`, a `horizon`, and that planner's own fields (defaults apply). */
export type PlannerConfig =
  | ({ type: 'random-shooting' } & Partial<RandomShootingConfig>)
  | ({ type: 'cem' } & Partial<CemConfig>)
  | ({ type: 'icem' } & Partial<IcemConfig>)
  | ({ type: 'mppi' | 'pddm' } & Partial<MppiConfig>)
  | ({ type: 'gradient' } & Partial<GradientConfig>)
  | ({ type: 'cem-gradient'; cem?: Partial<CemConfig> } & Partial<GradientConfig>)
  | ({ type: 'categorical-cem' } & Partial<CategoricalCemConfig>);

/** Which planners take which action spaces, and which need a differentiable objective. */
export function plannerSupports(type: PlannerType): { box: boolean; discrete: boolean; gradient: boolean } {
  switch (type) {
    case 'random-shooting':
      return { box: true, discrete: true, gradient: false };
    case 'categorical-cem':
      return { box: false, discrete: true, gradient: false };
    case 'gradient':
    case 'cem-gradient':
      return { box: true, discrete: false, gradient: true };
    default:
      return { box: true, discrete: false, gradient: false };
  }
}

/**
 * Builds a planner; throws a RangeError naming the problem (unknown type, an action space the
 * planner cannot handle, a bad number). `tf` is needed by the gradient planners only.
 */
export function createPlanner(
  config: PlannerConfig & { horizon: number },
  actions: PlanActions,
  tf?: TfModule,
): Planner {
  checkPlannerConfig(config, actions);
  const { type: _type, ...rest } = config;
  switch (config.type) {
    case 'random-shooting':
      return randomShootingPlanner(actions, rest);
    case 'categorical-cem':
      return categoricalCemPlanner(actions as Extract<PlanActions, { kind: 'discrete' }>, rest);
    case 'cem':
      return cemPlanner(box(actions), rest);
    case 'icem':
      return icemPlanner(box(actions), rest);
    case 'mppi':
    case 'pddm':
      return mppiPlanner(box(actions), rest, config.type);
    case 'gradient':
    case 'cem-gradient': {
      if (!tf) throw new RangeError(`planner "${config.type}" needs the tensor module`);
      const { cem, ...gradient } = rest as Partial<GradientConfig> & {
        horizon: number;
        cem?: Partial<CemConfig>;
      };
      const inner =
        config.type === 'cem-gradient'
          ? cemPlanner(box(actions), { ...cem, horizon: config.horizon })
          : undefined;
      return gradientPlanner(tf, box(actions), gradient, inner);
    }
  }
}

/**
 * Validates planner settings for an action space without building the planner: known type,
 * known fields only, numbers in range (with the defaults filled in, so that e.g. elites above a
 * default population are caught), a supported action space. Throws a RangeError naming the field.
 */
export function checkPlannerConfig(config: PlannerConfig & { horizon: number }, actions: PlanActions): void {
  if (!PLANNER_TYPES.includes(config.type)) {
    throw new RangeError(`unknown planner type "${String(config.type)}"; one of ${PLANNER_TYPES.join(', ')}`);
  }
  const { cem, ...own } = config as PlannerConfig & { cem?: Partial<CemConfig> };
  const known = new Set(['type', 'horizon', ...Object.keys(DEFAULTS[config.type])]);
  if (config.type === 'gradient' || config.type === 'cem-gradient') known.add('learningRate');
  if (config.type === 'cem-gradient') known.add('cem');
  for (const key of Object.keys(config)) {
    if (!known.has(key)) {
      throw new RangeError(
        `planner "${config.type}" has no setting "${key}"; it takes ${[...known].join(', ')}`,
      );
    }
  }
  if (config.horizon === undefined) throw new RangeError('planner horizon is required');
  checkNumbers({ ...DEFAULTS[config.type], ...own });
  if (config.type === 'cem-gradient') {
    for (const key of Object.keys(cem ?? {})) {
      if (!(key in CEM_DEFAULTS)) throw new RangeError(`planner cem has no setting "${key}"`);
    }
    checkNumbers({ ...CEM_DEFAULTS, ...cem }, 'cem.');
  }
  const supports = plannerSupports(config.type);
  if (actions.kind === 'box' ? !supports.box : !supports.discrete) {
    throw new RangeError(
      `planner "${config.type}" does not support ${actions.kind === 'box' ? 'Box' : 'Discrete'} actions`,
    );
  }
}

function box(actions: PlanActions): Extract<PlanActions, { kind: 'box' }> {
  if (actions.kind !== 'box') throw new RangeError('this planner needs Box actions');
  return actions;
}

const DEFAULTS: Record<PlannerType, object> = {
  'random-shooting': RANDOM_SHOOTING_DEFAULTS,
  cem: CEM_DEFAULTS,
  icem: ICEM_DEFAULTS,
  mppi: MPPI_DEFAULTS,
  pddm: PDDM_DEFAULTS,
  gradient: GRADIENT_DEFAULTS,
  'cem-gradient': GRADIENT_DEFAULTS,
  'categorical-cem': CATEGORICAL_CEM_DEFAULTS,
};

const UNIT_FIELDS = new Set(['alpha', 'beta', 'keepElites', 'minProbability']);
const INTEGER_FIELDS = new Set(['horizon', 'population', 'elites', 'iterations', 'steps']);

/** Every numeric field finite, counts positive integers, elites not above the population. */
function checkNumbers(config: Record<string, unknown>, prefix = ''): void {
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== 'number') continue;
    if (!Number.isFinite(value)) throw new RangeError(`planner ${prefix}${key} must be finite`);
    if (INTEGER_FIELDS.has(key) && (!Number.isInteger(value) || value < 1)) {
      throw new RangeError(`planner ${prefix}${key} must be a positive integer, got ${value}`);
    }
    if (UNIT_FIELDS.has(key) && value > 1) {
      throw new RangeError(`planner ${prefix}${key} must be in [0, 1], got ${value}`);
    }
    if (!INTEGER_FIELDS.has(key) && value < 0)
      throw new RangeError(`planner ${prefix}${key} must be >= 0, got ${value}`);
  }
  const { population, elites } = config as { population?: number; elites?: number };
  if (population !== undefined && elites !== undefined && elites > population) {
    throw new RangeError(`planner ${prefix}elites (${elites}) exceeds its population (${population})`);
  }
}
