/**
 * Keeps a claimed job's lease alive while it runs: renews it every third of its length (two
 * chances before it expires) and reports when another runner took the job over.
 * @module
 */
import type { Logger } from 'pino';
import { type HeldLease, holdsLease, releaseLease, renewLease } from './lease.ts';

/** Options of `LeaseKeeper`. */
export interface LeaseKeeperOptions {
  leaseMs: number;
  logger: Logger;
  jobId: string;
  /** Called once when a renewal finds the lease taken (or it expired while renewals failed). */
  onLost: () => void;
}

/** Renews one held lease until stopped; releases it at the end. */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | undefined;
  /** The renewal in flight: the final release must not race it for the same epoch. */
  private renewing: Promise<void> | undefined;
  private stopped = false;
  private lost = false;

  constructor(
    private lease: HeldLease,
    private readonly options: LeaseKeeperOptions,
  ) {}

  /** The owner's name in the lease. */
  get owner(): string {
    return this.lease.owner;
  }

  /** Starts renewing. */
  start(): void {
    this.timer = setInterval(() => this.renew(), Math.max(1, Math.floor(this.options.leaseMs / 3)));
  }

  /** Stops renewing; resolves once a renewal in flight has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.renewing;
  }

  /** True while nobody has taken the job over. */
  holds(): Promise<boolean> {
    return holdsLease(this.lease);
  }

  /** Gives the job up (after `stop`), logging rather than throwing on failure. */
  async release(): Promise<void> {
    try {
      await releaseLease(this.lease);
    } catch (err) {
      this.options.logger.warn({ err, job_id: this.options.jobId }, 'could not release a job lease');
    }
  }

  private renew(): void {
    if (this.renewing || this.stopped || this.lost) return;
    this.renewing = this.renewOnce().finally(() => {
      this.renewing = undefined;
    });
  }

  private async renewOnce(): Promise<void> {
    try {
      const renewed = await renewLease(this.lease, this.options.leaseMs);
      if (renewed) this.lease = renewed;
      else this.lose();
    } catch (err) {
      // A transient I/O error: retry at the next tick, unless the lease has run out meanwhile.
      this.options.logger.warn({ err, job_id: this.options.jobId }, 'could not renew a job lease');
      if (Date.parse(this.lease.expires_at) <= Date.now()) this.lose();
    }
  }

  private lose(): void {
    if (this.lost || this.stopped) return;
    this.lost = true;
    this.options.logger.warn({ job_id: this.options.jobId }, 'job lease lost to another runner');
    this.options.onLost();
  }
}
