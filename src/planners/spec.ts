/**
 * An evaluator described as plain data, so that the same evaluator can be rebuilt in another
 * thread (or process) from its description: the model (ensemble weights and layout, or a served
 * env's simulator), the known reward and termination (a served env's batched functions), particles
 * and propagation.
 * @module
 */
import { type EnvRef, registryFor, resolveEnv } from '../envs/env-ref.ts';
import type { EnvRegistry } from '../envs/registry.ts';
import type { Ensemble } from '../models/ensemble.ts';
import type { DynamicsLayout } from '../models/layout.ts';
import { deserializeEnsemble, type EnsembleManifest } from '../models/serialize.ts';
import { ensembleRolloutModel } from './ensemble-model.ts';
import { envRolloutModel } from './env-model.ts';
import {
  type RewardFunction,
  type TerminationFunction,
  type TrajectoryEvaluator,
  trajectoryEvaluator,
} from './evaluator.ts';
import type { Propagation, RolloutModel } from './rollout-model.ts';
import { ensembleValueModel, type ValueModel } from './value-model.ts';

/** The model of an {@link EvaluatorSpec}. */
export type ModelSpec =
  | {
      kind: 'ensemble';
      manifest: EnsembleManifest;
      weights: Uint8Array;
      layout: DynamicsLayout;
      /** Members to use (default the manifest's elites). */
      members?: number[];
    }
  | { kind: 'env'; env: EnvRef };

/** Everything needed to rebuild a trajectory evaluator. Structured-clone safe. */
export interface EvaluatorSpec {
  model: ModelSpec;
  /** Known reward and termination from a served env (else the model must learn the reward). */
  known?: EnvRef;
  particles?: number;
  propagation?: Propagation;
  /** A learned terminal value (a deterministic 1-output ensemble over observations). */
  value?: ValueSpec;
}

/** The terminal value of an {@link EvaluatorSpec}. */
export interface ValueSpec {
  manifest: EnsembleManifest;
  weights: Uint8Array;
  /** Discount of the rewards and the value (the one the value was fitted with). */
  discount: number;
  /** `[lowest, highest]` target of the fit: the value is clipped to it. */
  range: [number, number];
}

/** The env's batched reward and termination with its parameters bound. */
export function knownFunctions(
  registry: EnvRegistry,
  ref: EnvRef,
): { reward: RewardFunction; terminal: TerminationFunction } {
  const { env, params } = resolveEnv(registry, ref);
  return {
    reward: (obs, action, next, n) => env.batched.reward(obs, action, next, n, params),
    terminal: (next, n) => env.batched.terminal(next, n, params),
  };
}

/** The value model a spec describes (the caller disposes it). */
async function valueModelOf(spec: ValueSpec, obsDim: number): Promise<ValueModel> {
  const ensemble = await deserializeEnsemble(spec.manifest, spec.weights);
  try {
    return ensembleValueModel(ensemble, obsDim, spec.range);
  } finally {
    ensemble.dispose();
  }
}

/** A built evaluator and what must be freed with it. */
export interface BuiltEvaluator {
  evaluator: TrajectoryEvaluator;
  model: RolloutModel;
  dispose(): void;
}

/** Builds the evaluator a spec describes (extra options, e.g. shards, are passed through). */
export async function buildEvaluator(
  spec: EvaluatorSpec,
  options: Pick<Parameters<typeof trajectoryEvaluator>[0], 'shards' | 'runner'> & {
    /** The spec's ensemble, already deserialised by the caller (who keeps and disposes it). */
    ensemble?: Ensemble;
  } = {},
  registry?: EnvRegistry,
): Promise<BuiltEvaluator> {
  const { ensemble: given, ...extra } = options;
  const ids = [spec.known?.envId, spec.model.kind === 'env' ? spec.model.env.envId : undefined].filter(
    (id): id is string => id !== undefined,
  );
  const reg = registry ?? (await registryFor(ids));
  let model: RolloutModel;
  if (spec.model.kind === 'env') {
    const { env, params } = resolveEnv(reg, spec.model.env);
    model = envRolloutModel(env, params);
  } else {
    const ensemble = given ?? (await deserializeEnsemble(spec.model.manifest, spec.model.weights));
    try {
      model = ensembleRolloutModel(
        ensemble,
        spec.model.layout,
        spec.model.members ? { members: spec.model.members } : {},
      );
    } finally {
      // The rollout model keeps its own copies of the weights.
      if (!given) ensemble.dispose();
    }
  }
  let value: ValueModel | undefined;
  try {
    if (spec.value) value = await valueModelOf(spec.value, model.obsDim);
    const known = spec.known ? knownFunctions(reg, spec.known) : undefined;
    const evaluator = trajectoryEvaluator({
      model,
      ...(known ? { reward: known.reward, terminal: known.terminal } : {}),
      ...(spec.particles !== undefined ? { particles: spec.particles } : {}),
      ...(spec.propagation !== undefined ? { propagation: spec.propagation } : {}),
      ...(value ? { terminalValue: value.value, discount: spec.value!.discount } : {}),
      ...extra,
    });
    return {
      evaluator,
      model,
      dispose: () => {
        model.dispose();
        value?.dispose();
      },
    };
  } catch (err) {
    model.dispose();
    value?.dispose();
    throw err;
  }
}
