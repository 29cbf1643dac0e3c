import type { ModelgymClient } from './client.ts';
import { resetNeeded, unwrap } from './errors.ts';
import type { components } from './generated/openapi.ts';
import { type EnvSpec, type Info, type MadeEnv, type MakeOptions, makeEnv } from './remote-env.ts';
import {
  type Action,
  decodeValue,
  encodeAction,
  flatNumbers,
  type Observation,
  type Space,
  sizeOf,
} from './spaces.ts';
import {
  decodeTensor,
  dtypeOf,
  encodeTensor,
  isTensor,
  isTypedArray,
  type NDArray,
  type TypedArray,
  typedArrayOf,
} from './tensor.ts';

type Schemas = components['schemas'];

/** Gymnasium's `AutoresetMode`: `next_step` (default), `same_step` or `disabled`. */
export type AutoresetMode = Schemas['AutoresetMode'];

/** Options of {@link RemoteVectorEnv.make}. */
export interface VectorMakeOptions extends MakeOptions {
  /** How sub-envs that ended restart (see the vector step operation); `next_step` by default. */
  autoresetMode?: AutoresetMode;
}

/** Vector `reset` arguments; `options.reset_mask` resets only the marked sub-envs. */
export interface VectorResetOptions {
  /** Sub-env `i` is seeded `seed + i`. */
  seed?: number;
  options?: Schemas['VectorResetOptions'];
}

/**
 * A batch of observations: one `[numEnvs, ...shape]` array for Box, Discrete, MultiBinary and
 * MultiDiscrete spaces; one {@link Observation} per sub-env for Dict and Tuple spaces.
 */
export type VectorObservation = NDArray | Observation[];

/** Vector `reset` result. */
export interface VectorResetResult<Obs = NDArray> {
  observation: Obs;
  /** Gymnasium's vector info: each key an array over sub-envs, with a `_key` mask beside it. */
  info: Info;
}

/** Vector `step` result. */
export interface VectorStepResult<Obs = NDArray> extends VectorResetResult<Obs> {
  reward: Float64Array;
  terminated: boolean[];
  truncated: boolean[];
}

/**
 * Actions for every sub-env: a flat typed array or flat numbers (`numEnvs × action size`,
 * row-major), one action per sub-env, or, for Dict/Tuple spaces, an array of actions.
 */
export type VectorAction = TypedArray | readonly number[] | readonly Action[];

function flags(value: unknown): boolean[] {
  return isTensor(value) ? Array.from(decodeTensor(value).data, Boolean) : (value as boolean[]);
}

function rewards(value: unknown): Float64Array {
  if (!isTensor(value)) return Float64Array.from(value as number[]);
  const { data } = decodeTensor(value);
  return data instanceof Float64Array ? data : Float64Array.from(data, Number);
}

/**
 * A batch of `numEnvs` copies of an env (Gymnasium's vector env), stepped in one request each
 * way. Actions go out and observations come back as binary tensors; the whole batch lives in one
 * sealed state token.
 *
 * ```ts
 * const envs = await RemoteVectorEnv.make('Pendulum-v1', 8, { baseUrl });
 * const { observation } = await envs.reset({ seed: 0 }); // observation.data: Float32Array [8 * 3]
 * const step = await envs.step(new Float32Array(8)); // reward: Float64Array, terminated: boolean[]
 * ```
 */
export class RemoteVectorEnv<Obs extends VectorObservation = NDArray> {
  /** The API client this env calls. */
  readonly client: ModelgymClient;
  /** Number of sub-envs. */
  readonly numEnvs: number;
  /** How ended sub-envs restart. */
  readonly autoresetMode: AutoresetMode;
  /** Spec of every sub-env. */
  readonly spec: EnvSpec;
  /** Observation space of one sub-env (Gymnasium's `single_observation_space`). */
  readonly singleObservationSpace: Space;
  /** Action space of one sub-env (Gymnasium's `single_action_space`). */
  readonly singleActionSpace: Space;
  /** The batch's sealed state token (`undefined` before the first reset and after `close`). */
  stateToken: string | undefined;
  readonly #made: MadeEnv;

  /** Wraps what `make` answered; use {@link RemoteVectorEnv.make}. */
  constructor(made: MadeEnv, numEnvs: number, autoresetMode: AutoresetMode, stateToken?: string) {
    this.#made = made;
    this.client = made.client;
    this.numEnvs = numEnvs;
    this.autoresetMode = autoresetMode;
    this.spec = made.spec;
    this.singleObservationSpace = made.observationSpace;
    this.singleActionSpace = made.actionSpace;
    this.stateToken = stateToken;
  }

