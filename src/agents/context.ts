/**
 * Agent contexts on the wire: what a family keeps between calls (a planner's warm start, a
 * recurrent state, adapted parameters), as opaque family bytes sealed like a state token (kind
 * `plan`, bound to the agent id and the version that made it), so clients carry it between calls
 * without reading or forging it and any replica continues. Bytes over {@link INLINE_CONTEXT_BYTES}
 * are stored as a content-addressed blob and the token holds its sha256 (`ref`) instead.
 * @module
 */
import type { Keyring } from '../state/keyring.ts';
import { openPayload, sealPayload } from '../state/payload.ts';
import { StateTokenError } from '../state/seal.ts';
import type { Store } from '../store/store.ts';
import { InvalidContextError } from './errors.ts';

/** Context bytes up to this size travel inside the token; larger ones are stored blobs. */
export const INLINE_CONTEXT_BYTES = 16 * 1024;

/** An opened context. */
export interface OpenedContext {
  version: number;
  /** sha256 of the stored blob, when the context was too large to travel inline. */
  ref?: string;
  bytes: Uint8Array;
}

/** Seals a family's context bytes for the agent's version (storing them first when large). */
export async function sealContext(
  store: Store,
  agentId: string,
  version: number,
  bytes: Uint8Array,
  keyring: Keyring,
): Promise<string> {
  const body =
    bytes.byteLength > INLINE_CONTEXT_BYTES
      ? { ver: version, ref: await store.putBlob(bytes) }
      : { ver: version, fam: bytes };
  return sealPayload('plan', agentId, body, keyring);
}

/** Opens a context; throws InvalidContextError for a tampered, foreign or other agent's one. */
export async function openContext(
  store: Store,
  token: string,
  agentId: string,
  keyring: Keyring,
): Promise<OpenedContext> {
  let p: Record<string, unknown>;
  try {
    p = openPayload(token, 'plan', agentId, keyring);
  } catch (err) {
    if (err instanceof StateTokenError) throw new InvalidContextError(err.message);
    throw err;
  }
  if (typeof p.ver !== 'number') throw new InvalidContextError('the context is malformed');
  if (p.fam instanceof Uint8Array) return { version: p.ver, bytes: p.fam };
  if (typeof p.ref === 'string') {
    // The token is sealed, so the ref is one this service stored; it is gone only if deleted.
    const bytes = await store.getBlob(p.ref).catch(() => {
      throw new InvalidContextError('the context refers to stored data that no longer exists');
    });
    return { version: p.ver, ref: p.ref, bytes };
  }
  throw new InvalidContextError('the context is malformed');
}
