import type { Context } from 'hono';
import { resetEpisode, stepEpisode } from '../../envs/episode.ts';
import { EpisodeEndedError, InvalidActionError } from '../../envs/errors.ts';
import { envInstance } from '../../envs/instance.ts';
import type { EnvRegistry } from '../../envs/registry.ts';
import type { components } from '../../generated/openapi.ts';
import { reply } from '../codec.ts';
import type { Metrics } from '../metrics.ts';
import type { OperationHandler } from '../operation.ts';
import { splitRows } from '../tensor.ts';
import { seedOf } from './seed.ts';

type Schemas = components['schemas'];

function actionList(actions: Schemas['ReplayRequest']['actions']): unknown[] {
  if (Array.isArray(actions)) return splitRows(actions, actions.length);
  const rows = (actions as { shape: number[] }).shape[0] ?? 0;
  return splitRows(actions, rows);
}

/** Handler of the replay route: a whole episode from a seed and an action list, server-side. */
export function replayHandlers(deps: {
  registry: EnvRegistry;
  metrics: Metrics;
  maxActions: number;
  isGrader: (c: Context) => boolean;
}) {
  return {
    replayEnv: (c, { params, body }) => {
      const def = deps.registry.get(params.env_id!);
      const req = body as Schemas['ReplayRequest'];
      const actions = actionList(req.actions);
      if (actions.length > deps.maxActions) {
        throw new InvalidActionError(
          `a replay takes at most ${deps.maxActions} actions, got ${actions.length}`,
        );
      }
      const privileged = deps.isGrader(c);
      const first = resetEpisode(def, {
        seed: seedOf(req.seed),
        options: req.options,
        kwargs: req.kwargs,
        privileged,
      });
      const space = envInstance(def, first.state.kwargs).observationSpace;
      const observations: unknown[] = [space.toJSON(first.observation)];
      const rewards: number[] = [];
      const terminated: boolean[] = [];
      const truncated: boolean[] = [];
      const infos: Record<string, unknown>[] = [];
      let episode = first.state;
      for (const [i, action] of actions.entries()) {
        if (episode.done) {
          throw new EpisodeEndedError(
            `the episode ended at step ${i}; action ${i} of ${actions.length} has nothing to act on`,
          );
        }
        let step: ReturnType<typeof stepEpisode>;
        try {
          step = stepEpisode(def, episode, action, { privileged });
        } catch (err) {
          if (err instanceof InvalidActionError)
            throw new InvalidActionError(`actions[${i}]: ${err.message}`);
          throw err;
        }
        observations.push(space.toJSON(step.observation));
        rewards.push(step.reward);
        terminated.push(step.terminated);
        truncated.push(step.truncated);
        infos.push(step.info);
        episode = step.state;
      }
      deps.metrics.envSteps.inc({ env_id: def.id }, actions.length);
      return reply(c, {
        observations,
        rewards,
        terminated,
        truncated,
        infos,
        return: rewards.reduce((a, b) => a + b, 0),
        length: rewards.length,
        ended: episode.done,
      } satisfies Schemas['ReplayResponse']);
    },
  } satisfies Record<string, OperationHandler>;
}
