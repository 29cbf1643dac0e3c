import type { Context } from 'hono';
import type { EnvDefinition } from '../../envs/env.ts';
import { resetEpisode, stepEpisode } from '../../envs/episode.ts';
import { envInstance } from '../../envs/instance.ts';
import type { EnvRegistry } from '../../envs/registry.ts';
import type { components } from '../../generated/openapi.ts';
import { renderMetadata } from '../../render/index.ts';
import { decodeEpisodeToken, encodeEpisodeToken } from '../../state/episode-token.ts';
import type { Keyring } from '../../state/keyring.ts';
import { reply } from '../codec.ts';
import type { Metrics } from '../metrics.ts';
import type { OperationHandler } from '../operation.ts';
import { decodeWireAction } from '../tensor.ts';
import { seedOf } from './seed.ts';

type Schemas = components['schemas'];

function summary(def: EnvDefinition): Schemas['EnvSummary'] {
  return {
    id: def.id,
    max_episode_steps: def.maxEpisodeSteps ?? null,
    reward_threshold: def.rewardThreshold ?? null,
  };
}

function detail(def: EnvDefinition, kwargs: Record<string, unknown>): Schemas['EnvDetail'] {
  const { observationSpace, actionSpace, params, maxEpisodeSteps } = envInstance(def, kwargs);
  const render = renderMetadata(def.id, params);
  return {
    ...summary(def),
    max_episode_steps: maxEpisodeSteps ?? null,
    kwargs: { ...def.defaultKwargs, ...kwargs },
    observation_space: observationSpace.describe() as Schemas['SpaceDescription'],
    action_space: actionSpace.describe() as Schemas['SpaceDescription'],
    doc: def.doc,
    tasks: def.tasks ? { schema: def.tasks.schema, splits: def.tasks.splits } : null,
    goal_conditioned: def.computeReward !== undefined,
    render_modes: render.modes,
    render_fps: render.fps,
  };
}

/** Handlers of the env operations (list, describe, make, reset, step). */
export function envHandlers(deps: {
  registry: EnvRegistry;
  keyring: Keyring;
  metrics: Metrics;
  isGrader: (c: Context) => boolean;
}) {
  const { registry, keyring, metrics, isGrader } = deps;
  const handlers = {
    listEnvs: (c) => reply(c, { envs: registry.list().map(summary) } satisfies Schemas['EnvList']),

    getEnv: (c, { params }) => reply(c, detail(registry.get(params.env_id!), {})),

    makeEnv: (c, { params, body }) => {
      const { kwargs = {} } = body as Schemas['MakeRequest'];
      return reply(c, detail(registry.get(params.env_id!), kwargs));
    },

    resetEnv: (c, { params, body }) => {
      const def = registry.get(params.env_id!);
      const req = body as Schemas['ResetRequest'];
      const previous = req.state === undefined ? undefined : decodeEpisodeToken(req.state, def.id, keyring);
      const result = resetEpisode(def, {
        seed: seedOf(req.seed),
        options: req.options,
        kwargs: req.kwargs,
        previous,
        privileged: isGrader(c),
      });
      const obsSpace = envInstance(def, result.state.kwargs).observationSpace;
      return reply(c, {
        observation: obsSpace.toJSON(result.observation),
        info: result.info,
        state: encodeEpisodeToken(result.state, keyring),
      });
    },

    stepEnv: (c, { params, body }) => {
      const def = registry.get(params.env_id!);
      const req = body as Schemas['StepRequest'];
      const episode = decodeEpisodeToken(req.state, def.id, keyring);
      const result = stepEpisode(def, episode, decodeWireAction(req.action), { privileged: isGrader(c) });
      metrics.envSteps.inc({ env_id: def.id });
      const obsSpace = envInstance(def, episode.kwargs).observationSpace;
      return reply(c, {
        observation: obsSpace.toJSON(result.observation),
        reward: result.reward,
        terminated: result.terminated,
        truncated: result.truncated,
        info: result.info,
        state: encodeEpisodeToken(result.state, keyring),
      });
    },
  } satisfies Record<string, OperationHandler>;
  return handlers;
}
