/**
 * The job vocabulary shared by the runner, its workers and (later) the HTTP routes. Field names
 * are snake_case because records and events go on the wire as they are.
 * @module
 */

/** A JSON value: what params, results, progress and event data may hold. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where a job is in its life. The last three never change again. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** The statuses a job never leaves. */
export const terminalStatuses: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

/** True for `succeeded`, `failed` and `cancelled`. */
export function isTerminalStatus(status: JobStatus): boolean {
  return terminalStatuses.includes(status);
}

/** Progress as the handler last reported it: `done` out of `total`, plus any extra fields. */
export interface JobProgress {
  done: number;
  total: number;
  [key: string]: Json;
}

/** Who may run a job, and until when (ISO time). Another runner may take it over afterwards. */
export interface JobLease {
  owner: string;
  expires_at: string;
}

/** A job as stored and served. Times are ISO 8601 strings. */
export interface JobRecord {
  id: string;
  kind: string;
  status: JobStatus;
  params: Json;
  created_at: string;
  updated_at: string;
  started_at?: string;
  finished_at?: string;
  /** How many times a runner has started (or resumed) the job. */
  attempts: number;
  /** The current lease, when one is held (it may have expired if its owner died). */
  lease?: JobLease;
  result?: Json;
  error?: { message: string };
  /** Set once someone asked to cancel; the job ends `cancelled` at its next abort check. */
  cancel_requested?: boolean;
  progress?: JobProgress;
}

/** What an event reports. A job's log ends with exactly one terminal type. */
export type JobEventType =
  | 'queued'
  | 'started'
  | 'progress'
  | 'log'
  | 'checkpoint'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'resumed';

/** The event types after which a job's log gets no more events. */
export const terminalEventTypes: readonly JobEventType[] = ['succeeded', 'failed', 'cancelled'];

/** One line of a job's append-only event log; `seq` counts from 1 and is the SSE event id. */
export interface JobEvent {
  seq: number;
  time: string;
  type: JobEventType;
  data?: Json;
}

/**
 * What a handler's `run` gets, inside its worker thread. Progress, logs and checkpoints travel
 * to the runner's thread, which persists them: the worker writes no files itself.
 */
export interface JobContext {
  job_id: string;
  params: Json;
  /** The bytes last passed to `saveCheckpoint`, when the job is being resumed. */
  checkpoint?: Uint8Array;
  /**
   * The runner's {@link JobRunnerOptions.environment}: server-side settings every handler needs
   * (e.g. the data directory), kept out of the job's params and record.
   */
  environment: Json;
  /** Aborted on cancel, on runner shutdown and when the lease is lost; stop soon after. */
  signal: AbortSignal;
  /** Reports progress; throws the abort reason once `signal` is aborted (a built-in abort check). */
  progress(data: JobProgress): void;
  /** Appends a `log` event. */
  log(message: string, data?: Json): void;
  /** Persists `bytes` as the job's checkpoint; resolves once it is on disk. */
  saveCheckpoint(bytes: Uint8Array): Promise<void>;
}

/** The shape of a handler module: `export async function run(ctx) { ... return result; }`. */
export interface JobHandlerModule {
  run(ctx: JobContext): Promise<unknown>;
}
