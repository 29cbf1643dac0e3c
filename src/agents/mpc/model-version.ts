/**
 * What an MPC version holds: the `dynamics` ensemble (manifest, weights, per-member validation
 * MSE) and, when the config has a terminal value, the `value` ensemble with the range of its
 * fitted targets. Written and read here so the rest of MPC never touches artifact names.
 * @module
 */
import type { Ensemble } from '../../models/ensemble.ts';
import type { EnsembleManifest } from '../../models/serialize.ts';
import type { Store } from '../../store/store.ts';
import { ensembleArtifact, ensemblePart, loadEnsembleArtifact } from '../ensemble-artifact.ts';
import { type ArtifactBytes, type LoadedVersion, saveVersion } from '../versions.ts';

/** A fitted value ensemble to store with a version. */
export interface VersionValue {
  ensemble: Ensemble;
  validationMse: number[];
  /** Lowest and highest fitted target (planning clips the value to them). */
  targetRange: [number, number];
}

/** The parts of an MPC version, as planning and export read them. */
export interface MpcVersionParts {
  dynamics: { manifest: EnsembleManifest; weights: Uint8Array; validationMse: number[] };
  value?: {
    manifest: EnsembleManifest;
    weights: Uint8Array;
    validationMse: number[];
    targetRange: [number, number];
  };
}

/** The artifacts of a dynamics ensemble and an optional value. */
export async function mpcArtifacts(
  ensemble: Ensemble,
  validationMse: number[],
  value?: VersionValue,
): Promise<Record<string, ArtifactBytes>> {
  const out: Record<string, ArtifactBytes> = { dynamics: await ensembleArtifact(ensemble, validationMse) };
  if (value)
    out.value = await ensembleArtifact(value.ensemble, value.validationMse, {
      target_range: value.targetRange,
    });
  return out;
}

/** Stores the ensemble (and value) as the agent's next version; returns its number. */
export async function saveMpcVersion(
  store: Store,
  agentId: string,
  ensemble: Ensemble,
  meta: { transitions: number; validationMse: number[] },
  value?: VersionValue,
): Promise<number> {
  return saveVersion(
    store,
    agentId,
    await mpcArtifacts(ensemble, meta.validationMse, value),
    meta.transitions,
  );
}

/** The dynamics and value of a loaded MPC version. */
export function mpcParts(loaded: LoadedVersion): MpcVersionParts {
  const d = ensemblePart(loaded, 'dynamics');
  if (!d) throw new Error(`version ${loaded.version} has no dynamics model`);
  const parts: MpcVersionParts = {
    dynamics: { manifest: d.manifest, weights: d.weights, validationMse: d.validationMse },
  };
  const v = ensemblePart(loaded, 'value');
  if (v) {
    parts.value = {
      manifest: v.manifest,
      weights: v.weights,
      validationMse: v.validationMse,
      targetRange: v.meta.target_range as [number, number],
    };
  }
  return parts;
}

/** Rebuilds the dynamics ensemble of a loaded version (the caller disposes it). */
export function ensembleOf(loaded: LoadedVersion): Promise<Ensemble> {
  return loadEnsembleArtifact(loaded, 'dynamics');
}

/** Rebuilds the value ensemble of a loaded version, if it has one (the caller disposes it). */
export async function valueEnsembleOf(loaded: LoadedVersion): Promise<Ensemble | undefined> {
  return ensemblePart(loaded, 'value') ? loadEnsembleArtifact(loaded, 'value') : undefined;
}
