import type { EpisodeState } from '../envs/episode.ts';
import type { Keyring } from './keyring.ts';
import { isRecord, openPayload, sealPayload } from './payload.ts';
import { StateTokenError } from './seal.ts';

/** Seals an episode into an opaque token. */
export function encodeEpisodeToken(episode: EpisodeState, keyring: Keyring): string {
  const body: Record<string, unknown> = {
    kw: episode.kwargs,
    s: episode.physical,
    rng: episode.rng,
    t: episode.steps,
    d: episode.done,
  };
  if (episode.task) {
    Object.assign(body, { tk: episode.task, rv: episode.reveal ?? false, sc: episode.schedule ?? null });
    if (episode.chosen) body.ch = true;
  }
  return sealPayload('episode', episode.env, body, keyring);
}

/**
 * Opens an episode token and checks that it belongs to `envId`. Throws {@link StateTokenError}
 * for a tampered, foreign-key, wrong-version, malformed, vector or foreign-env token.
 */
export function decodeEpisodeToken(token: string, envId: string, keyring: Keyring): EpisodeState {
  const { kw, s, rng, t, d, tk, rv, sc, ch } = openPayload(token, 'episode', envId, keyring);
  if (!isRecord(kw) || !Array.isArray(s) || !isRecord(rng) || typeof d !== 'boolean') {
    throw new StateTokenError('state token payload is malformed');
  }
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0)
    throw new StateTokenError('state token payload is malformed');
  const episode: EpisodeState = {
    env: envId,
    kwargs: kw,
    physical: s as number[],
    rng: rng as unknown as EpisodeState['rng'],
    steps: t,
    done: d,
  };
  if (tk !== undefined) {
    if (!isRecord(tk)) throw new StateTokenError('state token payload is malformed');
    // Sealed by us, so the task and schedule are as the reset validated them.
    Object.assign(episode, { task: tk, reveal: rv === true, schedule: sc ?? undefined });
    if (ch === true) episode.chosen = true;
  }
  return episode;
}
