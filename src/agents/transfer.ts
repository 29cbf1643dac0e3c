/**
 * Export and import of agents, whatever their family: one object holding the agent's record
 * (non-finite numbers tagged, see storable.ts), its latest version (every named artifact's
 * manifest, bytes and meta) and its transition segments, for `GET .../export` and
 * `POST /v1/agents/import`. An import is validated completely (family, config, spaces, the
 * family's check of every artifact, every segment) before anything is stored, and gets a new id.
 * Exports of format 1 (MPC only: `model` and `value`) are still imported.
 * @module
 */
import { isDeepStrictEqual } from 'node:util';
import { resolveEnv } from '../envs/env-ref.ts';
import type { EnvRegistry } from '../envs/registry.ts';
import { transitionStream } from '../experience/reader.ts';
import { decodeSegment } from '../experience/segments.ts';
import type { SpaceDescription } from '../spaces/space.ts';
import type { Store } from '../store/store.ts';
import { AgentArgumentError } from './errors.ts';
import { familyOf } from './families.ts';
import type { AgentFamily, AgentLimits, AgentSpaces } from './family.ts';
import { newId } from './ids.ts';
import type { AgentRecord } from './record.ts';
import { observationWidth, parseSpace } from './spaces.ts';
import { fromStorable, toStorable } from './storable.ts';
import { type ArtifactBytes, artifactBytes, loadVersion, saveVersion } from './versions.ts';

/** One artifact in an export. */
export interface ExportedArtifact {
  manifest: unknown;
  /** Raw bytes (msgpack bin) or base64 text (JSON). */
  bytes: Uint8Array | string;
  meta?: Record<string, unknown>;
}

/** A format-1 export's ensemble. */
interface ExportedEnsembleV1 {
  manifest: unknown;
  weights: Uint8Array | string;
  meta?: Record<string, unknown>;
}

/** An exported agent (the spec's `AgentExport`). */
export interface AgentExport {
  format: 'modelgym.agent';
  format_version: 1 | 2;
  agent: unknown;
  /** Format 2: the latest version, absent when untrained. */
  version?: { transitions: number; artifacts: Record<string, ExportedArtifact> };
  /** Format 1: the dynamics ensemble. */
  model?: ExportedEnsembleV1;
  /** Format 1: the terminal value ensemble. */
  value?: ExportedEnsembleV1;
  transitions?: Array<Uint8Array | string>;
}

/** Bytes from msgpack `bin` or JSON base64 text. */
function toBytes(value: unknown, field: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value))
    return new Uint8Array(Buffer.from(value, 'base64'));
  throw new AgentArgumentError(field, 'must be bytes (msgpack bin) or base64 text (JSON)');
}

/** The export of an agent. */
export async function exportAgent(store: Store, record: AgentRecord): Promise<AgentExport> {
  const loaded = await loadVersion(store, record.id);
  const stream = transitionStream(record.id);
  const transitions: Uint8Array[] = [];
  for (const seq of await store.listSegments(stream)) transitions.push(await store.readSegment(stream, seq));
  return {
    format: 'modelgym.agent',
    format_version: 2,
    agent: toStorable(record),
    ...(loaded
      ? {
          version: {
            transitions: loaded.record.transitions,
            artifacts: Object.fromEntries(
              Object.entries(artifactBytes(loaded)).map(([name, a]) => [
                name,
                { manifest: a.manifest, bytes: a.bytes, ...(a.meta ? { meta: a.meta } : {}) },
              ]),
            ),
          },
        }
      : {}),
    transitions,
  };
}

/** The exported version's artifacts with their bytes, and the transitions it was trained on. */
function exportedVersion(
  exported: AgentExport,
): { artifacts: Record<string, ArtifactBytes>; transitions: number } | undefined {
  const metaOf = (meta: unknown, field: string): Record<string, unknown> | undefined => {
    if (meta === undefined) return undefined;
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
      throw new AgentArgumentError(field, 'must be an object');
    return meta as Record<string, unknown>;
  };
  const artifact = (
    a: { manifest: unknown; meta?: unknown },
    bytes: unknown,
    field: string,
  ): ArtifactBytes => {
    const meta = metaOf(a.meta, `${field}.meta`);
    return { manifest: a.manifest, bytes: toBytes(bytes, field), ...(meta ? { meta } : {}) };
  };
  if (exported.format_version === 2) {
    if (!exported.version) return undefined;
    const artifacts: Record<string, ArtifactBytes> = {};
    for (const [name, a] of Object.entries(exported.version.artifacts)) {
      artifacts[name] = artifact(a, a.bytes, `version.artifacts.${name}`);
    }
    return { artifacts, transitions: exported.version.transitions };
  }
  // Format 1: MPC's dynamics (`model`) and terminal value.
  const artifacts: Record<string, ArtifactBytes> = {};
  if (exported.model) artifacts.dynamics = artifact(exported.model, exported.model.weights, 'model.weights');
  if (exported.value) artifacts.value = artifact(exported.value, exported.value.weights, 'value.weights');
  if (Object.keys(artifacts).length === 0) return undefined;
  const transitions = (exported.model?.meta as { transitions?: unknown } | undefined)?.transitions;
  return { artifacts, transitions: Number.isSafeInteger(transitions) ? (transitions as number) : 0 };
}

