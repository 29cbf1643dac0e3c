/**
 * The agent-family seam: what every kind of agent (MPC, SAC, MBPO, goal-conditioned, meta-RL,
 * ...) tells the service, the way `planners/` describes its planners. The service, the routes,
 * the jobs, export and import are written against this interface alone; a family is one folder
 * under `src/agents/` that implements it and is listed once in `families.ts`.
 * @module
 */
import type { TransitionSchema } from '../experience/columns.ts';
import type { TransitionReader } from '../experience/reader.ts';
import type { components } from '../generated/openapi.ts';
import type { JobContext } from '../jobs/types.ts';
import type { SpaceDescription } from '../spaces/space.ts';
import type { Store } from '../store/store.ts';
import type { AgentRecord } from './record.ts';
import type { ArtifactBytes, LoadedVersion } from './versions.ts';

/** What can be asked of an agent (the spec's `AgentOperation`). */
export type AgentOperation = components['schemas']['AgentOperation'];

/** The operations that run as jobs, each with its job kind `agent-<operation>`. */
export type AgentJobOperation = Extract<AgentOperation, 'train' | 'learn' | 'evaluate' | 'meta-train'>;

/** A named starting configuration and where its numbers come from. */
export interface AgentPreset<C> {
  name: string;
  description: string;
  /** Paper, library config or measurement the settings come from. */
  source: string;
  config: C;
}

/** The spaces an agent is made for. */
export interface AgentSpaces {
  observation: SpaceDescription;
  action: SpaceDescription;
}

/** Limits of the spec's `x-limits` a family's configs must respect. */
export interface AgentLimits {
  maxPlanRollouts: number;
  /** FLOPs one plan call may cost (see mpc/plan-cost.ts). */
  maxPlanFlops: number;
  maxTransitionsPerRequest: number;
  /** Values an off-policy agent's replay buffer may hold (capacity x values per transition). */
  maxReplayValues: number;
}

/** What {@link AgentFamily.resolveConfig} gets. */
export interface ConfigRequest {
  /** The preset named by the request (the family's first preset when absent). */
  preset?: string;
  /** The request's partial config (validated against the family's schema by the route). */
  config?: unknown;
  spaces: AgentSpaces;
  limits: AgentLimits;
  /** Whether a served env declares the reward and termination (false: they must be learned). */
  known: boolean;
}

/** Options of one act or plan call. */
export interface ActOptions {
  /** Seeds every random draw of the call: the same inputs and seed give the same answer. */
  seed: number;
  /** The family's context bytes from the previous answer (opened and checked by the service). */
  context?: Uint8Array;
  /** Sample from the policy instead of acting greedily (families with stochastic policies). */
  explore?: boolean;
}

/** An answer of {@link AgentPolicy.act} or {@link AgentPolicy.plan}. */
export interface PolicyAnswer {
  /** The action as a row of the agent's action width (a Discrete index from 0). */
  action: Float32Array;
  /** The family's context for the next call (sealed by the service), if it keeps one. */
  context?: Uint8Array;
  /** Further wire fields of the answer (plan: the whole plan and its predictions). */
  details?: Record<string, unknown>;
}

/** One version of an agent, built to act. Built once per (agent, version) and reused. */
export interface AgentPolicy {
  readonly version: number;
  /**
   * The action for one observation. Throws InvalidContextError for a context that does not fit
   * this version (e.g. a planner's horizon changed).
   */
  act(observation: Float32Array, options: ActOptions): PolicyAnswer;
  /** Families with the `plan` operation: the action with the plan behind it. */
  plan?(observation: Float32Array, options: ActOptions): PolicyAnswer;
  /** Frees tensors and threads. */
  dispose(): Promise<void>;
}

/** What every agent job opens in its worker thread (see jobs/job-env.ts). */
export interface AgentJobEnv {
  store: Store;
  reader: TransitionReader;
  record: AgentRecord;
  params: Record<string, unknown>;
}

/** What a family's job handler gets: the job's context, the opened job, and the agent's family. */
export type AgentJobHandler = (ctx: JobContext, job: AgentJobEnv, family: AgentFamily) => Promise<unknown>;

/** See the module doc. `C` is the family's full (stored) config. */
export interface AgentFamily<C = unknown> {
  /** The agent type, the discriminator of `CreateAgentRequest` and `Agent`. */
  readonly type: string;
  readonly description: string;
  /** The name of the config schema under the spec's `components/schemas`. */
  readonly configSchema: string;
  /** The presets, `default` first. */
  readonly presets: readonly AgentPreset<C>[];
  /** What the family offers; anything else is a 422 `not-supported`. */
  readonly operations: ReadonlySet<AgentOperation>;
  /** Throws AgentArgumentError naming what the family needs when it cannot act in these spaces. */
  accepts(spaces: AgentSpaces): void;
  /** The full config: preset, then the request's fields. Throws AgentArgumentError. */
  resolveConfig(request: ConfigRequest): C;
  /**
   * The stored record of a new agent, with whatever the family derives from its config and
   * spaces (called after {@link resolveConfig}).
   */
  complete(record: AgentRecord<C>): AgentRecord<C>;
  /** The transition columns the agent's data holds (goals, task ids, images where it needs them). */
  transitionSchema(record: AgentRecord<C>): TransitionSchema;
  /** Builds one version's policy (the caller disposes it). */
  load(record: AgentRecord<C>, version: LoadedVersion): Promise<AgentPolicy>;
  /** Fields the agent's view shows about its latest version (e.g. validation errors). */
  versionSummary(version: LoadedVersion['record']): Record<string, unknown>;
  /**
   * Checks the artifacts of an imported version against the record (sizes, ranges) before
   * anything is stored; throws AgentArgumentError naming the bad part.
   */
  checkArtifacts(record: AgentRecord<C>, artifacts: Readonly<Record<string, ArtifactBytes>>): Promise<void>;
  /**
   * Checks a job request's parameters before it is queued (fields meant for another family);
   * throws AgentArgumentError naming the field. Absent: every field of the request is fine.
   */
  checkJobParams?(operation: AgentJobOperation, params: Readonly<Record<string, unknown>>): void;
  /** Its job handlers, by operation; the operations listed here are among {@link operations}. */
  readonly jobs: Partial<Record<AgentJobOperation, AgentJobHandler>>;
}
