/**
 * Checks an imported MBPO version: SAC's artifacts as SAC checks them, the `dynamics` ensemble
 * against the agent's layout, and the ensemble's optimiser state against the ensemble's
 * parameters. AgentArgumentError naming the bad part.
 * @module
 */
import { type AdamManifest, decodeAdamState } from '../../models/adam.ts';
import type { Ensemble } from '../../models/ensemble.ts';
import { inputDim, outputDim } from '../../models/layout.ts';
import { deserializeEnsemble, type EnsembleManifest } from '../../models/serialize.ts';
import { checkEnsembleArtifact } from '../ensemble-artifact.ts';
import { AgentArgumentError } from '../errors.ts';
import { checkSacArtifacts } from '../sac/artifacts.ts';
import { sacShape } from '../sac/record.ts';
import type { ArtifactBytes } from '../versions.ts';
import { type MbpoRecord, sacView } from './record.ts';

/** What an MBPO version holds besides SAC's artifacts. */
export const MBPO_MODEL_ARTIFACTS = ['dynamics', 'model_optimizer'] as const;

/** See the module doc. */
export async function checkMbpoArtifacts(
  record: MbpoRecord,
  artifacts: Readonly<Record<string, ArtifactBytes>>,
): Promise<void> {
  checkSacArtifacts(sacShape(sacView(record)), artifacts, { name: 'MBPO', others: MBPO_MODEL_ARTIFACTS });
  const { dynamics, model_optimizer: optimizer } = artifacts;
  if (!dynamics)
    throw new AgentArgumentError('version.artifacts.dynamics', 'an MBPO version holds its model');
  if (!optimizer)
    throw new AgentArgumentError(
      'version.artifacts.model_optimizer',
      "an MBPO version holds its model's optimiser",
    );
  const { layout } = record;
  await checkEnsembleArtifact(dynamics, 'dynamics', inputDim(layout), outputDim(layout));
  let state: ReturnType<typeof decodeAdamState>;
  try {
    state = decodeAdamState(optimizer.manifest as AdamManifest, optimizer.bytes);
  } catch (err) {
    throw new AgentArgumentError('version.artifacts.model_optimizer', (err as Error).message);
  }
  // Before the first refit the optimiser holds no moments.
  if (state.m.length === 0) return;
  const ensemble: Ensemble = await deserializeEnsemble(dynamics.manifest as EnsembleManifest, dynamics.bytes);
  try {
    const shapes = ensemble.trainableVariables().map((v) => JSON.stringify(v.shape));
    if (state.m.length !== shapes.length || state.m.some((a, i) => JSON.stringify(a.shape) !== shapes[i]))
      throw new AgentArgumentError(
        'version.artifacts.model_optimizer',
        "the moments do not fit the model's parameters",
      );
  } finally {
    ensemble.dispose();
  }
}
