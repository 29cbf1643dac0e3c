/**
 * The job runner: the API the HTTP routes call (submit, get, list, cancel, events, follow)
 * and, once started, the loop that claims jobs and runs them in worker threads. Every replica
 * may run one over the same directory: jobs are claimed with leases (lease.ts), so each runs in
 * one place at a time, and a job whose runner died is resumed from its last checkpoint by
 * whichever runner claims it after its lease expires.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type Logger, pino } from 'pino';
import { UnknownJobKindError } from './errors.ts';
import { EventWatch } from './event-watch.ts';
import { JobExecution } from './execution.ts';
import { followEvents } from './follow.ts';
import { newJobId } from './ids.ts';
import { JobFiles, type StoredRecord } from './job-files.ts';
import { type HeldLease, tryAcquire } from './lease.ts';
import { isTerminalStatus, type JobEvent, type JobRecord, type JobStatus, type Json } from './types.ts';
import { Wake } from './wake.ts';

/** Options of `JobRunner`. */
export interface JobRunnerOptions {
  /** The jobs directory (the server uses `<MODELGYM_DATA_DIR>/jobs`); shared by all replicas. */
  rootDir: string;
  /**
   * Job kind -> URL of the module whose `run(ctx)` runs it (`.ts` or `.js`), e.g.
   * `new URL('./train-job.ts', import.meta.url)`. It is imported inside a worker thread.
   */
  handlers: Record<string, URL>;
  /** This runner's name in leases; unique per process by default. */
  owner?: string;
  /** How long a claim lasts without renewal (renewed every third of it). Default 30 s. */
  leaseMs?: number;
  /** How often to look for claimable jobs, cancel requests and new events. Default 500 ms. */
  pollMs?: number;
  /** Jobs run at once by this runner. Default 1. */
  maxConcurrent?: number;
  /** How long an aborted handler may take to stop before its thread is killed. Default 10 s. */
  abortGraceMs?: number;
  logger?: Logger;
  /** Given to every handler as `ctx.environment` (JSON; not stored with jobs). Default `{}`. */
  environment?: Json;
}

/** Filters and paging of `JobRunner.list`. */
export interface ListJobsOptions {
  status?: JobStatus;
  /** At most this many jobs (default 100). */
  limit?: number;
  /** Only jobs created after the job with this id (the last id of the previous page). */
  after?: string;
}

/** Submits, inspects and runs jobs. See the module doc. */
export class JobRunner {
  /** This runner's name in leases and `started`/`resumed` events. */
  readonly owner: string;
  private readonly files: JobFiles;
  private readonly handlers: Record<string, URL>;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxConcurrent: number;
  private readonly abortGraceMs: number;
  private readonly logger: Logger;
  private readonly environment: Json;
  private readonly wake = new Wake();
  /** Followers of all jobs wait on it: one log check per followed job, not per stream. */
  private readonly watch: EventWatch;
  private readonly executions = new Map<string, JobExecution>();
  /** Ids of finished jobs: they never change again, so the claim loop skips them unread. */
  private readonly finished = new Set<string>();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private rescan = false;

  constructor(options: JobRunnerOptions) {
    this.files = new JobFiles(options.rootDir);
    this.handlers = { ...options.handlers };
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 500;
    this.watch = new EventWatch(this.wake, (id) => this.files.eventsPath(id), {
      pollMs: this.pollMs,
      maxIdleMs: Math.max(this.pollMs, 5000),
    });
    this.maxConcurrent = options.maxConcurrent ?? 1;
    this.abortGraceMs = options.abortGraceMs ?? 10_000;
    this.environment = options.environment ?? {};
    this.logger = options.logger ?? pino({ level: 'silent' });
  }

  /** Persists a new queued job; a started runner (this one or another replica) will claim it. */
  async submit(kind: string, params: Json = null): Promise<JobRecord> {
    if (!Object.hasOwn(this.handlers, kind)) throw new UnknownJobKindError(kind);
    const time = new Date().toISOString();
    const record: StoredRecord = {
      id: newJobId(),
      kind,
      status: 'queued',
      // A JSON copy: what is stored is exactly what the handler will get.
      params: JSON.parse(JSON.stringify(params ?? null)) as Json,
      created_at: time,
      updated_at: time,
      attempts: 0,
    };
    await this.files.create(record, { seq: 1, time, type: 'queued' });
    this.kick();
    return record;
  }

  /** The job, or undefined when there is none with this id. */
  async get(id: string): Promise<JobRecord | undefined> {
    const stored = await this.files.readRecord(id);
    return stored && this.describe(stored);
  }

