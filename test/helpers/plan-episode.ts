/**
 * Test support: runs one episode of an env with a planner using the env's own simulator as its
 * model (or with uniformly random actions), from a given physical state. Pure TypeScript.
 * @module
 */
import type { EnvDefinition, PhysicalState } from '../../src/envs/env.ts';
import { envRolloutModel } from '../../src/planners/env-model.ts';
import { type TerminalValueFunction, trajectoryEvaluator } from '../../src/planners/evaluator.ts';
import { FastNormal } from '../../src/planners/fast-normal.ts';
import { createPlanner, type PlannerConfig } from '../../src/planners/index.ts';
import type { PlanActions, PlanContext, PlanProblem } from '../../src/planners/planner.ts';
import { Generator } from '../../src/rng/generator.ts';

/** The planners' view of an env's action space. */
export function planActionsOf(env: EnvDefinition, params: unknown): PlanActions {
  const d = env.actionSpace(params).describe();
  if (d.type === 'Discrete') return { kind: 'discrete', n: d.n };
  if (d.type !== 'Box') throw new RangeError(`no planning over ${d.type}`);
  return { kind: 'box', low: Float32Array.from(d.low), high: Float32Array.from(d.high) };
}

/** Options of {@link planEpisode}. */
export interface EpisodeOptions {
  start: PhysicalState;
  steps: number;
  /** null: uniformly random actions. */
  planner: (PlannerConfig & { horizon: number }) | null;
  seed?: number;
  /** Adds a differentiable objective to each problem (gradient planners). */
  objective?: (obs: Float32Array) => PlanProblem['objective'];
  /** A terminal value and its discount for the evaluator. */
  value?: { terminalValue: TerminalValueFunction; discount: number };
}

/** The episode's return. */
export function planEpisode(env: EnvDefinition, options: EpisodeOptions): number {
  const params = env.params(env.defaultKwargs);
  const actions = planActionsOf(env, params);
  const evaluator = trajectoryEvaluator({ model: envRolloutModel(env, params), ...options.value });
  const planner = options.planner ? createPlanner(options.planner, actions) : null;
  const noise = new FastNormal(Generator.fromSeed(options.seed ?? 0));
  let state = options.start;
  let total = 0;
  let context: PlanContext | undefined;
  for (let t = 0; t < options.steps; t++) {
    const obs = env.observation(state, params) as Float32Array;
    let action: Float32Array;
    if (planner) {
      const objective = options.objective?.(obs);
      const out = planner.plan({
        evaluate: evaluator.from(obs, noise),
        noise,
        context,
        ...(objective ? { objective } : {}),
      });
      action = out.action;
      context = out.context;
    } else if (actions.kind === 'box') {
      action = Float32Array.from(actions.low, (lo, j) => lo + noise.random() * (actions.high[j]! - lo));
    } else {
      action = Float32Array.of(Math.floor(noise.random() * actions.n));
    }
    // biome-ignore lint/suspicious/noExplicitAny: Box actions are arrays, Discrete ones numbers.
    const a: any = actions.kind === 'box' ? action : action[0]!;
    const next = env.transition(state, a, params);
    total += env.reward(state, a, next, params);
    state = next;
    if (env.terminal(state, params)) break;
  }
  return total;
}