  /** Makes a batch of `numEnvs` envs `envId` (like `gymnasium.make_vec`). */
  static async make<Obs extends VectorObservation = NDArray>(
    envId: string,
    numEnvs: number,
    options: VectorMakeOptions = {},
  ): Promise<RemoteVectorEnv<Obs>> {
    if (!Number.isInteger(numEnvs) || numEnvs < 1) throw new RangeError(`numEnvs must be a positive integer`);
    return new RemoteVectorEnv<Obs>(
      await makeEnv(envId, options),
      numEnvs,
      options.autoresetMode ?? 'next_step',
    );
  }

  #path() {
    return { params: { path: { env_id: this.spec.id } } };
  }

  /**
   * Resets the sub-envs: with `seed` s, sub-env `i` is seeded `s + i`; without, every sub-env
   * continues its own generator. With `options.reset_mask`, only the marked sub-envs restart.
   */
  async reset(args: VectorResetOptions = {}): Promise<VectorResetResult<Obs>> {
    const useToken = args.seed === undefined || args.options?.reset_mask !== undefined;
    const state = useToken ? this.stateToken : undefined;
    const body: Schemas['VectorResetRequest'] = {
      num_envs: this.numEnvs,
      seed: args.seed,
      options: args.options,
      kwargs: state === undefined ? this.#made.kwargs : undefined,
      autoreset_mode: this.autoresetMode,
      state,
    };
    const data = unwrap(await this.client.POST('/v1/envs/{env_id}/vector/reset', { ...this.#path(), body }));
    this.stateToken = data.state;
    return { observation: this.#observation(data.observation), info: data.info };
  }

  /** Steps every sub-env with its action; ended sub-envs restart per {@link autoresetMode}. */
  async step(actions: VectorAction): Promise<VectorStepResult<Obs>> {
    const state = this.stateToken;
    if (state === undefined) throw resetNeeded('step');
    const body = { state, action: this.#actions(actions) } as Schemas['VectorStepRequest'];
    const data = unwrap(await this.client.POST('/v1/envs/{env_id}/vector/step', { ...this.#path(), body }));
    this.stateToken = data.state;
    return {
      observation: this.#observation(data.observation),
      reward: rewards(data.reward),
      terminated: flags(data.terminated),
      truncated: flags(data.truncated),
      info: data.info,
    };
  }

  /** A second batch at the same point; the two continue independently. */
  fork(): RemoteVectorEnv<Obs> {
    return new RemoteVectorEnv<Obs>(this.#made, this.numEnvs, this.autoresetMode, this.stateToken);
  }

  /** Forgets the batch (nothing lives on the server). */
  close(): void {
    this.stateToken = undefined;
  }

  /** One `[numEnvs, ...action shape]` tensor, or an array of actions for Dict/Tuple spaces. */
  #actions(actions: VectorAction): unknown {
    const space = this.singleActionSpace;
    if (space.type === 'Dict' || space.type === 'Tuple') {
      return (actions as readonly Action[]).map((a) => encodeAction(space, a));
    }
    const rowShape = space.type === 'Discrete' ? [] : (space.shape ?? []);
    const size = sizeOf(space);
    let data: TypedArray;
    if (isTypedArray(actions) && dtypeOf(actions)) data = actions as TypedArray;
    else {
      const flat = flatNumbers(actions);
      const dtype = space.dtype ?? 'float64';
      const exact =
        dtype === 'float32' || dtype === 'float64' || flat.every((v) => Number.isInteger(Number(v)));
      // Non-integers for an integer space go as float64, for the server to refuse by name.
      data = typedArrayOf(exact ? dtype : 'float64', flat);
    }
    if (data.length !== this.numEnvs * size) {
      throw new RangeError(
        `expected ${this.numEnvs} actions of shape [${rowShape.join(', ')}] (${this.numEnvs * size} numbers), got ${data.length}`,
      );
    }
    return encodeTensor(data, [this.numEnvs, ...rowShape]);
  }

  #observation(value: unknown): Obs {
    if (isTensor(value)) return decodeTensor(value) as Obs;
    return (value as unknown[]).map((v) => decodeValue(this.singleObservationSpace, v)) as Obs;
  }
}
