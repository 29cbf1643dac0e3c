/**
 * Watching job event logs for followers (SSE streams). Streams do not poll: all followers of a
 * job wait on one watcher, which a runner in this process wakes at once when it appends an event
 * (see wake.ts), and which checks the log's size for jobs that other replicas run — once per
 * interval per job however many streams follow it, backing off while the log stays quiet, and
 * stopping when the last follower leaves.
 * @module
 */
import { stat } from 'node:fs/promises';
import type { Wake } from './wake.ts';

/** Options of an {@link EventWatch}. */
export interface EventWatchOptions {
  /** The check interval after a change (the runner's poll interval). */
  pollMs: number;
  /** The longest interval a quiet log backs off to. */
  maxIdleMs: number;
}

interface Waiter {
  /** Bytes of the log the follower has read. */
  offset: number;
  done(): void;
}

interface Watched {
  waiters: Set<Waiter>;
  size: number;
  delay: number;
  timer?: NodeJS.Timeout;
}

/** See the module doc. */
export class EventWatch {
  readonly #jobs = new Map<string, Watched>();

  constructor(
    readonly wake: Wake,
    readonly pathOf: (id: string) => string,
    readonly options: EventWatchOptions,
  ) {}

  /** Jobs with at least one waiting follower (one timer each). */
  get watched(): number {
    return this.#jobs.size;
  }

  /** Resolves once the job's log is longer than `offset` bytes (or may be), or when `signal` aborts. */
  wait(id: string, offset: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      let job = this.#jobs.get(id);
      if (!job) {
        job = { waiters: new Set(), size: -1, delay: 0 };
        this.#jobs.set(id, job);
        this.#listenLocal(id, job);
        this.#schedule(id, job);
      }
      const watched = job;
      const waiter: Waiter = {
        offset,
        done: () => {
          signal?.removeEventListener('abort', waiter.done);
          watched.waiters.delete(waiter);
          if (watched.waiters.size === 0) this.#stop(id, watched);
          resolve();
        },
      };
      signal?.addEventListener('abort', waiter.done, { once: true });
      watched.waiters.add(waiter);
    });
  }

  /** A runner of this process appending an event wakes the job's followers at once. */
  #listenLocal(id: string, job: Watched): void {
    void this.wake.wait(id, 2 ** 31 - 1).then(() => {
      if (this.#jobs.get(id) !== job) return;
      job.delay = this.options.pollMs;
      for (const w of [...job.waiters]) w.done();
      if (this.#jobs.get(id) === job) this.#listenLocal(id, job);
    });
  }

  #schedule(id: string, job: Watched): void {
    job.timer = setTimeout(async () => {
      const size = await stat(this.pathOf(id)).then(
        (s) => s.size,
        () => 0,
      );
      if (this.#jobs.get(id) !== job) return;
      job.delay = size !== job.size ? this.options.pollMs : Math.min(job.delay * 2, this.options.maxIdleMs);
      job.size = size;
      for (const w of [...job.waiters]) if (size > w.offset) w.done();
      if (this.#jobs.get(id) === job) this.#schedule(id, job);
    }, job.delay);
    job.timer.unref();
  }

  #stop(id: string, job: Watched): void {
    clearTimeout(job.timer);
    if (this.#jobs.get(id) === job) this.#jobs.delete(id);
    // Releases the local listener: nobody waits on this job any more.
    this.wake.notify(id);
  }
}
