/**
 * An MPC policy: one agent version's model, an evaluator over it (the env's known reward or the
 * learned one, plus the version's terminal value when the agent has one), worker threads for the
 * extra shards, and the configured planner. Built once per version and reused for every plan
 * call; plans are deterministic in (version, observation, context, seed) and the shard count,
 * never in the threads available.
 * @module
 */
import type { Ensemble } from '../../models/ensemble.ts';
import { ensembleObjective } from '../../planners/ensemble-objective.ts';
import { FastNormal } from '../../planners/fast-normal.ts';
import { createPlanner, plannerSupports } from '../../planners/index.ts';
import { defaultShardWorkers, ShardPool } from '../../planners/parallel/shard-pool.ts';
import type { PlanContext, Planner, PlanOutput } from '../../planners/planner.ts';
import { type BuiltEvaluator, buildEvaluator, type EvaluatorSpec } from '../../planners/spec.ts';
import { Generator } from '../../rng/generator.ts';
import { initTensorBackend } from '../../tensor/backend.ts';
import type { LoadedVersion } from '../versions.ts';
import { plannerConfigOf } from './config.ts';
import { ensembleOf, mpcParts } from './model-version.ts';
import { type MpcRecord, planActions } from './record.ts';

/** Particles' predictions along the plan: mean and standard deviation per step. */
export interface PlanPredictions {
  /** `[horizon + 1, obsDim]` each. */
  observations: { mean: Float32Array; std: Float32Array };
  /** `[horizon]` each. */
  rewards: { mean: Float32Array; std: Float32Array };
}

/** One plan. */
export interface PolicyPlan extends PlanOutput {
  predictions?: PlanPredictions;
}

/** Options of {@link MpcPolicy.build}. */
export interface PolicyOptions {
  /** Worker threads for shards 1..; default: one per spare core, at most shards - 1. */
  workers?: number;
}

/** See the module doc. Dispose it when done (frees tensors and threads). */
export class MpcPolicy {
  private constructor(
    readonly record: MpcRecord,
    readonly version: number,
    private readonly built: BuiltEvaluator,
    private readonly planner: Planner,
    private readonly pool: ShardPool | undefined,
    private readonly ensemble: Ensemble | undefined,
  ) {}

  /** Builds the policy of `loaded` (a version of `record`). */
  static async build(
    record: MpcRecord,
    loaded: LoadedVersion,
    options: PolicyOptions = {},
  ): Promise<MpcPolicy> {
    const backend = await initTensorBackend();
    const { config } = record;
    const parts = mpcParts(loaded);
    // The members plans use: the best `elites` of the version's ranking.
    const members = parts.dynamics.manifest.elites.slice(0, config.model.elites);
    const spec: EvaluatorSpec = {
      model: {
        kind: 'ensemble',
        manifest: parts.dynamics.manifest,
        weights: parts.dynamics.weights,
        layout: record.layout,
        members,
      },
      ...(record.known ? { known: record.known } : {}),
      particles: config.particles,
      propagation: config.propagation,
    };
    // A version without a value (imported without one) plans with the reward alone.
    if (config.value && parts.value) {
      spec.value = {
        manifest: parts.value.manifest,
        weights: parts.value.weights,
        discount: config.value.discount,
        range: parts.value.targetRange,
      };
    }
    const workers = Math.min(options.workers ?? defaultShardWorkers(), config.shards - 1);
    const pool = workers > 0 ? await ShardPool.start(spec, workers, backend.name) : undefined;
    // Gradient planners differentiate through the ensemble itself: deserialise it once, for both.
    const gradient = plannerSupports(config.planner.type).gradient;
    const ensemble = gradient ? await ensembleOf(loaded) : undefined;
    try {
      const built = await buildEvaluator(spec, {
        shards: config.shards,
        ...(pool ? { runner: pool } : {}),
        ...(ensemble ? { ensemble } : {}),
      });
      // The differentiable objective averages `ensemble.elites`: the same members as the evaluator.
      if (ensemble) ensemble.elites = [...members];
      const planner = createPlanner(
        plannerConfigOf(config.planner),
        planActions(record.action_space),
        ensemble?.tf,
      );
      return new MpcPolicy(record, loaded.version, built, planner, pool, ensemble);
    } catch (err) {
      ensemble?.dispose();
      await pool?.close();
      throw err;
    }
  }

  /** Width of the planner's action rows. */
  get actionWidth(): number {
    return this.built.evaluator.actionDim;
  }

  /** Plans from `obs`; with `predict`, also rolls the chosen sequence out for its predictions. */
  plan(obs: Float32Array, options: { context?: PlanContext; seed: number; predict?: boolean }): PolicyPlan {
    const noise = new FastNormal(Generator.fromSeed(options.seed));
    const { evaluator } = this.built;
    const evaluate = evaluator.from(obs, noise);
    const objective = this.ensemble ? ensembleObjective(this.ensemble, this.record.layout, obs) : undefined;
    const out = this.planner.plan({
      evaluate,
      noise,
      ...(options.context ? { context: options.context } : {}),
      ...(objective ? { objective } : {}),
    });
    if (!options.predict) return out;
    const trace = evaluator.trace(obs, out.sequence, noise);
    const horizon = this.planner.horizon;
    return {
      ...out,
      predictions: {
        observations: spread(
          trace.observations,
          evaluator.particles,
          (horizon + 1) * this.record.layout.obsDim,
        ),
        rewards: spread(trace.rewards, evaluator.particles, horizon),
      },
    };
  }

  async dispose(): Promise<void> {
    this.built.dispose();
    this.ensemble?.dispose();
    await this.pool?.close();
  }
}

/** Mean and standard deviation over `rows` rows of width `w`. */
function spread(values: Float32Array, rows: number, w: number): { mean: Float32Array; std: Float32Array } {
  const mean = new Float32Array(w);
  const std = new Float32Array(w);
  for (let r = 0; r < rows; r++) for (let i = 0; i < w; i++) mean[i]! += values[r * w + i]! / rows;
  for (let r = 0; r < rows; r++)
    for (let i = 0; i < w; i++) std[i]! += (values[r * w + i]! - mean[i]!) ** 2 / rows;
  for (let i = 0; i < w; i++) std[i] = Math.sqrt(std[i]!);
  return { mean, std };
}