/** A space in a few words for messages: `Box float32 [3]`, `Discrete(2)`. */
function spaceSummary(space: SpaceDescription): string {
  if (space.type === 'Box') return `Box ${space.dtype} [${space.shape.join(', ')}]`;
  if (space.type === 'Discrete') return `Discrete(${space.n})`;
  return space.type;
}

/**
 * An imported record is consistent with the served envs it names: an agent made for a served env
 * has that env's spaces (its kwargs and task applied), and a declared reward's env observes as
 * many values as the agent does. AgentArgumentError naming the space otherwise.
 */
function checkSpacesFit(r: Partial<AgentRecord>, spaces: AgentSpaces, registry: EnvRegistry): void {
  if (r.env) {
    const { env, params } = resolveEnv(registry, r.env);
    const expected = [
      ['agent.observation_space', spaces.observation, env.observationSpace(params).describe()],
      ['agent.action_space', spaces.action, env.actionSpace(params).describe()],
    ] as const;
    for (const [field, given, its] of expected) {
      if (!isDeepStrictEqual(given, its)) {
        const what = spaceSummary(given) === spaceSummary(its) ? ' (other bounds)' : '';
        throw new AgentArgumentError(
          field,
          `${spaceSummary(given)}${what} is not the space of ${env.id} (${spaceSummary(its)})`,
        );
      }
    }
  }
  if (r.known) {
    const { env, params } = resolveEnv(registry, r.known);
    const its = env.observationSpace(params).describe();
    const width = observationWidth(spaces.observation);
    if (its.type !== 'Box' || its.shape.reduce((a, b) => a * b, 1) !== width) {
      throw new AgentArgumentError(
        'agent.observation_space',
        `${width} values, but ${env.id} (the declared reward) observes ${spaceSummary(its)}`,
      );
    }
  }
}

/** Stores an exported agent under a new id; returns the id. */
export async function importAgent(
  exported: AgentExport,
  deps: { store: Store; registry: EnvRegistry; limits: AgentLimits; families?: readonly AgentFamily[] },
): Promise<string> {
  const r = fromStorable<Partial<AgentRecord>>(exported.agent);
  if (typeof r?.type !== 'string' || typeof r.config !== 'object' || r.config === null) {
    throw new AgentArgumentError('agent', 'not an exported agent record (type and config are needed)');
  }
  const family = familyOf(r.type, 'agent.type', deps.families);
  const spaces = {
    observation: parseSpace(r.observation_space, 'agent.observation_space'),
    action: parseSpace(r.action_space, 'agent.action_space'),
  };
  family.accepts(spaces);
  const config = family.resolveConfig({
    ...(typeof r.preset === 'string' ? { preset: r.preset } : {}),
    config: r.config,
    spaces,
    limits: deps.limits,
    known: r.known !== undefined,
  });
  checkSpacesFit(r, spaces, deps.registry);
  const record = family.complete({
    ...(r as AgentRecord),
    id: newId('ag'),
    observation_space: spaces.observation,
    action_space: spaces.action,
    config,
    created_at: new Date().toISOString(),
  });
  const schema = family.transitionSchema(record);
  const segments = (exported.transitions ?? []).map((t, i) => {
    const bytes = toBytes(t, `transitions.${i}`);
    try {
      decodeSegment(bytes, schema);
    } catch (err) {
      throw new AgentArgumentError(`transitions.${i}`, (err as Error).message);
    }
    return bytes;
  });
  const version = exportedVersion(exported);
  if (version) await family.checkArtifacts(record, version.artifacts);
  const { store } = deps;
  await store.createDoc('agents', record.id, toStorable(record));
  for (const bytes of segments) await store.appendSegment(transitionStream(record.id), bytes);
  if (version) await saveVersion(store, record.id, version.artifacts, version.transitions);
  return record.id;
}
