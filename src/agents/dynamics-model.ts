/**
 * A fresh dynamics ensemble for an agent's layout and model config (MPC's and MBPO's `model`
 * section): the one place that maps the config's fields onto the ensemble's.
 * @module
 */
import type { components } from '../generated/openapi.ts';
import { createEnsemble, type Ensemble } from '../models/ensemble.ts';
import { type DynamicsLayout, inputDim, outputDim } from '../models/layout.ts';

/** The fields of the spec's `ModelConfig` an ensemble is built from. */
export type DynamicsModelConfig = Pick<
  Required<components['schemas']['ModelConfig']>,
  'hidden_sizes' | 'ensemble_size' | 'deterministic'
>;

/** A freshly initialised ensemble from `seed` (the caller disposes it). */
export function createDynamicsEnsemble(
  layout: DynamicsLayout,
  model: DynamicsModelConfig,
  seed: number,
): Promise<Ensemble> {
  return createEnsemble(
    {
      inputDim: inputDim(layout),
      outputDim: outputDim(layout),
      hiddenSizes: model.hidden_sizes,
      ensembleSize: model.ensemble_size,
      deterministic: model.deterministic,
    },
    { seed },
  );
}
