/**
 * The agents service: everything the agent and external-env routes do, on the store, the env
 * registry, the job runner and the key ring. No HTTP here: inputs are decoded values, errors are
 * the agents layer's (see errors.ts) and the store's, outputs are wire-shaped plain objects.
 * @module
 */
import { randomInt } from 'node:crypto';
import { type EnvRef, resolveEnv } from '../envs/env-ref.ts';
import type { EnvRegistry } from '../envs/registry.ts';
import { TransitionReader, transitionStream } from '../experience/reader.ts';
import { encodeSegment } from '../experience/segments.ts';
import type { components } from '../generated/openapi.ts';
import type { JobRecord, JobRunner } from '../jobs/index.ts';
import type { Keyring } from '../state/keyring.ts';
import { ID_PATTERN } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { openContext, sealContext } from './context.ts';
import { AgentArgumentError, NotSupportedError, NotTrainedError, UnknownResourceError } from './errors.ts';
import { agentEtag, checkEtag } from './etag.ts';
import { ExternalEnvs, rewardRef } from './external-envs.ts';
import { AGENT_FAMILIES, familyOf } from './families.ts';
import type { AgentFamily, AgentJobOperation, AgentLimits, AgentOperation } from './family.ts';
import { newId } from './ids.ts';
import type { AgentJobKind } from './job-kinds.ts';
import { PolicyCache } from './policy-cache.ts';
import type { AgentRecord } from './record.ts';
import { envAction, observationWidth } from './spaces.ts';
import { fromStorable, toStorable } from './storable.ts';
import { type AgentExport, exportAgent, importAgent } from './transfer.ts';
import { type NumArray, parseTransitionBatch, type TransitionBatch } from './transition-batch.ts';
import { deleteVersions, latestVersion, versionRecord } from './versions.ts';

type Schemas = components['schemas'];

export type { AgentLimits } from './family.ts';

const COLLECTION = 'agents';

/** What the service is built on. */
export interface AgentServiceDeps {
  store: Store;
  registry: EnvRegistry;
  keyring: Keyring;
  jobs: JobRunner;
  limits: AgentLimits;
  /** Policies kept built (LRU); default 4. */
  policyCacheSize?: number;
  /** The agent families offered; default every family (families.ts). */
  families?: readonly AgentFamily[];
}

/** A create request (validated against the spec). */
export type CreateAgent = Schemas['CreateAgentRequest'];

/** The wire form of an agent. */
export type AgentView = Schemas['Agent'];

/** The job operation of each agent job kind. */
const jobOperation: Record<AgentJobKind, AgentOperation> = {
  'agent-train': 'train',
  'agent-learn': 'learn',
  'agent-evaluate': 'evaluate',
};

/** See the module doc. */
export class AgentService {
  readonly externalEnvs: ExternalEnvs;
  readonly reader: TransitionReader;
  readonly #deps: AgentServiceDeps;
  readonly #policies: PolicyCache;
  readonly #families: readonly AgentFamily[];

  constructor(deps: AgentServiceDeps) {
    this.#deps = deps;
    this.externalEnvs = new ExternalEnvs(deps.store, deps.registry);
    this.reader = new TransitionReader(deps.store);
    this.#families = deps.families ?? AGENT_FAMILIES;
    this.#policies = new PolicyCache(deps.store, deps.policyCacheSize ?? 4, (type) => this.#familyOf(type));
  }

