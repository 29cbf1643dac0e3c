/**
 * Following a job to its end through `GET /v1/jobs/{id}/events` as `text/event-stream`. A stream
 * that ends early (server restart, proxy timeout) or fails is reopened with `Last-Event-ID`, so
 * every event is seen once.
 * @module
 */
import type { ApiClient } from './http-client.ts';
import { ServerProblemError } from './http-client.ts';
import { readEvents } from './sse-client.ts';

/** A job event as the stream carries it (the spec's `JobEvent`). */
export interface JobEventData {
  seq: number;
  time: string;
  type: string;
  data?: unknown;
}

/** Event types that end a job's log. */
export const TERMINAL_TYPES: readonly string[] = ['succeeded', 'failed', 'cancelled'];

/** Options of {@link followJob}. */
export interface FollowOptions {
  /** Reopenings in a row without a new event before giving up; default 5. */
  retries?: number;
  /** Wait before reopening (ms); default 1000. */
  retryMs?: number;
}

/** Calls `onEvent` for every event of the job, in order; resolves with the terminal one. */
export async function followJob(
  client: ApiClient,
  jobId: string,
  onEvent: (event: JobEventData) => void,
  options: FollowOptions = {},
): Promise<JobEventData> {
  const retries = options.retries ?? 5;
  let last: number | undefined;
  let failures = 0;
  let lastError: unknown;
  for (;;) {
    try {
      const res = await client.fetch('GET', `/v1/jobs/${encodeURIComponent(jobId)}/events`, {
        headers: {
          accept: 'text/event-stream',
          ...(last !== undefined ? { 'last-event-id': String(last) } : {}),
        },
      });
      if (!res.body) throw new Error('the events stream has no body');
      for await (const frame of readEvents(res.body)) {
        const event = JSON.parse(frame.data) as JobEventData;
        last = event.seq;
        failures = 0;
        onEvent(event);
        if (TERMINAL_TYPES.includes(event.type)) {
          await res.body.cancel().catch(() => {});
          return event;
        }
      }
      lastError = new Error(`the events stream of job ${jobId} ended before the job did`);
    } catch (err) {
      // A refusal (unknown job) or our own abort will not change by asking again.
      if (err instanceof ServerProblemError || client.signal?.aborted) throw err;
      lastError = err;
    }
    if (++failures > retries) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 1000));
  }
}
