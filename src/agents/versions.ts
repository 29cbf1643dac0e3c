/**
 * Trained versions of an agent, whatever its family: immutable store versions `agents/<id>`,
 * each a set of named artifacts (MPC: `dynamics` and `value`; SAC: `actor`, `critics`, ...) whose
 * bytes are content-addressed blobs, plus how much data it was trained on. A version is what
 * `act` and `plan` use; training adds one and never changes any.
 * @module
 */
import type { Store } from '../store/store.ts';

/** One stored artifact: its blob and what is needed to read it back. */
export interface Artifact {
  /** sha256 of the bytes (a store blob). */
  blob: string;
  /** How to read the bytes (e.g. an ensemble's manifest); the family's own format. */
  manifest: unknown;
  /** Facts about it worth showing (validation errors, ranges). */
  meta?: Record<string, unknown>;
}

/** An artifact with its bytes, before storing or after loading. */
export interface ArtifactBytes {
  manifest: unknown;
  bytes: Uint8Array;
  meta?: Record<string, unknown>;
}

/** The stored record of one version. */
export interface AgentVersion {
  format: 2;
  artifacts: Record<string, Artifact>;
  /** Transitions it was trained on (the first `transitions` rows of the agent's data). */
  transitions: number;
  created_at: string;
}

/** A version with its number and every artifact's bytes. */
export interface LoadedVersion {
  version: number;
  record: AgentVersion;
  bytes: Record<string, Uint8Array>;
}

/** A version record as MPC agents stored it before versions had named artifacts. */
interface VersionV1 {
  manifest: unknown;
  weights: string;
  transitions: number;
  validation_mse: number[];
  value?: { manifest: unknown; weights: string; validation_mse: number[]; target_range: [number, number] };
  created_at: string;
}

const COLLECTION = 'agents';

/** Stores the artifacts as the agent's next version; returns its number. */
export async function saveVersion(
  store: Store,
  agentId: string,
  artifacts: Readonly<Record<string, ArtifactBytes>>,
  transitions: number,
): Promise<number> {
  const stored: Record<string, Artifact> = {};
  for (const [name, a] of Object.entries(artifacts)) {
    stored[name] = {
      blob: await store.putBlob(a.bytes),
      manifest: a.manifest,
      ...(a.meta ? { meta: a.meta } : {}),
    };
  }
  const record: AgentVersion = {
    format: 2,
    artifacts: stored,
    transitions,
    created_at: new Date().toISOString(),
  };
  return (await store.appendVersion(COLLECTION, agentId, record)).version;
}

/** The latest version number (0 when the agent has none). */
export async function latestVersion(store: Store, agentId: string): Promise<number> {
  const versions = await store.listVersions(COLLECTION, agentId);
  return versions.length === 0 ? 0 : Math.max(...versions);
}

/** A version's record (v1 records read as `dynamics` and `value` artifacts). */
export async function versionRecord(
  store: Store,
  agentId: string,
  version: number | 'latest',
): Promise<{ version: number; record: AgentVersion }> {
  const got = await store.getVersion<AgentVersion | VersionV1>(COLLECTION, agentId, version);
  return { version: got.version, record: upgrade(got.value) };
}

/** A version (default the latest) with its bytes; undefined when the agent has no version yet. */
export async function loadVersion(
  store: Store,
  agentId: string,
  version: number | 'latest' = 'latest',
): Promise<LoadedVersion | undefined> {
  if (version === 'latest' && (await latestVersion(store, agentId)) === 0) return undefined;
  const got = await versionRecord(store, agentId, version);
  const bytes: Record<string, Uint8Array> = {};
  for (const [name, a] of Object.entries(got.record.artifacts)) bytes[name] = await store.getBlob(a.blob);
  return { ...got, bytes };
}

/** The artifacts of a loaded version with their bytes (for export, or a family's own reading). */
export function artifactBytes(loaded: LoadedVersion): Record<string, ArtifactBytes> {
  return Object.fromEntries(
    Object.entries(loaded.record.artifacts).map(([name, a]) => [
      name,
      { manifest: a.manifest, bytes: loaded.bytes[name]!, ...(a.meta ? { meta: a.meta } : {}) },
    ]),
  );
}

/** Deletes every version of an agent (its blobs stay: they may be shared). */
export function deleteVersions(store: Store, agentId: string): Promise<void> {
  return store.deleteVersions(COLLECTION, agentId);
}

function upgrade(value: AgentVersion | VersionV1): AgentVersion {
  if ((value as AgentVersion).format === 2) return value as AgentVersion;
  const v1 = value as VersionV1;
  const artifacts: Record<string, Artifact> = {
    dynamics: { blob: v1.weights, manifest: v1.manifest, meta: { validation_mse: v1.validation_mse } },
  };
  if (v1.value) {
    artifacts.value = {
      blob: v1.value.weights,
      manifest: v1.value.manifest,
      meta: { validation_mse: v1.value.validation_mse, target_range: v1.value.target_range },
    };
  }
  return { format: 2, artifacts, transitions: v1.transitions, created_at: v1.created_at };
}
