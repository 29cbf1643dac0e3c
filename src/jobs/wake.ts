/**
 * In-process wake-ups for pollers: a follower waits up to its poll interval, but a runner in
 * the same process that appends an event wakes it at once. Followers of jobs run by another
 * process fall back to the poll interval (fs.watch is not used: it is unreliable on network
 * and container filesystems, and polling is needed as a fallback anyway).
 * @module
 */

/** Wakes waiters by key. */
export class Wake {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Wakes everyone waiting on `key`. */
  notify(key: string): void {
    const set = this.waiters.get(key);
    this.waiters.delete(key);
    for (const wake of set ?? []) wake();
  }

  /** Resolves after `ms`, on `notify(key)` or when `signal` aborts, whichever comes first. */
  wait(key: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        const set = this.waiters.get(key);
        set?.delete(done);
        if (set?.size === 0) this.waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      let set = this.waiters.get(key);
      if (!set) {
        set = new Set();
        this.waiters.set(key, set);
      }
      set.add(done);
    });
  }
}
