/**
 * Messages between a job's worker thread and the runner's thread.
 * @module
 */
import type { AbortReason } from './errors.ts';
import type { JobProgress, Json } from './types.ts';

/** The worker's `workerData`. */
export interface WorkerInput {
  job_id: string;
  params: Json;
  checkpoint?: Uint8Array;
  /** See {@link JobContext.environment}. */
  environment: Json;
  /** The handler module's URL (`file:` URL; `.ts` works, see worker-bootstrap.mjs). */
  handler_url: string;
}

/** Worker -> runner. `result` and `failure` are final. */
export type WorkerMessage =
  | { type: 'progress'; data: JobProgress }
  | { type: 'log'; message: string; data?: Json }
  | { type: 'checkpoint'; id: number; bytes: Uint8Array }
  | { type: 'result'; result: Json }
  | { type: 'failure'; message: string };

/** Runner -> worker. */
export type RunnerMessage =
  | { type: 'abort'; reason: AbortReason }
  | { type: 'checkpoint-saved'; id: number; error?: string };
