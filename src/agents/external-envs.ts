/**
 * External envs: simulators that run on the client. Registering one stores its spaces (and,
 * optionally, which served env's reward and termination apply to its observations) so agents can
 * be made for it; the agents learn what it does not declare from the transitions clients post.
 * @module
 */

import { type EnvRef, resolveEnv } from '../envs/env-ref.ts';
import type { EnvRegistry } from '../envs/registry.ts';
import type { SpaceDescription } from '../spaces/space.ts';
import type { Store } from '../store/store.ts';
import { AgentArgumentError, UnknownResourceError } from './errors.ts';
import { newId } from './ids.ts';
import { actionWidth, observationWidth, parseSpace } from './spaces.ts';
import { fromStorable, toStorable } from './storable.ts';

const COLLECTION = 'external-envs';

/** A registered external env (wire form). */
export interface ExternalEnv {
  id: string;
  name?: string;
  observation_space: SpaceDescription;
  action_space: SpaceDescription;
  reward?: { env_id: string; env_kwargs?: Record<string, unknown>; task?: unknown };
  max_episode_steps?: number;
  created_at: string;
}

/** The registration request (validated against the spec already). */
export type CreateExternalEnv = Omit<ExternalEnv, 'id' | 'created_at'>;

/** The reward reference of an external env as planners take it. */
export function rewardRef(env: ExternalEnv): EnvRef | undefined {
  const r = env.reward;
  return (
    r && {
      envId: r.env_id,
      ...(r.env_kwargs ? { kwargs: r.env_kwargs } : {}),
      ...(r.task !== undefined ? { task: r.task } : {}),
    }
  );
}

/** Registered external envs in the store. */
export class ExternalEnvs {
  constructor(
    readonly store: Store,
    readonly registry: EnvRegistry,
  ) {}

  /** Registers one; throws AgentArgumentError for spaces agents cannot use or a reward env that does not fit. */
  async create(req: CreateExternalEnv): Promise<ExternalEnv> {
    const observation = parseSpace(req.observation_space, 'observation_space');
    const action = parseSpace(req.action_space, 'action_space');
    const obsDim = observationWidth(observation);
    actionWidth(action);
    if (req.reward) {
      // Throws UnknownEnvError (404) for an unknown id, EnvArgumentError (422) for bad kwargs or task.
      const { env, params } = resolveEnv(this.registry, rewardRef(req as ExternalEnv)!);
      const width = env.observationSpace(params).describe();
      if (width.type !== 'Box' || width.shape.reduce((a, b) => a * b, 1) !== obsDim) {
        throw new AgentArgumentError(
          'reward.env_id',
          `${req.reward.env_id}'s observations do not have ${obsDim} values, so its reward cannot apply`,
        );
      }
    }
    const record: ExternalEnv = {
      id: newId('xe'),
      ...(req.name !== undefined ? { name: req.name } : {}),
      observation_space: observation,
      action_space: action,
      ...(req.reward ? { reward: req.reward } : {}),
      ...(req.max_episode_steps !== undefined ? { max_episode_steps: req.max_episode_steps } : {}),
      created_at: new Date().toISOString(),
    };
    await this.store.createDoc(COLLECTION, record.id, toStorable(record));
    return record;
  }

  async get(id: string): Promise<ExternalEnv> {
    return fromStorable<ExternalEnv>((await this.#doc(id)).value);
  }

  async list(options: {
    limit?: number;
    after?: string;
  }): Promise<{ items: ExternalEnv[]; next: string | null }> {
    const page = await this.store.listDocs(COLLECTION, options);
    return { items: page.items.map((i) => fromStorable<ExternalEnv>(i.value)), next: page.next };
  }

  async delete(id: string): Promise<void> {
    await this.#doc(id);
    await this.store.deleteDoc(COLLECTION, id);
  }

  async #doc(id: string) {
    try {
      return await this.store.getDoc(COLLECTION, id);
    } catch (err) {
      if ((err as { code?: string }).code === 'not-found' || err instanceof RangeError)
        throw new UnknownResourceError('external-env', id);
      throw err;
    }
  }
}
