import type { Context } from 'hono';
import { EnvArgumentError } from '../../envs/env.ts';
import { envInstance } from '../../envs/instance.ts';
import type { EnvRegistry } from '../../envs/registry.ts';
import { withTask } from '../../envs/task-options.ts';
import type { components } from '../../generated/openapi.ts';
import { encodePng, renderRgb } from '../../render/index.ts';
import { decodeEpisodeToken } from '../../state/episode-token.ts';
import type { Keyring } from '../../state/keyring.ts';
import { reply } from '../codec.ts';
import type { OperationHandler } from '../operation.ts';
import { toWireTensor } from '../tensor.ts';

type Schemas = components['schemas'];

/** Handler of the render route: PNG or an RGB tensor of an episode's current state. */
export function renderHandlers(deps: {
  registry: EnvRegistry;
  keyring: Keyring;
  isGrader: (c: Context) => boolean;
}) {
  return {
    renderEnv: (c, { params, body }) => {
      const def = deps.registry.get(params.env_id!);
      const req = body as Schemas['RenderRequest'];
      const episode = decodeEpisodeToken(req.state, def.id, deps.keyring);
      // A hidden task is not drawn (e.g. AntGoal's goal marker): the scene gets the env's own parameters.
      const visible = episode.chosen === true || deps.isGrader(c);
      const frame = renderRgb(
        def.id,
        episode.physical,
        withTask(def, envInstance(def, episode.kwargs).params, visible ? episode.task : undefined),
      );
      if (!frame) throw new EnvArgumentError('env_id', `${def.id} has no renderer`);
      if ((req.mode ?? 'png') === 'png') {
        return c.body(encodePng(frame.width, frame.height, frame.data) as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': 'image/png',
        });
      }
      return reply(c, { image: toWireTensor(frame.data, 'uint8', [frame.height, frame.width, 3]) });
    },
  } satisfies Record<string, OperationHandler>;
}
