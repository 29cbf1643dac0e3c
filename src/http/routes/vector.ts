import type { Context } from 'hono';
import { EnvArgumentError } from '../../envs/env.ts';
import { envInstance } from '../../envs/instance.ts';
import type { EnvRegistry } from '../../envs/registry.ts';
import { type VectorState, vectorReset, vectorStep } from '../../envs/vector.ts';
import type { components } from '../../generated/openapi.ts';
import { PACKED_RNG_BYTES } from '../../rng/generator.ts';
import type { Keyring } from '../../state/keyring.ts';
import { decodeVectorToken, encodeVectorToken } from '../../state/vector-token.ts';
import { reply } from '../codec.ts';
import type { Metrics } from '../metrics.ts';
import type { OperationHandler } from '../operation.ts';
import { batchToWire, splitRows, toWireTensor } from '../tensor.ts';
import { seedOf } from './seed.ts';

type Schemas = components['schemas'];

/** The batch cut down to its first sub-env (to measure a token's fixed and per-sub-env parts). */
function firstSubEnv(state: VectorState): VectorState {
  return {
    ...state,
    numEnvs: 1,
    physical: state.physical.slice(0, state.dim),
    rng: state.rng.slice(0, PACKED_RNG_BYTES),
    steps: state.steps.slice(0, 1),
    status: state.status.slice(0, 1),
    ...(state.tasks ? { tasks: state.tasks.slice(0, 1) } : {}),
  };
}

/** Handlers of the batched (vector) reset and step. */
export function vectorHandlers(deps: {
  registry: EnvRegistry;
  keyring: Keyring;
  metrics: Metrics;
  isGrader: (c: Context) => boolean;
  /** The spec's `StateToken.maxLength`: a batch whose token would be longer is refused at reset. */
  maxTokenLength: number;
}) {
  const { registry, keyring, metrics, isGrader, maxTokenLength } = deps;
  return {
    vectorReset: (c, { params, body }) => {
      const def = registry.get(params.env_id!);
      const req = body as Schemas['VectorResetRequest'];
      const previous = req.state === undefined ? undefined : decodeVectorToken(req.state, def.id, keyring);
      const result = vectorReset(def, {
        numEnvs: req.num_envs,
        seed: Array.isArray(req.seed)
          ? req.seed.map((s) => seedOf(s) ?? null)
          : seedOf(req.seed, req.num_envs - 1),
        options: req.options,
        kwargs: req.kwargs,
        mode: req.autoreset_mode,
        previous,
        privileged: isGrader(c),
      });
      const token = encodeVectorToken(result.state, keyring);
      if (token.length > maxTokenLength) {
        // Refused here, not at the first step: the server would not take this token back. The
        // token grows linearly with the batch: a one-sub-env token gives its fixed part.
        const one = encodeVectorToken(firstSubEnv(result.state), keyring).length;
        const perEnv = (token.length - one) / (req.num_envs - 1);
        const largest = Math.floor((maxTokenLength - (one - perEnv)) / perEnv);
        throw new EnvArgumentError(
          'num_envs',
          `a batch of ${req.num_envs} ${def.id} sub-envs makes a state token of ${token.length} characters, over the limit of ${maxTokenLength}; at most ${largest} fit`,
        );
      }
      const space = envInstance(def, result.state.kwargs).observationSpace;
      return reply(c, {
        observation: batchToWire(space, result.observations, req.array_format ?? 'tensor'),
        info: result.info,
        state: token,
      });
    },

    vectorStep: (c, { params, body }) => {
      const def = registry.get(params.env_id!);
      const req = body as Schemas['VectorStepRequest'];
      const state = decodeVectorToken(req.state, def.id, keyring);
      const result = vectorStep(def, state, splitRows(req.action, state.numEnvs), {
        privileged: isGrader(c),
      });
      metrics.envSteps.inc({ env_id: def.id }, state.numEnvs);
      const format = req.array_format ?? 'tensor';
      const space = envInstance(def, state.kwargs).observationSpace;
      const flags = (a: Uint8Array) =>
        format === 'tensor' ? toWireTensor(a, 'bool', [a.length]) : Array.from(a, Boolean);
      return reply(c, {
        observation: batchToWire(space, result.observations, format),
        reward:
          format === 'tensor'
            ? toWireTensor(result.rewards, 'float64', [state.numEnvs])
            : Array.from(result.rewards),
        terminated: flags(result.terminated),
        truncated: flags(result.truncated),
        info: result.info,
        state: encodeVectorToken(result.state, keyring),
      });
    },
  } satisfies Record<string, OperationHandler>;
}
