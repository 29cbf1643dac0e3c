/**
 * One claimed job, from claim to release: marks it running, runs its handler in a worker
 * thread, persists what the worker reports (events, progress, checkpoints), renews the lease,
 * watches for cancel requests, and records the outcome. Everything it writes goes through the
 * lease: once the lease is lost (this runner stalled and another took over) it writes nothing
 * more, and the terminal record is written only after checking the lease is still ours.
 *
 * Events are written at least once: a job resumed from a checkpoint repeats the progress it
 * made after that checkpoint, so followers may see `done` go back after a `resumed` event.
 * @module
 */
import type { Logger } from 'pino';
import { CoalescedWriter } from './coalesced-writer.ts';
import type { AbortReason } from './errors.ts';
import type { JobFiles, StoredRecord } from './job-files.ts';
import type { HeldLease } from './lease.ts';
import { LeaseKeeper } from './lease-keeper.ts';
import { spawnJobWorker, type WorkerHandle, type WorkerOutcome } from './spawn-worker.ts';
import { isTerminalStatus, type JobEventType, type Json } from './types.ts';
import type { Wake } from './wake.ts';
import type { RunnerMessage, WorkerMessage } from './worker-protocol.ts';

/** What an execution needs from its runner. */
export interface ExecutionOptions {
  files: JobFiles;
  id: string;
  lease: HeldLease;
  /** The handler module; undefined when this runner can only cancel the job. */
  handlerUrl: string | undefined;
  leaseMs: number;
  pollMs: number;
  /** How long an aborted worker may take to stop before its thread is terminated. */
  abortGraceMs: number;
  logger: Logger;
  /** Woken with the job id after each appended event, for in-process followers. */
  wake: Wake;
  /** See {@link JobRunnerOptions.environment}. */
  environment: Json;
}

type Ending =
  | { status: 'succeeded'; result: Json }
  | { status: 'failed'; error: { message: string } }
  | { status: 'cancelled' };

function now(): string {
  return new Date().toISOString();
}

/** A job this runner holds the lease of; `done` settles when it is released (or abandoned). */
export class JobExecution {
  /** Settles when the execution is over; never rejects (errors are logged). */
  readonly done: Promise<void>;
  private readonly leaseKeeper: LeaseKeeper;
  private record: StoredRecord | undefined;
  private seq = 1;
  private worker: WorkerHandle | undefined;
  private abortReason: AbortReason | undefined;
  /** Another runner took the job over: write nothing more. */
  private lost = false;
  /** Abandoned without cleanup (a simulated crash): write nothing more. */
  private frozen = false;
  /** Worker messages are persisted one after another, in the order they were sent. */
  private queue: Promise<void> = Promise.resolve();
  private checkingCancel = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly recordWriter = new CoalescedWriter(async () => {
    if (this.record && this.writable) await this.options.files.writeRecord(this.record);
  });

  constructor(private readonly options: ExecutionOptions) {
    this.leaseKeeper = new LeaseKeeper(options.lease, {
      leaseMs: options.leaseMs,
      logger: options.logger,
      jobId: options.id,
      onLost: () => this.loseLease(),
    });
    this.done = this.run().catch((err) => {
      // The lease is left to expire, so that another runner retries later rather than at once.
      options.logger.error({ err, job_id: options.id }, 'job execution failed');
    });
  }

  /** Asks the handler to stop because the job was cancelled. */
  cancel(): void {
    this.abort('cancel');
  }

  /**
   * Stops the job. With `releaseLease` (a graceful stop) the handler is aborted, its last
   * messages persisted and the lease released, leaving the job `running` for any runner to
   * resume from its checkpoint. Without it the worker is killed and nothing more is written,
   * like a crash: the job is resumed only once its lease expires.
   */
  async shutdown(releaseLease: boolean): Promise<void> {
    if (releaseLease) this.abort('shutdown');
    else {
      this.frozen = true;
      this.stopTimers();
      void this.leaseKeeper.stop();
      void this.worker?.terminate();
    }
    await this.done;
  }

  private get writable(): boolean {
    return !this.lost && !this.frozen;
  }

  private async run(): Promise<void> {
    try {
      await this.execute();
    } finally {
      this.stopTimers();
      await this.leaseKeeper.stop();
      if (this.worker && !this.worker.settled) await this.worker.terminate();
    }
  }

