/**
 * An ensemble as a version artifact (manifest, weights, per-member validation MSE): written, read
 * back and checked here for every family that stores one (MPC's `dynamics` and `value`, MBPO's
 * `dynamics`).
 * @module
 */
import type { Ensemble } from '../models/ensemble.ts';
import { deserializeEnsemble, type EnsembleManifest, serializeEnsemble } from '../models/serialize.ts';
import { AgentArgumentError } from './errors.ts';
import type { ArtifactBytes, LoadedVersion } from './versions.ts';

/** An ensemble artifact as read from a version. */
export interface EnsemblePart {
  manifest: EnsembleManifest;
  weights: Uint8Array;
  validationMse: number[];
  meta: Record<string, unknown>;
}

/** The artifact of `ensemble`; `meta` is stored beside the validation MSE. */
export async function ensembleArtifact(
  ensemble: Ensemble,
  validationMse: number[],
  meta: Record<string, unknown> = {},
): Promise<ArtifactBytes> {
  const s = await serializeEnsemble(ensemble);
  return { manifest: s.manifest, bytes: s.weights, meta: { validation_mse: validationMse, ...meta } };
}

/** The ensemble artifact `name` of a loaded version, if it has one. */
export function ensemblePart(loaded: LoadedVersion, name: string): EnsemblePart | undefined {
  const a = loaded.record.artifacts[name];
  const weights = loaded.bytes[name];
  if (!a || !weights) return undefined;
  return {
    manifest: a.manifest as EnsembleManifest,
    weights,
    validationMse: (a.meta?.validation_mse as number[] | undefined) ?? [],
    meta: a.meta ?? {},
  };
}

/** Rebuilds the ensemble artifact `name` of a loaded version (the caller disposes it). */
export function loadEnsembleArtifact(loaded: LoadedVersion, name: string): Promise<Ensemble> {
  const part = ensemblePart(loaded, name);
  if (!part) throw new Error(`version ${loaded.version} has no ${name} model`);
  return deserializeEnsemble(part.manifest, part.weights);
}

/**
 * Checks that an imported artifact is an ensemble of the given widths (with deterministic
 * members when asked); AgentArgumentError naming `name`.
 */
export async function checkEnsembleArtifact(
  part: ArtifactBytes,
  name: string,
  inputs: number,
  outputs: number,
  deterministic?: boolean,
): Promise<void> {
  let ensemble: Ensemble;
  try {
    ensemble = await deserializeEnsemble(part.manifest as EnsembleManifest, part.bytes);
  } catch (err) {
    throw new AgentArgumentError(name, (err as Error).message);
  }
  try {
    if (ensemble.config.inputDim !== inputs || ensemble.config.outputDim !== outputs)
      throw new AgentArgumentError(name, `the ${name}'s sizes do not fit the agent's spaces`);
    if (deterministic && !ensemble.config.deterministic)
      throw new AgentArgumentError(name, `the ${name} ensemble must have deterministic members`);
  } finally {
    ensemble.dispose();
  }
}
