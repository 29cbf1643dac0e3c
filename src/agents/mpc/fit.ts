/**
 * Fits an agent's dynamics ensemble (and its terminal value, when configured) on all its
 * transitions and stores the result as its next version. Warm-starts from the latest version when
 * there is one (as PETS and mbrl-lib keep training one model as data grows), else initialises
 * from the config's seed.
 * @module
 */
import type { TransitionReader } from '../../experience/reader.ts';
import type { Ensemble } from '../../models/ensemble.ts';
import { actionRowWidth, transitionsToDataset } from '../../models/layout.ts';
import { type EpochStats, trainEnsemble } from '../../models/train.ts';
import type { Store } from '../../store/store.ts';
import { createDynamicsEnsemble } from '../dynamics-model.ts';
import { AgentArgumentError } from '../errors.ts';
import { loadVersion } from '../versions.ts';
import type { TrainingSection } from './config.ts';
import { ensembleOf, saveMpcVersion, valueEnsembleOf } from './model-version.ts';
import type { MpcRecord } from './record.ts';
import { fitValue } from './value-fit.ts';

/** Options of {@link fitAgentModel}. */
export interface FitOptions {
  /** Overrides of the agent's training settings for this fit. */
  training?: Partial<TrainingSection>;
  /** Seed of the holdout split, bootstraps and batch order (default: the agent's seed + version). */
  seed?: number;
  /** Called after every epoch (throw to stop). */
  onEpoch?(stats: EpochStats): void;
  /** Called after every epoch of the terminal value's fit, when there is one (throw to stop). */
  onValueEpoch?(stats: EpochStats & { round: number }): void;
}

/** What a fit produced. */
export interface FitResult {
  version: number;
  transitions: number;
  epochs: number;
  validationMse: number[];
  elites: number[];
  /** The terminal value's fit, when the config has one. */
  value?: { validationMse: number[]; meanTarget: number };
}

/** The fewest transitions a fit accepts (a holdout split needs a few rows). */
export const MIN_FIT_TRANSITIONS = 8;

/** See the module doc. */
export async function fitAgentModel(
  store: Store,
  reader: TransitionReader,
  record: MpcRecord,
  options: FitOptions = {},
): Promise<FitResult> {
  const { layout, config } = record;
  const data = await reader.load(record.id, layout.obsDim, actionRowWidth(layout));
  if (data.n < MIN_FIT_TRANSITIONS) {
    throw new AgentArgumentError(
      'transitions',
      `training needs at least ${MIN_FIT_TRANSITIONS} transitions; the agent has ${data.n}`,
    );
  }
  const latest = await loadVersion(store, record.id);
  const ensemble: Ensemble = latest
    ? await ensembleOf(latest)
    : await createDynamicsEnsemble(layout, config.model, config.seed);
  // One seed for the fit, model and value alike.
  const seed = options.seed ?? config.seed + (latest?.version ?? 0);
  try {
    const t = { ...config.training, ...options.training };
    const result = trainEnsemble(ensemble, transitionsToDataset(layout, data), {
      epochs: t.epochs,
      batchSize: t.batch_size,
      learningRate: t.learning_rate,
      holdoutRatio: t.holdout_ratio,
      ...(t.patience !== undefined ? { patience: t.patience } : {}),
      numElites: config.model.elites,
      seed,
      ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
    });
    const value = config.value
      ? await fitValue(data, layout.obsDim, config.value, {
          ...(latest ? { previous: await valueEnsembleOf(latest) } : {}),
          seed,
          ...(options.onValueEpoch ? { onEpoch: options.onValueEpoch } : {}),
        })
      : undefined;
    try {
      const version = await saveMpcVersion(
        store,
        record.id,
        ensemble,
        { transitions: data.n, validationMse: result.valMse },
        value
          ? { ensemble: value.ensemble, validationMse: value.validationMse, targetRange: value.targetRange }
          : undefined,
      );
      return {
        version,
        transitions: data.n,
        epochs: result.epochs.length,
        validationMse: result.valMse,
        elites: result.elites,
        ...(value ? { value: { validationMse: value.validationMse, meanTarget: value.meanTarget } } : {}),
      };
    } finally {
      value?.ensemble.dispose();
    }
  } finally {
    ensemble.dispose();
  }
}
