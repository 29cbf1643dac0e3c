/**
 * Tailing a job's event log (what `GET /v1/jobs/{id}/events` streams as server-sent events).
 * It reads new complete lines from the last byte offset, then waits for an in-process wake-up
 * or the poll interval, so it follows jobs run by this process at once and jobs run by other
 * replicas within one poll interval.
 * @module
 */
import type { JobFiles } from './job-files.ts';
import { isTerminalStatus, type JobEvent, terminalEventTypes } from './types.ts';
import type { Wake } from './wake.ts';

/** Options of `followEvents`. */
export interface FollowOptions {
  /** Only events with a larger `seq` (an SSE `Last-Event-ID`). */
  after?: number;
  /** Ends the stream early (a client that went away). */
  signal?: AbortSignal;
  pollMs: number;
}

/**
 * Yields the job's events in order, waiting for new ones, and returns after a terminal event
 * (at once for a finished job), when `signal` aborts, or when the job does not exist.
 */
export async function* followEvents(
  files: JobFiles,
  wake: Wake,
  id: string,
  options: FollowOptions,
): AsyncGenerator<JobEvent, void, undefined> {
  let offset = 0;
  let last = options.after ?? 0;
  let finishedWithoutEvent = false;
  if (!(await files.readRecord(id))) return;
  while (!options.signal?.aborted) {
    const read = await files.readEventsFrom(id, offset);
    offset = read.offset;
    for (const event of read.events) {
      if (event.seq <= last) continue;
      last = event.seq;
      yield event;
      if (terminalEventTypes.includes(event.type)) return;
    }
    if (read.events.length === 0) {
      // The terminal record is written before the terminal event; a holder that died between
      // the two leaves no event, so a finished record with a quiet log ends the stream too.
      const record = await files.readRecord(id);
      if (!record) return;
      if (isTerminalStatus(record.status)) {
        if (finishedWithoutEvent) return;
        finishedWithoutEvent = true;
      }
    }
    await wake.wait(id, options.pollMs, options.signal);
  }
}