  /** Jobs in creation order, optionally only those with one status. */
  async list(options: ListJobsOptions = {}): Promise<JobRecord[]> {
    const limit = options.limit ?? 100;
    const jobs: JobRecord[] = [];
    for (const id of await this.files.listIds()) {
      if (jobs.length >= limit) break;
      if (options.after !== undefined && id <= options.after) continue;
      const stored = await this.files.readRecord(id);
      if (!stored || (options.status !== undefined && stored.status !== options.status)) continue;
      jobs.push(await this.describe(stored));
    }
    return jobs;
  }

  /**
   * Cancels a job: a queued job (or one whose runner died) is cancelled at once; a running one
   * gets `cancel_requested` and ends `cancelled` once its handler stops (at its next progress
   * report or abort check). Finished jobs are left as they are. Undefined for an unknown id.
   */
  async cancel(id: string): Promise<JobRecord | undefined> {
    const stored = await this.files.readRecord(id);
    if (!stored) return undefined;
    if (isTerminalStatus(stored.status)) return this.describe(stored);
    await this.files.requestCancel(id);
    const local = this.executions.get(id);
    if (local) local.cancel();
    else {
      // If nobody holds it, take it and finish it here; otherwise its holder sees the request.
      const lease = await tryAcquire(this.files.dir(id), this.owner, this.leaseMs);
      if (lease) await this.execution(id, lease, undefined).done;
      else this.executions.get(id)?.cancel();
    }
    return this.get(id);
  }

  /** The job's events with `seq > after`, or undefined for an unknown id. */
  async events(id: string, options: { after?: number } = {}): Promise<JobEvent[] | undefined> {
    if (!(await this.files.readRecord(id))) return undefined;
    const after = options.after ?? 0;
    return (await this.files.readEvents(id)).filter((event) => event.seq > after);
  }

  /**
   * The job's events with `seq > after`, then new ones as they are appended; ends after the
   * terminal event, when `signal` aborts, or at once for an unknown id.
   */
  follow(id: string, options: { after?: number; signal?: AbortSignal } = {}): AsyncIterable<JobEvent> {
    return followEvents(this.files, this.watch, id, options);
  }

  /** Starts claiming and running jobs: queued ones, and running ones whose lease expired. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.kick();
  }

  /**
   * Stops claiming jobs and stops those running here. By default (a graceful stop) handlers
   * are aborted and leases released, so that the jobs stay `running` and are resumed from
   * their checkpoints by the next runner at once. `{ releaseLeases: false }` kills the workers
   * and writes nothing, like a crash (tests use it): the jobs are resumed after their leases
   * expire.
   */
  async stop(options: { releaseLeases?: boolean } = {}): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    await this.scanning;
    const executions = [...this.executions.values()];
    await Promise.all(executions.map((execution) => execution.shutdown(options.releaseLeases ?? true)));
  }

  private async describe(stored: StoredRecord): Promise<JobRecord> {
    const record: JobRecord = { ...stored };
    if (!isTerminalStatus(stored.status)) {
      const lease = await this.files.readLease(stored.id);
      if (lease?.owner) record.lease = { owner: lease.owner, expires_at: lease.expires_at };
    }
    if (await this.files.isCancelRequested(stored.id)) record.cancel_requested = true;
    return record;
  }

  private execution(id: string, lease: HeldLease, handlerUrl: string | undefined): JobExecution {
    return new JobExecution({
      files: this.files,
      id,
      lease,
      handlerUrl,
      leaseMs: this.leaseMs,
      pollMs: this.pollMs,
      abortGraceMs: this.abortGraceMs,
      logger: this.logger,
      wake: this.wake,
      environment: this.environment,
    });
  }

  /** Looks for claimable jobs now (one scan at a time; a kick during a scan scans again). */
  private kick(): void {
    if (!this.running) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = this.scanLoop().finally(() => {
      this.scanning = undefined;
    });
  }

  private async scanLoop(): Promise<void> {
    do {
      this.rescan = false;
      try {
        await this.claimAvailable();
      } catch (err) {
        this.logger.error({ err }, 'job claim scan failed');
      }
    } while (this.rescan && this.running);
  }

  private async claimAvailable(): Promise<void> {
    for (const id of await this.files.listIds()) {
      if (!this.running || this.executions.size >= this.maxConcurrent) return;
      if (this.finished.has(id) || this.executions.has(id)) continue;
      const record = await this.files.readRecord(id);
      if (!record) continue;
      if (isTerminalStatus(record.status)) {
        this.finished.add(id);
        continue;
      }
      // Another replica may serve kinds this one does not; leave those to it.
      if (!Object.hasOwn(this.handlers, record.kind)) continue;
      const handler = this.handlers[record.kind]!;
      const lease = await tryAcquire(this.files.dir(id), this.owner, this.leaseMs);
      if (!lease) continue;
      const execution = this.execution(id, lease, handler.href);
      this.executions.set(id, execution);
      void execution.done.then(() => {
        this.executions.delete(id);
        this.kick();
      });
    }
  }
}