  private async execute(): Promise<void> {
    const { files, id, handlerUrl } = this.options;
    const record = await files.readRecord(id);
    // Its last holder may have finished it, then died before releasing the lease.
    if (!record || isTerminalStatus(record.status)) return this.release();
    this.record = record;
    this.seq = await files.openEventsForAppend(id);
    if ((await files.isCancelRequested(id)) || this.abortReason === 'cancel') {
      return this.finish({ status: 'cancelled' });
    }
    if (this.frozen) return;
    if (this.abortReason || handlerUrl === undefined) return this.release();

    const attempt = record.attempts + 1;
    const checkpoint = await files.readCheckpoint(id);
    const time = now();
    this.record = {
      ...record,
      status: 'running',
      attempts: attempt,
      started_at: record.started_at ?? time,
      updated_at: time,
    };
    await this.recordWriter.request();
    const resumed = attempt > 1;
    await this.emit(resumed ? 'resumed' : 'started', {
      attempt,
      owner: this.leaseKeeper.owner,
      ...(resumed ? { checkpoint: checkpoint !== undefined } : {}),
    });
    if (this.frozen) return;

    this.startTimers();
    this.worker = spawnJobWorker(
      {
        job_id: id,
        params: record.params,
        environment: this.options.environment,
        handler_url: handlerUrl,
        ...(checkpoint ? { checkpoint } : {}),
      },
      (message, reply) => this.enqueue(() => this.onMessage(message, reply)),
    );
    if (this.abortReason) this.sendAbort();
    const outcome = await this.worker.outcome;
    this.stopTimers();
    await this.leaseKeeper.stop();
    await this.queue;
    await this.conclude(outcome);
  }

  private async conclude(outcome: WorkerOutcome): Promise<void> {
    if (!this.writable) return;
    if (this.abortReason === 'shutdown') return this.release();
    if (this.abortReason === 'cancel') return this.finish({ status: 'cancelled' });
    if (outcome.ok) return this.finish({ status: 'succeeded', result: outcome.result });
    return this.finish({ status: 'failed', error: { message: outcome.message } });
  }

  /** Records the job's end (record first, so a follower that sees the event sees the record). */
  private async finish(ending: Ending): Promise<void> {
    if (!this.writable || !this.record) return;
    if (!(await this.leaseKeeper.holds())) {
      this.options.logger.warn({ job_id: this.options.id }, 'lease lost before the job could finish');
      return;
    }
    const time = now();
    this.record = { ...this.record, ...ending, updated_at: time, finished_at: time };
    await this.recordWriter.request();
    const data: Json | undefined =
      ending.status === 'succeeded'
        ? { result: ending.result }
        : ending.status === 'failed'
          ? { message: ending.error.message }
          : undefined;
    await this.emit(ending.status, data);
    await this.release();
  }

  private async release(): Promise<void> {
    if (this.writable) await this.leaseKeeper.release();
  }

  private async emit(type: JobEventType, data?: Json): Promise<void> {
    if (!this.writable) return;
    const event = { seq: this.seq++, time: now(), type, ...(data === undefined ? {} : { data }) };
    await this.options.files.appendEvent(this.options.id, event);
    this.options.wake.notify(this.options.id);
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((err) => {
      this.options.logger.error({ err, job_id: this.options.id }, 'could not persist a job message');
    });
  }

  private async onMessage(message: WorkerMessage, reply: (message: RunnerMessage) => void): Promise<void> {
    if (message.type === 'progress') {
      this.record = { ...this.record!, progress: message.data, updated_at: now() };
      await this.emit('progress', message.data);
      this.recordWriter.request().catch((err) => {
        this.options.logger.warn({ err, job_id: this.options.id }, 'could not save job progress');
      });
    } else if (message.type === 'log') {
      await this.emit('log', {
        message: message.message,
        ...(message.data === undefined ? {} : { data: message.data }),
      });
    } else if (message.type === 'checkpoint') {
      try {
        if (!this.writable) throw new Error('the job is no longer held by this runner');
        await this.options.files.writeCheckpoint(this.options.id, message.bytes);
        await this.emit('checkpoint', { bytes: message.bytes.byteLength });
        reply({ type: 'checkpoint-saved', id: message.id });
      } catch (err) {
        reply({ type: 'checkpoint-saved', id: message.id, error: (err as Error).message });
      }
    }
  }

  private abort(reason: AbortReason): void {
    if (this.abortReason || this.worker?.settled) return;
    this.abortReason = reason;
    if (this.worker) this.sendAbort();
  }

  private sendAbort(): void {
    const worker = this.worker!;
    worker.abort(this.abortReason!);
    // A handler that ignores its signal is stopped the hard way.
    this.timers.push(setTimeout(() => void worker.terminate(), this.options.abortGraceMs));
  }

  private loseLease(): void {
    this.lost = true;
    if (!this.abortReason && this.worker) {
      this.abortReason = 'lease-lost';
      this.sendAbort();
    }
  }

  private startTimers(): void {
    this.leaseKeeper.start();
    this.timers.push(setInterval(() => this.checkCancel(), this.options.pollMs));
  }

  private stopTimers(): void {
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
  }

  private checkCancel(): void {
    if (this.checkingCancel || this.abortReason) return;
    this.checkingCancel = true;
    this.options.files
      .isCancelRequested(this.options.id)
      .then((requested) => {
        if (requested) this.abort('cancel');
      })
      .catch((err) =>
        this.options.logger.warn({ err, job_id: this.options.id }, 'could not check for cancel'),
      )
      .finally(() => {
        this.checkingCancel = false;
      });
  }
}
