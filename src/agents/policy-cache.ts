/**
 * Built agent policies by (agent, version), least recently used evicted: building one
 * deserialises the weights and may start worker threads, so act and plan calls reuse it. Built
 * by the agent's family (`AgentFamily.load`).
 * @module
 */
import type { Store } from '../store/store.ts';
import { AgentArgumentError, NotTrainedError } from './errors.ts';
import { familyOf as defaultFamilyOf } from './families.ts';
import type { AgentFamily, AgentPolicy } from './family.ts';
import type { AgentRecord } from './record.ts';
import { latestVersion, loadVersion } from './versions.ts';

/** See the module doc. */
export class PolicyCache {
  readonly #entries = new Map<string, Promise<AgentPolicy>>();

  constructor(
    readonly store: Store,
    readonly size: number,
    /** The family that builds an agent type's policies. */
    readonly familyOf: (type: string) => AgentFamily = (type) => defaultFamilyOf(type),
  ) {}

  /** The policy of `version` (default the latest); NotTrainedError when the agent has none. */
  async get(record: AgentRecord, version?: number): Promise<AgentPolicy> {
    const v = version ?? (await latestVersion(this.store, record.id));
    if (v === 0) throw new NotTrainedError(record.id);
    const key = `${record.id}@${v}`;
    let entry = this.#entries.get(key);
    if (entry !== undefined) {
      // Most recently used last.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return entry;
    }
    entry = (async () => {
      const loaded = await loadVersion(this.store, record.id, v).catch((err) => {
        if ((err as { code?: string }).code === 'not-found') {
          throw new AgentArgumentError('version', `agent "${record.id}" has no version ${v}`);
        }
        throw err;
      });
      return this.familyOf(record.type).load(record, loaded!);
    })();
    this.#entries.set(key, entry);
    entry.catch(() => this.#entries.delete(key));
    while (this.#entries.size > this.size) await this.#evict(this.#entries.keys().next().value!);
    return entry;
  }

  /** Drops every policy of an agent (deleted). */
  async forget(agentId: string): Promise<void> {
    await Promise.all(
      [...this.#entries.keys()].filter((k) => k.startsWith(`${agentId}@`)).map((k) => this.#evict(k)),
    );
  }

  /** Drops them all (shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.#entries.keys()].map((k) => this.#evict(k)));
  }

  async #evict(key: string): Promise<void> {
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    await (await entry?.catch(() => undefined))?.dispose();
  }
}
