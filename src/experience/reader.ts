/**
 * An agent's transitions in the store: each batch is one immutable segment of the stream
 * `agents/<id>/transitions` (see segments.ts), read through a per-process cache that decodes only
 * the segments it has not seen, so training after each append does not re-read the whole history.
 * @module
 */
import type { Store } from '../store/store.ts';
import { schemaKey, type TransitionSchema, type Transitions } from './columns.ts';
import { concatTransitions, type SchemaArg, schemaOf } from './concat.ts';
import { decodeSegment } from './segments.ts';

/** The store stream of an agent's transitions. */
export function transitionStream(agentId: string): string {
  return `agents/${agentId}/transitions`;
}

interface Cached {
  /** The schema the parts were decoded with. */
  key: string;
  seqs: number;
  parts: Transitions[];
}

/**
 * Reads an agent's transitions, caching decoded segments per agent in this process. Methods take
 * the agent's schema, or `(obsDim, actionDim)` for the core columns only.
 */
export class TransitionReader {
  readonly #cache = new Map<string, Cached>();

  constructor(readonly store: Store) {}

  /** All transitions of the agent (segments in sequence order). */
  async load(agentId: string, schemaOrObsDim: SchemaArg, actionDim?: number): Promise<Transitions> {
    const schema = schemaOf(schemaOrObsDim, actionDim);
    return concatTransitions((await this.#refresh(agentId, schema)).parts, schema);
  }

  /** Rows stored for the agent. */
  async count(agentId: string, schemaOrObsDim: SchemaArg, actionDim?: number): Promise<number> {
    const parts = (await this.#refresh(agentId, schemaOf(schemaOrObsDim, actionDim))).parts;
    return parts.reduce((s, p) => s + p.n, 0);
  }

  /** The cache entry, after reading the segments appended since it was last refreshed. */
  async #refresh(agentId: string, schema: TransitionSchema): Promise<Cached> {
    const stream = transitionStream(agentId);
    const key = schemaKey(schema);
    let cached = this.#cache.get(agentId);
    // A different schema decodes differently: start over rather than mix parts.
    if (cached === undefined || cached.key !== key) {
      cached = { key, seqs: 0, parts: [] };
      this.#cache.set(agentId, cached);
    }
    // Sequence numbers have no gaps, so "after the last one seen" is exactly the new segments.
    for (const seq of await this.store.listSegments(stream, { after: cached.seqs })) {
      cached.parts.push(decodeSegment(await this.store.readSegment(stream, seq), schema));
      cached.seqs = seq;
    }
    return cached;
  }

  /** Forgets an agent (deleted). */
  forget(agentId: string): void {
    this.#cache.delete(agentId);
  }
}
