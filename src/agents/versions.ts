/**
 * Trained model versions of an agent: immutable store versions `agents/<id>` whose weights (the
 * dynamics ensemble's, and the terminal value's when there is one) are content-addressed blobs. A
 * version is what `plan` uses; training adds one and never changes any.
 * @module
 */
import type { Ensemble } from '../models/ensemble.ts';
import { deserializeEnsemble, type EnsembleManifest, serializeEnsemble } from '../models/serialize.ts';
import type { Store } from '../store/store.ts';

/** The stored record of one version. */
export interface ModelVersion {
  manifest: EnsembleManifest;
  /** sha256 of the weight bytes (a store blob). */
  weights: string;
  /** Transitions it was trained on (the first `transitions` rows of the agent's data). */
  transitions: number;
  validation_mse: number[];
  /** The terminal value ensemble, when the agent's config has one. */
  value?: {
    manifest: EnsembleManifest;
    weights: string;
    validation_mse: number[];
    target_range: [number, number];
  };
  created_at: string;
}

/** A version with its number and weight bytes. */
export interface LoadedVersion {
  version: number;
  record: ModelVersion;
  weights: Uint8Array;
  /** The value ensemble's weight bytes, when the version has one. */
  valueWeights?: Uint8Array;
}

/** A fitted value ensemble to store with a version. */
export interface VersionValue {
  ensemble: Ensemble;
  validationMse: number[];
  /** Lowest and highest fitted target (planning clips the value to them). */
  targetRange: [number, number];
}

const COLLECTION = 'agents';

/** Stores the ensemble as the agent's next version; returns its number. */
export async function saveVersion(
  store: Store,
  agentId: string,
  ensemble: Ensemble,
  meta: { transitions: number; validationMse: number[] },
  value?: VersionValue,
): Promise<number> {
  const { manifest, weights } = await serializeEnsemble(ensemble);
  const sha = await store.putBlob(weights);
  const record: ModelVersion = {
    manifest,
    weights: sha,
    transitions: meta.transitions,
    validation_mse: meta.validationMse,
    created_at: new Date().toISOString(),
  };
  if (value) {
    const v = await serializeEnsemble(value.ensemble);
    record.value = {
      manifest: v.manifest,
      weights: await store.putBlob(v.weights),
      validation_mse: value.validationMse,
      target_range: value.targetRange,
    };
  }
  return (await store.appendVersion(COLLECTION, agentId, record)).version;
}

/** The latest version number (0 when the agent has none). */
export async function latestVersion(store: Store, agentId: string): Promise<number> {
  const versions = await store.listVersions(COLLECTION, agentId);
  return versions.length === 0 ? 0 : Math.max(...versions);
}

/** A version (default the latest) with its weights; undefined when the agent has no version yet. */
export async function loadVersion(
  store: Store,
  agentId: string,
  version: number | 'latest' = 'latest',
): Promise<LoadedVersion | undefined> {
  if (version === 'latest' && (await latestVersion(store, agentId)) === 0) return undefined;
  const got = await store.getVersion<ModelVersion>(COLLECTION, agentId, version);
  const loaded: LoadedVersion = {
    version: got.version,
    record: got.value,
    weights: await store.getBlob(got.value.weights),
  };
  if (got.value.value) loaded.valueWeights = await store.getBlob(got.value.value.weights);
  return loaded;
}

/** Rebuilds the ensemble of a loaded version (the caller disposes it). */
export function ensembleOf(loaded: LoadedVersion): Promise<Ensemble> {
  return deserializeEnsemble(loaded.record.manifest, loaded.weights);
}

/** Rebuilds the value ensemble of a loaded version, if it has one (the caller disposes it). */
export async function valueEnsembleOf(loaded: LoadedVersion): Promise<Ensemble | undefined> {
  const v = loaded.record.value;
  if (!v || !loaded.valueWeights) return undefined;
  return deserializeEnsemble(v.manifest, loaded.valueWeights);
}

/** Deletes every version of an agent (its blobs stay: they may be shared). */
export function deleteVersions(store: Store, agentId: string): Promise<void> {
  return store.deleteVersions(COLLECTION, agentId);
}
