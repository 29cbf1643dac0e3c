import { createModelgymClient, type ModelgymClient, type ModelgymClientOptions } from './client.ts';
import { resetNeeded, unwrap } from './errors.ts';
import type { components } from './generated/openapi.ts';
import {
  type Action,
  decodeSpace,
  decodeValue,
  encodeAction,
  type Observation,
  type Space,
} from './spaces.ts';
import { decodeTensor } from './tensor.ts';

type Schemas = components['schemas'];

/** Gymnasium's `info` dict. */
export type Info = Record<string, unknown>;

/** Gymnasium's `EnvSpec`, as far as the server tells it. */
export interface EnvSpec {
  id: string;
  maxEpisodeSteps: number | null;
  rewardThreshold: number | null;
  /** The kwargs in effect (defaults merged with the ones given to `make`). */
  kwargs: Record<string, unknown>;
}

/** Options of `RemoteEnv.make` and `RemoteVectorEnv.make`. */
export interface MakeOptions extends ModelgymClientOptions {
  /** Constructor arguments, as in `gymnasium.make(id, **kwargs)`. */
  kwargs?: Record<string, unknown>;
  /** A client to share (its `baseUrl`, `format` and `fetch` win over the options beside it). */
  client?: ModelgymClient;
}

/** What `make` learns about an env: spaces, spec and doc block. */
export interface MadeEnv {
  client: ModelgymClient;
  /** The kwargs given to `make` (sent with seeded resets; the token carries them afterwards). */
  kwargs: Record<string, unknown>;
  spec: EnvSpec;
  observationSpace: Space;
  actionSpace: Space;
  doc: Schemas['EnvDoc'];
}

/** Calls `POST /v1/envs/{env_id}/make`: validates kwargs and describes the env they make. */
export async function makeEnv(envId: string, options: MakeOptions = {}): Promise<MadeEnv> {
  const client = options.client ?? createModelgymClient(options);
  const kwargs = options.kwargs ?? {};
  const detail = unwrap(
    await client.POST('/v1/envs/{env_id}/make', { params: { path: { env_id: envId } }, body: { kwargs } }),
  );
  return {
    client,
    kwargs,
    spec: {
      id: detail.id,
      maxEpisodeSteps: detail.max_episode_steps,
      rewardThreshold: detail.reward_threshold,
      kwargs: detail.kwargs,
    },
    observationSpace: decodeSpace(detail.observation_space),
    actionSpace: decodeSpace(detail.action_space),
    doc: detail.doc,
  };
}

/** `reset` arguments, as Gymnasium's `reset(seed=None, options=None)`. */
export interface ResetOptions {
  seed?: number;
  options?: Schemas['ResetOptions'];
}

/** `reset` result. */
export interface ResetResult<Obs = Observation> {
  observation: Obs;
  info: Info;
}

/** `step` result: Gymnasium's 5-tuple as an object. */
export interface StepResult<Obs = Observation> extends ResetResult<Obs> {
  reward: number;
  terminated: boolean;
  truncated: boolean;
}

/** A frame of `render()`: RGB bytes, row-major `[height, width, 3]`. */
export interface Frame {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * A Gymnasium-style env served by modelgym. The server keeps nothing: this object holds the
 * episode's sealed state token and sends it with every call, so `fork()` is a copy and any
 * replica continues the episode.
 *
 * ```ts
 * const env = await RemoteEnv.make<Float32Array>('CartPole-v1', { baseUrl });
 * let { observation } = await env.reset({ seed: 0 });
 * const { reward, terminated, truncated } = await env.step(1);
 * ```
 */
export class RemoteEnv<Obs = Observation, Act = Action> {
  /** The API client this env calls. */
  readonly client: ModelgymClient;
  /** Id, step limit, reward threshold and kwargs in effect. */
  readonly spec: EnvSpec;
  /** The observation space (Gymnasium's `observation_space`). */
  readonly observationSpace: Space;
  /** The action space (Gymnasium's `action_space`). */
  readonly actionSpace: Space;
  /** Gymnasium's doc block of the env. */
  readonly doc: Schemas['EnvDoc'];
  /** The current episode's sealed state token (`undefined` before the first reset and after `close`). */
  stateToken: string | undefined;
  readonly #made: MadeEnv;

