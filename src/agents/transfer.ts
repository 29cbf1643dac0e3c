/**
 * Export and import of agents: one object holding the agent's record (non-finite numbers tagged,
 * see storable.ts), its latest model version (manifest and weight bytes, and the terminal value's
 * when there is one) and its transition
 * segments, for `GET .../export` and `POST /v1/agents/import`. An import is validated completely
 * (config, spaces, model sizes, every segment) before anything is stored, and gets a new id.
 * @module
 */
import type { EnvRegistry } from '../envs/registry.ts';
import type { Ensemble } from '../models/ensemble.ts';
import { actionRowWidth, inputDim, outputDim } from '../models/layout.ts';
import { deserializeEnsemble, type EnsembleManifest } from '../models/serialize.ts';
import { resolveEnv } from '../planners/spec.ts';
import type { Store } from '../store/store.ts';
import { AgentArgumentError } from './errors.ts';
import { newId } from './ids.ts';
import { resolveMpcConfig } from './mpc/config.ts';
import { type AgentRecord, layoutFor, planActions } from './record.ts';
import { fromStorable, toStorable } from './storable.ts';
import { decodeSegment, transitionStream } from './transitions.ts';
import { loadVersion, saveVersion } from './versions.ts';

/** An exported agent (the spec's `AgentExport`). */
export interface AgentExport {
  format: 'modelgym.agent';
  format_version: 1;
  agent: unknown;
  model?: { manifest: unknown; weights: Uint8Array | string; meta?: unknown };
  value?: { manifest: unknown; weights: Uint8Array | string; meta?: unknown };
  transitions?: Array<Uint8Array | string>;
}

/** Bytes from msgpack `bin` or JSON base64 text. */
function toBytes(value: unknown, field: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value))
    return new Uint8Array(Buffer.from(value, 'base64'));
  throw new AgentArgumentError(field, 'must be bytes (msgpack bin) or base64 text (JSON)');
}

/** An exported ensemble, rebuilt and checked against the widths the agent needs. */
async function importedEnsemble(
  part: { manifest: unknown; weights: Uint8Array | string },
  field: 'model' | 'value',
  inputs: number,
  outputs: number,
): Promise<Ensemble> {
  const weights = toBytes(part.weights, `${field}.weights`);
  let ensemble: Ensemble;
  try {
    ensemble = await deserializeEnsemble(part.manifest as EnsembleManifest, weights);
  } catch (err) {
    throw new AgentArgumentError(field, (err as Error).message);
  }
  if (ensemble.config.inputDim !== inputs || ensemble.config.outputDim !== outputs) {
    ensemble.dispose();
    throw new AgentArgumentError(field, `the ${field}'s sizes do not fit the agent's spaces`);
  }
  return ensemble;
}

/** The export of an agent. */
export async function exportAgent(store: Store, record: AgentRecord): Promise<AgentExport> {
  const loaded = await loadVersion(store, record.id);
  const stream = transitionStream(record.id);
  const transitions: Uint8Array[] = [];
  for (const seq of await store.listSegments(stream)) transitions.push(await store.readSegment(stream, seq));
  return {
    format: 'modelgym.agent',
    format_version: 1,
    agent: toStorable(record),
    ...(loaded
      ? {
          model: {
            manifest: loaded.record.manifest,
            weights: loaded.weights,
            meta: { transitions: loaded.record.transitions, validation_mse: loaded.record.validation_mse },
          },
        }
      : {}),
    ...(loaded?.record.value && loaded.valueWeights
      ? {
          value: {
            manifest: loaded.record.value.manifest,
            weights: loaded.valueWeights,
            meta: {
              validation_mse: loaded.record.value.validation_mse,
              target_range: loaded.record.value.target_range,
            },
          },
        }
      : {}),
    transitions,
  };
}

/** Stores an exported agent under a new id; returns the id. */
export async function importAgent(
  exported: AgentExport,
  deps: { store: Store; registry: EnvRegistry; limits: { maxPlanRollouts: number } },
): Promise<string> {
  const r = fromStorable<Partial<AgentRecord>>(exported.agent);
  if (r?.type !== 'mpc' || typeof r.config !== 'object' || !r.observation_space || !r.action_space) {
    throw new AgentArgumentError('agent', 'not an exported mpc agent record');
  }
  const actions = planActions(r.action_space);
  const config = resolveMpcConfig(r.preset, r.config, actions, deps.limits);
  const layout = layoutFor(r.observation_space, r.action_space, {
    reward: config.model.learned_reward,
    termination: config.model.learned_termination,
  });
  if (r.known) resolveEnv(deps.registry, r.known);
  const width = actionRowWidth(layout);
  const segments = (exported.transitions ?? []).map((t, i) => {
    const bytes = toBytes(t, `transitions.${i}`);
    try {
      decodeSegment(bytes, layout.obsDim, width);
    } catch (err) {
      throw new AgentArgumentError(`transitions.${i}`, (err as Error).message);
    }
    return bytes;
  });
  if (exported.value && !exported.model) throw new AgentArgumentError('value', 'a value needs its model');
  const valueMeta = (exported.value?.meta ?? {}) as { validation_mse?: number[]; target_range?: unknown };
  const range = valueMeta.target_range;
  if (
    exported.value &&
    !(Array.isArray(range) && range.length === 2 && range.every(Number.isFinite) && range[0] <= range[1])
  ) {
    throw new AgentArgumentError('value.meta.target_range', 'must be the [lowest, highest] fitted target');
  }
  const ensemble = exported.model
    ? await importedEnsemble(exported.model, 'model', inputDim(layout), outputDim(layout))
    : undefined;
  let value: Ensemble | undefined;
  try {
    value = exported.value ? await importedEnsemble(exported.value, 'value', layout.obsDim, 1) : undefined;
    if (value && !value.config.deterministic) {
      throw new AgentArgumentError('value', 'a value ensemble has deterministic members');
    }
  } catch (err) {
    ensemble?.dispose();
    value?.dispose();
    throw err;
  }
  const record: AgentRecord = {
    ...(r as AgentRecord),
    id: newId('ag'),
    config,
    layout,
    created_at: new Date().toISOString(),
  };
  const { store } = deps;
  try {
    await store.createDoc('agents', record.id, toStorable(record));
    for (const bytes of segments) await store.appendSegment(transitionStream(record.id), bytes);
    if (ensemble) {
      const meta = (exported.model?.meta ?? {}) as { transitions?: number; validation_mse?: number[] };
      await saveVersion(
        store,
        record.id,
        ensemble,
        { transitions: meta.transitions ?? 0, validationMse: meta.validation_mse ?? [] },
        value
          ? {
              ensemble: value,
              validationMse: valueMeta.validation_mse ?? [],
              targetRange: range as [number, number],
            }
          : undefined,
      );
    }
  } finally {
    ensemble?.dispose();
    value?.dispose();
  }
  return record.id;
}
