/**
 * The agents service: everything the agent and external-env routes do, on the store, the env
 * registry, the job runner and the key ring. No HTTP here: inputs are decoded values, errors are
 * the agents layer's (see errors.ts) and the store's, outputs are wire-shaped plain objects.
 * @module
 */
import { randomInt } from 'node:crypto';
import type { EnvRegistry } from '../envs/registry.ts';
import type { JobRecord, JobRunner } from '../jobs/index.ts';
import { actionRowWidth } from '../models/layout.ts';
import type { PlanContext } from '../planners/planner.ts';
import { type EnvRef, resolveEnv } from '../planners/spec.ts';
import type { Keyring } from '../state/keyring.ts';
import type { Store } from '../store/store.ts';
import { openContext, sealContext } from './context.ts';
import { AgentArgumentError, InvalidContextError, NotTrainedError, UnknownResourceError } from './errors.ts';
import { agentEtag, checkEtag } from './etag.ts';
import { ExternalEnvs, rewardRef } from './external-envs.ts';
import { newId } from './ids.ts';
import { MPC_PRESETS, type MpcConfigInput, resolveMpcConfig } from './mpc/config.ts';
import type { PolicyPlan } from './mpc/policy.ts';
import { PolicyCache } from './policy-cache.ts';
import { type AgentRecord, envAction, layoutFor, planActions } from './record.ts';
import { fromStorable, toStorable } from './storable.ts';
import { type AgentExport, exportAgent, importAgent } from './transfer.ts';
import { type NumArray, parseTransitionBatch, type TransitionBatch } from './transition-batch.ts';
import { encodeSegment, TransitionReader, transitionStream } from './transitions.ts';
import { deleteVersions, latestVersion } from './versions.ts';

const COLLECTION = 'agents';

/** Limits from the spec's `x-limits`. */
export interface AgentLimits {
  maxPlanRollouts: number;
  maxTransitionsPerRequest: number;
}

/** What the service is built on. */
export interface AgentServiceDeps {
  store: Store;
  registry: EnvRegistry;
  keyring: Keyring;
  jobs: JobRunner;
  limits: AgentLimits;
  /** Policies kept built (LRU); default 4. */
  policyCacheSize?: number;
}

/** A create request (validated against the spec). */
export interface CreateAgent {
  type: 'mpc';
  name?: string;
  env_id?: string;
  env_kwargs?: Record<string, unknown>;
  task?: Record<string, unknown>;
  external_env_id?: string;
  preset?: string;
  config?: MpcConfigInput;
}

/** The wire form of an agent. */
export interface AgentView {
  id: string;
  type: 'mpc';
  name?: string;
  env_id?: string;
  env_kwargs?: Record<string, unknown>;
  task?: unknown;
  external_env_id?: string;
  preset: string;
  config: AgentRecord['config'];
  observation_space: AgentRecord['observation_space'];
  action_space: AgentRecord['action_space'];
  version: number;
  transitions: number;
  validation_mse?: number[];
  created_at: string;
}

/** Job kinds of the agents (see job-kinds.ts). */
export type AgentJobKind = 'agent-train' | 'agent-learn' | 'agent-evaluate';

function notFound(err: unknown): boolean {
  return (err as { code?: string }).code === 'not-found' || err instanceof RangeError;
}

/** See the module doc. */
export class AgentService {
  readonly externalEnvs: ExternalEnvs;
  readonly reader: TransitionReader;
  readonly #deps: AgentServiceDeps;
  readonly #policies: PolicyCache;

  constructor(deps: AgentServiceDeps) {
    this.#deps = deps;
    this.externalEnvs = new ExternalEnvs(deps.store, deps.registry);
    this.reader = new TransitionReader(deps.store);
    this.#policies = new PolicyCache(deps.store, deps.policyCacheSize ?? 4);
  }

  /** Agent types with their presets (the config schema is the spec's, added by the route). */
  types() {
    return [
      {
        type: 'mpc',
        description:
          'Model-predictive control over a learned probabilistic dynamics ensemble (PETS family): fit the ' +
          "ensemble on the agent's transitions, plan with random shooting, CEM, iCEM, MPPI/PDDM or gradients.",
        presets: MPC_PRESETS.map((p) => ({
          name: p.name,
          description: p.description,
          source: p.source,
          config: p.config,
        })),
      },
    ];
  }

