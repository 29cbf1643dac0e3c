/**
 * Trained model versions of an agent: immutable store versions `agents/<id>` whose weights are a
 * content-addressed blob. A version is what `plan` uses; training adds one and never changes any.
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
  created_at: string;
}

/** A version with its number and weight bytes. */
export interface LoadedVersion {
  version: number;
  record: ModelVersion;
  weights: Uint8Array;
}

const COLLECTION = 'agents';

/** Stores the ensemble as the agent's next version; returns its number. */
export async function saveVersion(
  store: Store,
  agentId: string,
  ensemble: Ensemble,
  meta: { transitions: number; validationMse: number[] },
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
  return { version: got.version, record: got.value, weights: await store.getBlob(got.value.weights) };
}

/** Rebuilds the ensemble of a loaded version (the caller disposes it). */
export function ensembleOf(loaded: LoadedVersion): Promise<Ensemble> {
  return deserializeEnsemble(loaded.record.manifest, loaded.weights);
}

/** Deletes every version of an agent (its blobs stay: they may be shared). */
export function deleteVersions(store: Store, agentId: string): Promise<void> {
  return store.deleteVersions(COLLECTION, agentId);
}