  /** Wraps what `make` answered; use {@link RemoteEnv.make}. */
  constructor(made: MadeEnv, stateToken?: string) {
    this.#made = made;
    this.client = made.client;
    this.spec = made.spec;
    this.observationSpace = made.observationSpace;
    this.actionSpace = made.actionSpace;
    this.doc = made.doc;
    this.stateToken = stateToken;
  }

  /**
   * Makes an env (like `gymnasium.make(envId, **kwargs)`): validates the kwargs on the server and
   * learns the spaces. Namespaced ids (`ns/Name-v0`) are percent-encoded in the path.
   * Throws {@link UnknownEnvError} or {@link InvalidArgumentError}.
   */
  static async make<Obs = Observation, Act = Action>(
    envId: string,
    options: MakeOptions = {},
  ): Promise<RemoteEnv<Obs, Act>> {
    return new RemoteEnv<Obs, Act>(await makeEnv(envId, options));
  }

  #path() {
    return { params: { path: { env_id: this.spec.id } } };
  }

  /**
   * Starts an episode. With `seed`, the generator is numpy's `default_rng(seed)` (Gymnasium's
   * observation for the same seed); without, the previous episode's generator continues, as a
   * second `env.reset()` does in Gymnasium.
   */
  async reset(args: ResetOptions = {}): Promise<ResetResult<Obs>> {
    const seeded = args.seed !== undefined;
    const continued = !seeded && this.stateToken !== undefined;
    const body: Schemas['ResetRequest'] = {
      seed: args.seed,
      options: args.options,
      kwargs: continued ? undefined : this.#made.kwargs,
      state: continued ? this.stateToken : undefined,
    };
    const data = unwrap(await this.client.POST('/v1/envs/{env_id}/reset', { ...this.#path(), body }));
    this.stateToken = data.state;
    return { observation: this.#observation(data.observation), info: data.info };
  }

  /**
   * Advances the episode by one action. Throws {@link InvalidActionError} (the episode is
   * unchanged) or {@link ResetNeededError} after the episode ended or before the first reset.
   */
  async step(action: Act): Promise<StepResult<Obs>> {
    const state = this.#token('step');
    const body = {
      state,
      action: encodeAction(this.actionSpace, action as Action),
    } as Schemas['StepRequest'];
    const data = unwrap(await this.client.POST('/v1/envs/{env_id}/step', { ...this.#path(), body }));
    this.stateToken = data.state;
    return {
      observation: this.#observation(data.observation),
      reward: data.reward,
      terminated: data.terminated,
      truncated: data.truncated,
      info: data.info,
    };
  }

  /** Draws the current state as RGB bytes (Gymnasium's `render_mode="rgb_array"`). */
  async render(): Promise<Frame> {
    const body = { state: this.#token('render'), mode: 'rgb_array' } as const;
    const data = unwrap(await this.client.POST('/v1/envs/{env_id}/render', { ...this.#path(), body }));
    const image = decodeTensor(data.image);
    const [height = 0, width = 0] = image.shape;
    return { width, height, data: image.data as Uint8Array };
  }

  /** A second env at the same point of the same episode; the two continue independently. */
  fork(): RemoteEnv<Obs, Act> {
    return new RemoteEnv<Obs, Act>(this.#made, this.stateToken);
  }

  /** Forgets the episode (nothing lives on the server). */
  close(): void {
    this.stateToken = undefined;
  }

  #token(call: string): string {
    if (this.stateToken === undefined) throw resetNeeded(call);
    return this.stateToken;
  }

  #observation(value: unknown): Obs {
    return decodeValue(this.observationSpace, value) as Obs;
  }
}