  /** Creates an agent for a served env or an external env. */
  async create(req: CreateAgent): Promise<{ agent: AgentView; etag: string }> {
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
    const actions = planActions(action);
    const config = resolveMpcConfig(req.preset, req.config, actions, this.#deps.limits);
    if (!known) {
      // Nothing declares the reward or termination: the model learns both.
      config.model.learned_reward = true;
      config.model.learned_termination = true;
    }
    const record: AgentRecord = {
      id: newId('ag'),
      type: 'mpc',
      ...(req.name !== undefined ? { name: req.name } : {}),
      ...(env ? { env } : {}),
      ...(req.external_env_id !== undefined ? { external_env_id: req.external_env_id } : {}),
      preset: req.preset ?? 'default',
      config,
      observation_space: observation,
      action_space: action,
      layout: layoutFor(observation, action, {
        reward: config.model.learned_reward,
        termination: config.model.learned_termination,
      }),
      ...(known && !config.model.learned_reward ? { known } : {}),
      created_at: new Date().toISOString(),
    };
    await this.#deps.store.createDoc(COLLECTION, record.id, toStorable(record));
    return this.view(record.id);
  }

  /** The stored record; UnknownResourceError when absent. */
  async record(id: string): Promise<{ record: AgentRecord; docEtag: string }> {
    try {
      const { value, etag } = await this.#deps.store.getDoc(COLLECTION, id);
      return { record: fromStorable<AgentRecord>(value), docEtag: etag };
    } catch (err) {
      if (notFound(err)) throw new UnknownResourceError('agent', id);
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
    const transitions = await this.reader.count(
      record.id,
      record.layout.obsDim,
      actionRowWidth(record.layout),
    );
    const latest =
      version > 0
        ? await store.getVersion<{ validation_mse: number[] }>(COLLECTION, record.id, version)
        : undefined;
    const agent: AgentView = {
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
      ...(latest ? { validation_mse: latest.value.validation_mse } : {}),
      created_at: record.created_at,
    };
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
    const t = parseTransitionBatch(record, batch, this.#deps.limits.maxTransitionsPerRequest);
    const stream = transitionStream(id);
    let expectedSeq: number | undefined;
    if (ifMatch !== undefined) {
      checkEtag(ifMatch, (await this.#viewOf(record, docEtag)).etag);
      expectedSeq = (await this.#deps.store.streamVersion(stream)) + 1;
    }
    const bytes = encodeSegment(t, record.layout.obsDim, actionRowWidth(record.layout));
    const { seq } = await this.#deps.store.appendSegment(
      stream,
      bytes,
      expectedSeq === undefined ? {} : { expectedSeq },
    );
    const total = await this.reader.count(id, record.layout.obsDim, actionRowWidth(record.layout));
    return { added: t.n, transitions: total, segment: seq };
  }

  /** Plans from an observation (see the plan route). */
  async plan(
    id: string,
    req: { observation: NumArray; context?: string; seed?: number; version?: number },
    predict: boolean,
  ) {
    const { record } = await this.record(id);
    const obs = req.observation.values;
    if (obs.length !== record.layout.obsDim) {
      throw new AgentArgumentError(
        'observation',
        `the agent's observations have ${record.layout.obsDim} values, got ${obs.length}`,
      );
    }
    for (const v of obs)
      if (!Number.isFinite(v))
        throw new AgentArgumentError('observation', 'observation holds a non-finite number');
    let context: PlanContext | undefined;
    let version = req.version;
    if (req.context !== undefined) {
      const opened = openContext(req.context, id, this.#deps.keyring);
      context = opened.context;
      version ??= opened.version;
    }
    const policy = await this.#policies.get(record, version);
    const seed = req.seed ?? randomInt(2 ** 47);
    let out: PolicyPlan;
    try {
      out = policy.plan(obs, { seed, predict, ...(context ? { context } : {}) });
    } catch (err) {
      // A context from another version may not fit the planner (horizon changed): refuse it.
      if (err instanceof RangeError && context) throw new InvalidContextError(err.message);
      throw err;
    }
    const w = policy.actionWidth;
    const rows = (a: Float32Array, width: number) =>
      Array.from({ length: a.length / width }, (_, i) => Array.from(a.subarray(i * width, (i + 1) * width)));
    const sealed = sealContext(id, policy.version, out.context, this.#deps.keyring);
    const base = {
      action: envAction(record.action_space, out.action),
      context: sealed,
      version: policy.version,
      seed,
    };
    if (!predict) return base;
    const p = out.predictions!;
    const actions = rows(out.sequence, w).map((r) => envAction(record.action_space, Float32Array.from(r)));
    return {
      ...base,
      actions,
      value: out.value,
      predicted_observations: {
        mean: rows(p.observations.mean, record.layout.obsDim),
        std: rows(p.observations.std, record.layout.obsDim),
      },
      predicted_rewards: { mean: Array.from(p.rewards.mean), std: Array.from(p.rewards.std) },
      planner: record.config.planner.type,
      evaluations: out.evaluations,
    };
  }

  /** Submits an agent job after checking the agent and the request. */
  async submit(kind: AgentJobKind, id: string, params: Record<string, unknown>): Promise<JobRecord> {
    const { record } = await this.record(id);
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
    return exportAgent(this.#deps.store, (await this.record(id)).record);
  }

  /** Creates a new agent (new id) from an export (see transfer.ts). */
  async importAgent(exported: AgentExport): Promise<{ agent: AgentView; etag: string }> {
    return this.view(await importAgent(exported, this.#deps));
  }

  /** Frees every cached policy (server shutdown). */
  async close(): Promise<void> {
    await this.#policies.close();
  }
}
