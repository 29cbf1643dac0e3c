/**
 * Tailing a job's event log (what `GET /v1/jobs/{id}/events` streams as server-sent events).
 * It reads new complete lines from the last byte offset, then waits on the job's shared watcher
 * (event-watch.ts): at once for jobs run by this process, within a check interval for jobs other
 * replicas run; an idle stream costs no timer and no reads of its own.
 * @module
 */
import type { EventWatch } from './event-watch.ts';
import type { JobFiles } from './job-files.ts';
import { isTerminalStatus, type JobEvent, terminalEventTypes } from './types.ts';

/** Options of `followEvents`. */
export interface FollowOptions {
  /** Only events with a larger `seq` (an SSE `Last-Event-ID`). */
  after?: number;
  /** Ends the stream early (a client that went away). */
  signal?: AbortSignal;
}

/**
 * Yields the job's events in order, waiting for new ones, and returns after a terminal event
 * (at once for a finished job), when `signal` aborts, or when the job does not exist.
 */
export async function* followEvents(
  files: JobFiles,
  watch: EventWatch,
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
    await watch.wait(id, offset, options.signal);
  }
}