  /** Agent types with their operations and presets (the config schema is the spec's, added by the route). */
  types() {
    return this.#families.map((f) => ({
      type: f.type,
      description: f.description,
      config_schema_name: f.configSchema,
      operations: [...f.operations],
      presets: f.presets.map((p) => ({
        name: p.name,
        description: p.description,
        source: p.source,
        config: p.config as Record<string, unknown>,
      })),
    }));
  }

  /** Creates an agent for a served env or an external env. */
  async create(req: CreateAgent): Promise<{ agent: AgentView; etag: string }> {
    const family = this.#familyOf(req.type);
    if ((req.env_id === undefined) === (req.external_env_id === undefined)) {
      throw new AgentArgumentError('env_id', 'give exactly one of env_id and external_env_id');
    }
    let env: EnvRef | undefined;
    let known: EnvRef | undefined;
    let observation: AgentRecord['observation_space'];
    let action: AgentRecord['action_space'];
    if (req.env_id !== undefined) {
      env = {
        envId: req.env_id,
        ...(req.env_kwargs ? { kwargs: req.env_kwargs } : {}),
        ...(req.task ? { task: req.task } : {}),
      };
      const resolved = resolveEnv(this.#deps.registry, env);
      observation = resolved.env.observationSpace(resolved.params).describe();
      action = resolved.env.actionSpace(resolved.params).describe();
      known = env;
    } else {
      if (req.env_kwargs || req.task)
        throw new AgentArgumentError('env_kwargs', 'env_kwargs and task are for served envs (env_id)');
      const external = await this.externalEnvs.get(req.external_env_id!);
      observation = external.observation_space;
      action = external.action_space;
      known = rewardRef(external);
    }
    const spaces = { observation, action };
    family.accepts(spaces);
    const config = family.resolveConfig({
      ...(req.preset !== undefined ? { preset: req.preset } : {}),
      ...(req.config !== undefined ? { config: req.config } : {}),
      spaces,
      limits: this.#deps.limits,
      known: known !== undefined,
    });
    const record = family.complete({
      id: newId('ag'),
      type: family.type,
      ...(req.name !== undefined ? { name: req.name } : {}),
      ...(env ? { env } : {}),
      ...(req.external_env_id !== undefined ? { external_env_id: req.external_env_id } : {}),
      preset: req.preset ?? family.presets[0]!.name,
      config,
      observation_space: observation,
      action_space: action,
      ...(known ? { known } : {}),
      created_at: new Date().toISOString(),
    });
    await this.#deps.store.createDoc(COLLECTION, record.id, toStorable(record));
    return this.view(record.id);
  }

  /** The stored record; UnknownResourceError when absent. */
  async record(id: string): Promise<{ record: AgentRecord; docEtag: string }> {
    // An id the store could not hold names no agent (the store would refuse it as malformed).
    if (!ID_PATTERN.test(id)) throw new UnknownResourceError('agent', id);
    try {
      const { value, etag } = await this.#deps.store.getDoc(COLLECTION, id);
      return { record: fromStorable<AgentRecord>(value), docEtag: etag };
    } catch (err) {
      if ((err as { code?: string }).code === 'not-found') throw new UnknownResourceError('agent', id);
      throw err;
    }
  }

  /** The agent as the API shows it, with its ETag. */
  async view(id: string): Promise<{ agent: AgentView; etag: string }> {
    const { record, docEtag } = await this.record(id);
    return this.#viewOf(record, docEtag);
  }

  async #viewOf(record: AgentRecord, docEtag: string): Promise<{ agent: AgentView; etag: string }> {
    const { store } = this.#deps;
    const version = await latestVersion(store, record.id);
    const seq = await store.streamVersion(transitionStream(record.id));
    const transitions = await this.#count(record);
    const latest = version > 0 ? await versionRecord(store, record.id, version) : undefined;
    const agent = {
      id: record.id,
      type: record.type,
      ...(record.name !== undefined ? { name: record.name } : {}),
      ...(record.env ? { env_id: record.env.envId } : {}),
      ...(record.env?.kwargs ? { env_kwargs: record.env.kwargs } : {}),
      ...(record.env?.task !== undefined ? { task: record.env.task } : {}),
      ...(record.external_env_id !== undefined ? { external_env_id: record.external_env_id } : {}),
      preset: record.preset,
      config: record.config,
      observation_space: record.observation_space,
      action_space: record.action_space,
      version,
      transitions,
      ...(latest ? this.#familyOf(record.type).versionSummary(latest.record) : {}),
      created_at: record.created_at,
    } as AgentView;
    return { agent, etag: agentEtag(docEtag, version, seq) };
  }

  async list(options: {
    limit?: number;
    after?: string;
  }): Promise<{ items: AgentView[]; next: string | null }> {
    const page = await this.#deps.store.listDocs(COLLECTION, options);
    const items = await Promise.all(
      page.items.map(async (i) => (await this.#viewOf(fromStorable<AgentRecord>(i.value), i.etag)).agent),
    );
    return { items, next: page.next };
  }

  /** Deletes an agent, its versions and its data; `ifMatch` must be its current ETag when given. */
  async delete(id: string, ifMatch?: string): Promise<void> {
    const { store } = this.#deps;
    const { record, docEtag } = await this.record(id);
    checkEtag(ifMatch, (await this.#viewOf(record, docEtag)).etag);
    await store.deleteDoc(COLLECTION, id, { ifMatch: docEtag });
    await deleteVersions(store, id);
    await store.deleteStream(transitionStream(id));
    this.reader.forget(id);
    await this.#policies.forget(id);
  }

  /** Appends a batch of transitions (one segment). */
  async addTransitions(
    id: string,
    batch: TransitionBatch,
    ifMatch?: string,
  ): Promise<{ added: number; transitions: number; segment: number }> {
    const { record, docEtag } = await this.record(id);
    const family = this.#supporting(record, 'transitions');
    const schema = family.transitionSchema(record);
    const t = parseTransitionBatch(record, batch, this.#deps.limits.maxTransitionsPerRequest, schema);
    const stream = transitionStream(id);
    let expectedSeq: number | undefined;
    if (ifMatch !== undefined) {
      checkEtag(ifMatch, (await this.#viewOf(record, docEtag)).etag);
      expectedSeq = (await this.#deps.store.streamVersion(stream)) + 1;
    }
    const bytes = encodeSegment(t, schema);
    const { seq } = await this.#deps.store.appendSegment(
      stream,
      bytes,
      expectedSeq === undefined ? {} : { expectedSeq },
    );
    const total = await this.#count(record);
    return { added: t.n, transitions: total, segment: seq };
  }

  /**
   * The action for an observation (`act`), or with `predict` the whole plan behind it (`plan`):
   * deterministic in (version, observation, context, seed).
   */
  async plan(
    id: string,
    req: { observation: NumArray; context?: string; seed?: number; version?: number; explore?: boolean },
    predict: boolean,
  ) {
    const { record } = await this.record(id);
    this.#supporting(record, predict ? 'plan' : 'act');
    const obs = req.observation.values;
    const width = observationWidth(record.observation_space);
    if (obs.length !== width) {
      throw new AgentArgumentError(
        'observation',
        `the agent's observations have ${width} values, got ${obs.length}`,
      );
    }
    for (const v of obs)
      if (!Number.isFinite(v))
        throw new AgentArgumentError('observation', 'observation holds a non-finite number');
    const { store, keyring } = this.#deps;
    let context: Uint8Array | undefined;
    let version = req.version;
    if (req.context !== undefined) {
      const opened = await openContext(store, req.context, id, keyring);
      context = opened.bytes;
      version ??= opened.version;
    }
    const policy = await this.#policies.get(record, version);
    const seed = req.seed ?? randomInt(2 ** 47);
    const options = { seed, ...(context ? { context } : {}), ...(req.explore ? { explore: true } : {}) };
    const out = predict && policy.plan ? policy.plan(obs, options) : policy.act(obs, options);
    return {
      action: envAction(record.action_space, out.action),
      ...(out.context ? { context: await sealContext(store, id, policy.version, out.context, keyring) } : {}),
      version: policy.version,
      seed,
      ...(predict ? out.details : {}),
    };
  }

  /** Submits an agent job after checking the agent and the request. */
  async submit(kind: AgentJobKind, id: string, params: Record<string, unknown>): Promise<JobRecord> {
    const { record } = await this.record(id);
    const family = this.#supporting(record, jobOperation[kind]);
    family.checkJobParams?.(jobOperation[kind] as AgentJobOperation, params);
    if (kind !== 'agent-train') {
      const envId = (params.env_id as string | undefined) ?? record.env?.envId;
      if (envId === undefined) {
        throw new AgentArgumentError(
          'env_id',
          'this agent is for an external env: name a served env_id to run episodes on',
        );
      }
      const ref: EnvRef = {
        envId,
        ...(params.env_kwargs
          ? { kwargs: params.env_kwargs as Record<string, unknown> }
          : record.env?.kwargs
            ? { kwargs: record.env.kwargs }
            : {}),
      };
      const { env, params: envParams } = resolveEnv(this.#deps.registry, ref);
      const obs = env.observationSpace(envParams).describe();
      const act = env.actionSpace(envParams).describe();
      if (
        JSON.stringify(obs) !== JSON.stringify(record.observation_space) ||
        JSON.stringify(act) !== JSON.stringify(record.action_space)
      ) {
        throw new AgentArgumentError(
          'env_id',
          `${envId}'s spaces differ from the agent's: the agent cannot act in it`,
        );
      }
      if (kind === 'agent-evaluate' && (await latestVersion(this.#deps.store, id)) === 0)
        throw new NotTrainedError(id);
    }
    return this.#deps.jobs.submit(kind, { agent_id: id, ...params });
  }

  /** The agent as one object (see transfer.ts). */
  async exportAgent(id: string): Promise<AgentExport> {
    const { record } = await this.record(id);
    this.#supporting(record, 'export');
    return exportAgent(this.#deps.store, record);
  }

  /** Creates a new agent (new id) from an export (see transfer.ts). */
  async importAgent(exported: AgentExport): Promise<{ agent: AgentView; etag: string }> {
    return this.view(await importAgent(exported, this.#deps));
  }

  #familyOf(type: string): AgentFamily {
    return familyOf(type, 'type', this.#families);
  }

  /** Throws NotSupportedError unless the agent's family offers `operation`; returns the family. */
  #supporting(record: AgentRecord, operation: AgentOperation): AgentFamily {
    const family = this.#familyOf(record.type);
    if (!family.operations.has(operation))
      throw new NotSupportedError(family.type, operation, [...family.operations]);
    return family;
  }

  /** Rows of transitions the agent holds. */
  #count(record: AgentRecord): Promise<number> {
    return this.reader.count(record.id, this.#familyOf(record.type).transitionSchema(record));
  }

  /** Frees every cached policy (server shutdown). */
  async close(): Promise<void> {
    await this.#policies.close();
  }
}
