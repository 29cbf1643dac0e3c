/**
 * An agent's transitions: each batch is one immutable segment of the store's stream
 * `agents/<id>/transitions` (msgpack: row count, widths, and float32/uint8 column bytes), and a
 * per-process cache that reads only the segments it has not seen, so training after each append
 * does not re-read the whole history.
 * @module
 */
import type { Transitions } from '../models/layout.ts';
import type { Store } from '../store/store.ts';
import { packMsgpack, unpackMsgpack } from '../wire/msgpack.ts';

/** The store stream of an agent's transitions. */
export function transitionStream(agentId: string): string {
  return `agents/${agentId}/transitions`;
}

const bytesOf = (a: Float32Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** One segment's bytes. */
export function encodeSegment(t: Transitions, obsDim: number, actionDim: number): Uint8Array {
  return packMsgpack({
    n: t.n,
    obs_dim: obsDim,
    action_dim: actionDim,
    obs: bytesOf(t.obs),
    action: bytesOf(t.action),
    next_obs: bytesOf(t.nextObs),
    reward: bytesOf(t.reward),
    terminated: bytesOf(t.terminated),
  });
}

function floats(bytes: unknown, length: number, what: string): Float32Array {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength !== 4 * length) {
    throw new Error(`transition segment: ${what} has the wrong size`);
  }
  // Copy (new Uint8Array copies; Buffer.slice would not): msgpack bytes may be an unaligned view of a pool.
  return new Float32Array(new Uint8Array(bytes).buffer);
}

/** Decodes a segment; throws for one that does not match the agent's widths. */
export function decodeSegment(bytes: Uint8Array, obsDim: number, actionDim: number): Transitions {
  const s = unpackMsgpack(bytes) as Record<string, unknown>;
  const n = s.n as number;
  if (!Number.isInteger(n) || s.obs_dim !== obsDim || s.action_dim !== actionDim) {
    throw new Error('transition segment does not match the agent');
  }
  const terminated = s.terminated;
  if (!(terminated instanceof Uint8Array) || terminated.byteLength !== n)
    throw new Error('transition segment: bad terminated');
  return {
    n,
    obs: floats(s.obs, n * obsDim, 'obs'),
    action: floats(s.action, n * actionDim, 'action'),
    nextObs: floats(s.next_obs, n * obsDim, 'next_obs'),
    reward: floats(s.reward, n, 'reward'),
    terminated: Uint8Array.from(terminated),
  };
}

/** Rows of several transition sets, in order, as one. */
export function concatTransitions(
  parts: readonly Transitions[],
  obsDim: number,
  actionDim: number,
): Transitions {
  const n = parts.reduce((s, p) => s + p.n, 0);
  const out: Transitions = {
    n,
    obs: new Float32Array(n * obsDim),
    action: new Float32Array(n * actionDim),
    nextObs: new Float32Array(n * obsDim),
    reward: new Float32Array(n),
    terminated: new Uint8Array(n),
  };
  let row = 0;
  for (const p of parts) {
    out.obs.set(p.obs, row * obsDim);
    out.action.set(p.action, row * actionDim);
    out.nextObs.set(p.nextObs, row * obsDim);
    out.reward.set(p.reward, row);
    out.terminated.set(p.terminated, row);
    row += p.n;
  }
  return out;
}

interface Cached {
  seqs: number;
  parts: Transitions[];
}

/** Reads an agent's transitions, caching decoded segments per agent in this process. */
export class TransitionReader {
  readonly #cache = new Map<string, Cached>();

  constructor(readonly store: Store) {}

  /** All transitions of the agent (segments in sequence order). */
  async load(agentId: string, obsDim: number, actionDim: number): Promise<Transitions> {
    return concatTransitions((await this.#refresh(agentId, obsDim, actionDim)).parts, obsDim, actionDim);
  }

  /** Rows stored for the agent. */
  async count(agentId: string, obsDim: number, actionDim: number): Promise<number> {
    return (await this.#refresh(agentId, obsDim, actionDim)).parts.reduce((s, p) => s + p.n, 0);
  }

  /** The cache entry, after reading the segments appended since it was last refreshed. */
  async #refresh(agentId: string, obsDim: number, actionDim: number): Promise<Cached> {
    const stream = transitionStream(agentId);
    let cached = this.#cache.get(agentId);
    if (cached === undefined) {
      cached = { seqs: 0, parts: [] };
      this.#cache.set(agentId, cached);
    }
    // Sequence numbers have no gaps, so "after the last one seen" is exactly the new segments.
    for (const seq of await this.store.listSegments(stream, { after: cached.seqs })) {
      cached.parts.push(decodeSegment(await this.store.readSegment(stream, seq), obsDim, actionDim));
      cached.seqs = seq;
    }
    return cached;
  }

  /** Forgets an agent (deleted). */
  forget(agentId: string): void {
    this.#cache.delete(agentId);
  }
}
