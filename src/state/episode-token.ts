import type { EpisodeState } from '../envs/episode.ts';
import { packMsgpack, unpackMsgpack } from '../wire/msgpack.ts';
import type { Keyring } from './keyring.ts';
import { StateTokenError, seal, unseal } from './seal.ts';

/** Payload layout version inside the sealed token; bump it when the layout changes. */
const payloadVersion = 1;

/** Seals an episode into an opaque token. */
export function encodeEpisodeToken(episode: EpisodeState, keyring: Keyring): string {
  const payload = {
    v: payloadVersion,
    env: episode.env,
    kw: episode.kwargs,
    s: episode.physical,
    rng: episode.rng,
    t: episode.steps,
    d: episode.done,
  };
  return seal(packMsgpack(payload), keyring);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Opens a token and checks that it belongs to `envId`. Throws {@link StateTokenError} for a
 * tampered, foreign-key, wrong-version, malformed or foreign-env token.
 */
export function decodeEpisodeToken(token: string, envId: string, keyring: Keyring): EpisodeState {
  let payload: unknown;
  try {
    payload = unpackMsgpack(unseal(token, keyring));
  } catch (err) {
    if (err instanceof StateTokenError) throw err;
    throw new StateTokenError('state token payload is not valid msgpack');
  }
  if (!isRecord(payload) || payload.v !== payloadVersion) {
    throw new StateTokenError(`state token payload version is not ${payloadVersion}`);
  }
  const { env, kw, s, rng, t, d } = payload;
  if (typeof env !== 'string' || !isRecord(kw) || !Array.isArray(s) || !isRecord(rng)) {
    throw new StateTokenError('state token payload is malformed');
  }
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0 || typeof d !== 'boolean') {
    throw new StateTokenError('state token payload is malformed');
  }
  if (env !== envId) throw new StateTokenError(`state token belongs to env "${env}", not "${envId}"`);
  return {
    env,
    kwargs: kw,
    physical: s as number[],
    rng: rng as unknown as EpisodeState['rng'],
    steps: t,
    done: d,
  };
}
