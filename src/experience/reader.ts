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
  /** Decoded segments by sequence number. */
  parts: Map<number, Transitions>;
  /** Every segment up to this sequence number is in `parts`. */
  contiguous: number;
  /** The refresh in flight: concurrent callers wait for it instead of reading segments twice. */
  refreshing?: Promise<void>;
}

/**
 * Reads an agent's transitions, caching decoded segments per agent in this process. Methods take
 * the agent's schema, or `(obsDim, actionDim)` for the core columns only. Counts are what is
 * stored: each segment is read once (by sequence number, whatever the order appends from other
 * processes become visible in), and concurrent calls share one refresh.
 */
export class TransitionReader {
  readonly #cache = new Map<string, Cached>();

  constructor(readonly store: Store) {}

  /** All transitions of the agent (segments in sequence order). */
  async load(agentId: string, schemaOrObsDim: SchemaArg, actionDim?: number): Promise<Transitions> {
    const schema = schemaOf(schemaOrObsDim, actionDim);
    const cached = await this.#refresh(agentId, schema);
    const parts = [...cached.parts.entries()].sort((x, y) => x[0] - y[0]).map(([, t]) => t);
    return concatTransitions(parts, schema);
  }

  /** Rows stored for the agent. */
  async count(agentId: string, schemaOrObsDim: SchemaArg, actionDim?: number): Promise<number> {
    const cached = await this.#refresh(agentId, schemaOf(schemaOrObsDim, actionDim));
    let n = 0;
    for (const t of cached.parts.values()) n += t.n;
    return n;
  }

  /** The cache entry, after reading the segments it does not hold yet. */
  async #refresh(agentId: string, schema: TransitionSchema): Promise<Cached> {
    const key = schemaKey(schema);
    let cached = this.#cache.get(agentId);
    // A different schema decodes differently: start over rather than mix parts.
    if (cached === undefined || cached.key !== key) {
      cached = { key, parts: new Map(), contiguous: 0 };
      this.#cache.set(agentId, cached);
    }
    const entry = cached;
    // Wait for a refresh in flight, then read what appeared since (a new append may have landed).
    while (entry.refreshing) await entry.refreshing;
    entry.refreshing = this.#readNew(agentId, entry, schema).finally(() => {
      entry.refreshing = undefined;
    });
    await entry.refreshing;
    return entry;
  }

  async #readNew(agentId: string, entry: Cached, schema: TransitionSchema): Promise<void> {
    const stream = transitionStream(agentId);
    // A segment numbered past one not yet visible (another process still writing it) is read
    // now, the missing one on a later refresh: listing after the contiguous prefix finds it.
    for (const seq of await this.store.listSegments(stream, { after: entry.contiguous })) {
      if (!entry.parts.has(seq))
        entry.parts.set(seq, decodeSegment(await this.store.readSegment(stream, seq), schema));
    }
    while (entry.parts.has(entry.contiguous + 1)) entry.contiguous++;
  }

  /** Forgets an agent (deleted). */
  forget(agentId: string): void {
    this.#cache.delete(agentId);
  }
}
