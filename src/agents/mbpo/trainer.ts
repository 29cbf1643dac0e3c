/**
 * An MBPO agent being trained: a SAC trainer (actor, critics, optimisers, the env data as its
 * replay buffer, the generator of every draw), the dynamics ensemble with the Adam that fits it
 * (one optimiser across refits, as mbrl-lib keeps), and the model buffer of branched rollouts.
 * Every `model_train_every` env steps the ensemble is refitted on all env data and rolled out
 * from states drawn from it; each SAC update then takes `real_ratio` of its minibatch from the env
 * data and the rest from the model buffer (the paper's mix within a minibatch). Versions hold the
 * SAC artifacts plus `dynamics` and `model_optimizer`; a checkpoint adds the model buffer and the
 * refit count, from which a run resumes bit for bit.
 * @module
 */
import { registryFor } from '../../envs/env-ref.ts';
import { type TransitionSchema, transitionSchema } from '../../experience/columns.ts';
import { concatTransitions } from '../../experience/concat.ts';
import { ReplayBuffer } from '../../experience/replay-buffer.ts';
import {
  type Adam,
  type AdamManifest,
  createAdam,
  decodeAdamState,
  encodeAdamState,
} from '../../models/adam.ts';
import type { Ensemble } from '../../models/ensemble.ts';
import { transitionsToDataset } from '../../models/layout.ts';
import { trainEnsemble } from '../../models/train.ts';
import { ensembleRolloutModel } from '../../planners/ensemble-model.ts';
import type { RewardFunction, TerminationFunction } from '../../planners/evaluator.ts';
import { knownFunctions } from '../../planners/spec.ts';
import type { Generator } from '../../rng/generator.ts';
import type { Store } from '../../store/store.ts';
import { createDynamicsEnsemble } from '../dynamics-model.ts';
import { ensembleArtifact, ensemblePart, loadEnsembleArtifact } from '../ensemble-artifact.ts';
import type { ActorTrainer } from '../sac/learner.ts';
import { SacTrainer, type SacTrainerState } from '../sac/trainer.ts';
import type { SacUpdateStats } from '../sac/update.ts';
import { type ArtifactBytes, type LoadedVersion, saveVersion } from '../versions.ts';
import { modelBufferCapacity, rolloutBatch, rolloutLength } from './config.ts';
import { type MbpoRecord, sacView } from './record.ts';
import { branchedRollouts } from './rollouts.ts';

/** The trainer's part of a checkpoint. */
export interface MbpoTrainerState {
  sac: SacTrainerState;
  /** The model buffer (null before the first rollouts). */
  model: ReturnType<ReplayBuffer['state']> | null;
  /** Refits behind the ensemble (over the agent's versions). */
  fits: number;
}

/** One refit and the rollouts after it, as the learn job logs them. */
export interface ModelFit {
  /** Env steps when it ran. */
  steps: number;
  /** MBPO's epoch (from 1): the rollout schedule's x. */
  epoch: number;
  /** Env transitions it was fitted on. */
  transitions: number;
  epochs: number;
  validationMse: number[];
  elites: number[];
  rolloutLength: number;
  /** Rows the rollouts added, and the model buffer's size after. */
  rolloutRows: number;
  modelRows: number;
  fitMs: number;
  rolloutMs: number;
}

/** The fewest env transitions a refit takes (a holdout split needs a few rows). */
const MIN_FIT_ROWS = 8;

/** See the module doc. Dispose it when done. */
export class MbpoTrainer implements ActorTrainer {
  readonly #schema: TransitionSchema;
  #model: ReplayBuffer | null;
  #fits: number;
  #validationMse: number[];

  private constructor(
    readonly record: MbpoRecord,
    readonly sac: SacTrainer,
    readonly ensemble: Ensemble,
    readonly modelOptimizer: Adam,
    readonly known: { reward: RewardFunction; terminal: TerminationFunction } | undefined,
    state: MbpoTrainerState | undefined,
    validationMse: number[],
    fits: number,
    readonly onFit?: (fit: ModelFit) => void,
  ) {
    const { obsDim, actionDim } = sac.net.shape;
    this.#schema = transitionSchema({ obsDim, actionDim });
    this.#model = state?.model ? ReplayBuffer.fromState(state.model) : null;
    this.#fits = state?.fits ?? fits;
    this.#validationMse = validationMse;
  }

  /**
   * The trainer from `version` (its networks, ensemble and optimisers), or fresh from the
   * config's seed without one; the buffers from `state` (a checkpoint) or empty.
   */
  static async open(
    record: MbpoRecord,
    version: LoadedVersion | undefined,
    rng: Generator,
    state?: MbpoTrainerState,
    onFit?: (fit: ModelFit) => void,
  ): Promise<MbpoTrainer> {
    const { config, layout } = record;
    const sac = await SacTrainer.open(sacView(record), version, rng, state?.sac);
    const dynamics = version ? ensemblePart(version, 'dynamics') : undefined;
    const ensemble =
      version && dynamics
        ? await loadEnsembleArtifact(version, 'dynamics')
        : await createDynamicsEnsemble(layout, config.model, config.sac.seed);
    const modelOptimizer = createAdam(sac.tf, { learningRate: config.model_training.learning_rate });
    const saved = version?.record.artifacts.model_optimizer;
    if (saved && version.bytes.model_optimizer)
      modelOptimizer.restore(decodeAdamState(saved.manifest as AdamManifest, version.bytes.model_optimizer));
    let known: MbpoTrainer['known'];
    if (record.known) {
      const registry = await registryFor([record.known.envId]);
      known = knownFunctions(registry, record.known);
    }
    return new MbpoTrainer(
      record,
      sac,
      ensemble,
      modelOptimizer,
      known,
      state,
      dynamics?.validationMse ?? [],
      (dynamics?.meta.fits as number | undefined) ?? 0,
      onFit,
    );
  }

