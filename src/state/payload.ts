import { packMsgpack, unpackMsgpack } from '../wire/msgpack.ts';
import type { Keyring } from './keyring.ts';
import { StateTokenError, seal, unseal } from './seal.ts';

/** Payload layout version inside sealed tokens; bump it when a layout changes. */
const payloadVersion = 1;

/** What a token holds: one episode, a vector batch, or an agent's plan context (warm start). */
export type TokenKind = 'episode' | 'vector' | 'plan';

const kindRoutes: Record<TokenKind, string> = {
  episode: '/reset and /step',
  vector: '/vector/reset and /vector/step',
  plan: "an agent's /plan and /act (as `context`)",
};

/** Seals a payload object (plain msgpack data) of a kind, for an env. */
export function sealPayload(
  kind: TokenKind,
  env: string,
  body: Record<string, unknown>,
  keyring: Keyring,
): string {
  return seal(packMsgpack({ v: payloadVersion, k: kind, env, ...body }), keyring);
}

/**
 * Opens a token and checks version, kind and env. Throws {@link StateTokenError} for a
 * tampered, foreign-key, wrong-version, malformed, wrong-kind or foreign-env token.
 */
export function openPayload(
  token: string,
  kind: TokenKind,
  envId: string,
  keyring: Keyring,
): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = unpackMsgpack(unseal(token, keyring));
  } catch (err) {
    if (err instanceof StateTokenError) throw err;
    throw new StateTokenError('state token payload is not valid msgpack');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new StateTokenError('state token payload is malformed');
  }
  const p = payload as Record<string, unknown>;
  if (p.v !== payloadVersion)
    throw new StateTokenError(`state token payload version is not ${payloadVersion}`);
  if (p.k !== kind) {
    const other: TokenKind = p.k === 'episode' || p.k === 'plan' ? p.k : 'vector';
    const what = other === 'plan' ? 'a plan context' : `a ${other} state token`;
    throw new StateTokenError(`this is ${what}; use it with ${kindRoutes[other]}`);
  }
  if (p.env !== envId) {
    const owner = kind === 'plan' ? 'agent' : 'env';
    throw new StateTokenError(`token belongs to ${owner} "${String(p.env)}", not "${envId}"`);
  }
  return p;
}

/** Whether a value is a plain object. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