  get tf() {
    return this.sac.tf;
  }
  get net() {
    return this.sac.net;
  }
  get scale() {
    return this.sac.scale;
  }
  /** The env data. */
  get replay() {
    return this.sac.replay;
  }
  get gradientSteps(): number {
    return this.record.config.sac.gradient_steps;
  }
  get updates(): number {
    return this.sac.updates;
  }
  /** Rows in the model buffer. */
  get modelRows(): number {
    return this.#model?.size ?? 0;
  }

  /** Refits and rolls out every `model_train_every` env steps. */
  afterEnvStep(steps: number): void {
    const every = this.record.config.model_train_every;
    if (steps % every === 0 && this.replay.size >= MIN_FIT_ROWS) this.refit(steps, steps / every);
  }

  ready(): boolean {
    return this.#realRows() === this.record.config.sac.batch_size || this.modelRows > 0;
  }

  /** Fits the ensemble on all env data, then fills the model buffer with branched rollouts. */
  refit(steps: number, epoch: number): ModelFit {
    const { config, layout } = this.record;
    const t = config.model_training;
    const fitStart = performance.now();
    const data = this.replay.gather(Int32Array.from({ length: this.replay.size }, (_, i) => i));
    const result = trainEnsemble(this.ensemble, transitionsToDataset(layout, data), {
      epochs: t.epochs,
      batchSize: t.batch_size,
      holdoutRatio: t.holdout_ratio,
      patience: t.patience,
      numElites: config.model.elites,
      optimizer: this.modelOptimizer,
      seed: this.sac.rng.nextUint32(),
    });
    this.#validationMse = result.valMse;
    this.#fits++;
    const rolloutStart = performance.now();
    const length = rolloutLength(config.rollout_schedule, epoch);
    const n = rolloutBatch(config);
    const starts = this.replay.sample(n, this.sac.rng).batch.obs;
    const model = ensembleRolloutModel(this.ensemble, layout);
    let rows: ReturnType<typeof branchedRollouts>;
    try {
      rows = branchedRollouts({
        tf: this.tf,
        net: this.net,
        scale: this.scale,
        model,
        ...(this.known ? { reward: this.known.reward, terminal: this.known.terminal } : {}),
        starts,
        n,
        length,
        rng: this.sac.rng,
      });
    } finally {
      model.dispose();
    }
    this.#resizeModelBuffer(modelBufferCapacity(config, length)).add(rows);
    const fit: ModelFit = {
      steps,
      epoch,
      transitions: data.n,
      epochs: result.epochs.length,
      validationMse: result.valMse,
      elites: result.elites,
      rolloutLength: length,
      rolloutRows: rows.n,
      modelRows: this.modelRows,
      fitMs: rolloutStart - fitStart,
      rolloutMs: performance.now() - rolloutStart,
    };
    this.onFit?.(fit);
    return fit;
  }

  /** One SAC update on a minibatch of env rows (`real_ratio`) and model rows (the rest). */
  update(): SacUpdateStats {
    const batch = this.record.config.sac.batch_size;
    const real = this.#realRows();
    const parts = [];
    if (real > 0) parts.push(this.replay.sample(real, this.sac.rng).batch);
    if (real < batch) {
      if (!this.#model) throw new Error('no model rollouts to update on yet');
      parts.push(this.#model.sample(batch - real, this.sac.rng).batch);
    }
    return this.sac.updateOn(concatTransitions(parts, this.#schema));
  }

  /** Env rows per minibatch: `floor(batch x real_ratio)`, as MBPO's code rounds. */
  #realRows(): number {
    return Math.floor(this.record.config.sac.batch_size * this.record.config.real_ratio);
  }

  /** The model buffer at `capacity`, keeping its newest rows when the capacity changes. */
  #resizeModelBuffer(capacity: number): ReplayBuffer {
    const old = this.#model;
    if (old && old.capacity === capacity) return old;
    const next = new ReplayBuffer(this.#schema, capacity);
    if (old && old.size > 0) {
      const keep = Math.min(old.size, capacity);
      next.add(old.gather(Int32Array.from({ length: keep }, (_, i) => old.size - keep + i)));
    }
    this.#model = next;
    return next;
  }

  /** Stores the networks, ensemble and optimisers as the agent's next version. */
  async saveVersion(store: Store, transitions: number): Promise<number> {
    return saveVersion(store, this.record.id, await this.artifacts(), transitions);
  }

  /** The version artifacts: SAC's, the ensemble (`dynamics`) and its optimiser. */
  async artifacts(): Promise<Record<string, ArtifactBytes>> {
    const optimizer = encodeAdamState(await this.modelOptimizer.state());
    return {
      ...(await this.sac.artifacts()),
      dynamics: await ensembleArtifact(this.ensemble, this.#validationMse, { fits: this.#fits }),
      model_optimizer: { manifest: optimizer.manifest, bytes: optimizer.bytes },
    };
  }

  state(): MbpoTrainerState {
    return { sac: this.sac.state(), model: this.#model?.state() ?? null, fits: this.#fits };
  }

  dispose(): void {
    this.sac.dispose();
    this.ensemble.dispose();
    this.modelOptimizer.dispose();
  }
}
