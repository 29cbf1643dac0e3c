import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { components } from '../../generated/openapi.ts';
import type { JobRecord, JobRunner, JobStatus } from '../../jobs/index.ts';
import type { AppEnv } from '../app-env.ts';
import { reply } from '../codec.ts';
import type { OperationHandler } from '../operation.ts';
import { ApiError } from '../problems.ts';
import { eventStream, eventStreamHeaders, prefersEventStream } from '../sse.ts';

type Schemas = components['schemas'];

const defaultLimit = 100;
/** Events per snapshot (the spec's `JobEventList.events` maxItems); `after` pages on. */
export const maxEventsPerSnapshot = 10_000;
const seqPattern = /^[0-9]{1,15}$/;

/**
 * A job as served: the record without its lease (who runs it, and where, is the runners'
 * business, not the client's).
 */
export function toJob(record: JobRecord): Schemas['Job'] {
  const { lease: _lease, ...job } = record;
  return job as unknown as Schemas['Job'];
}

function unknownJob(id: string): ApiError {
  return new ApiError('unknown-job', `no job ${id}`);
}

/** Where to resume: `Last-Event-ID` (what a reconnecting EventSource sends) over `after`. */
function resumeAfter(c: Context<AppEnv>, query: Record<string, string>): number | undefined {
  const lastEventId = c.req.header('last-event-id')?.trim();
  if (lastEventId !== undefined && lastEventId !== '') {
    if (!seqPattern.test(lastEventId)) {
      const message = 'must be an event seq (an integer)';
      throw new ApiError('validation', `/header/last-event-id: ${message}`, [
        { pointer: '/header/last-event-id', message },
      ]);
    }
    return Number(lastEventId);
  }
  return query.after === undefined ? undefined : Number(query.after);
}

/** Dependencies of the job routes. */
export interface JobRouteDeps {
  jobs: JobRunner;
  logger: Logger;
  /** Aborted at server shutdown: open event streams end (clients resume with Last-Event-ID). */
  shutdown?: AbortSignal;
  /** Keep-alive comment interval of event streams (default 15 s). */
  heartbeatMs?: number;
  /** Event streams open at once (the spec's `x-limits.max_event_streams`); more get a 503. */
  maxEventStreams: number;
}

/** Handlers of the job routes: listing, status, cancel, and events (snapshot or SSE stream). */
export function jobHandlers(deps: JobRouteDeps) {
  let openStreams = 0;
  return {
    listJobs: async (c, { query }) => {
      const limit = query.limit === undefined ? defaultLimit : Number(query.limit);
      // One more than asked tells whether another page follows.
      const page = await deps.jobs.list({
        limit: limit + 1,
        status: query.status as JobStatus | undefined,
        after: query.after,
      });
      const items = page.slice(0, limit).map(toJob);
      const next = page.length > limit ? items.at(-1)!.id : null;
      return reply(c, { items, next } satisfies Schemas['JobList']);
    },

    getJob: async (c, { params }) => {
      const record = await deps.jobs.get(params.job_id!);
      if (!record) throw unknownJob(params.job_id!);
      return reply(c, toJob(record));
    },

    cancelJob: async (c, { params }) => {
      const record = await deps.jobs.cancel(params.job_id!);
      if (!record) throw unknownJob(params.job_id!);
      return reply(c, toJob(record), 202);
    },

    getJobEvents: async (c, { params, query }) => {
      const id = params.job_id!;
      const after = resumeAfter(c, query);
      if (!prefersEventStream(c.req.header('accept'))) {
        const events = await deps.jobs.events(id, { after });
        if (!events) throw unknownJob(id);
        return reply(c, { events: events.slice(0, maxEventsPerSnapshot) } satisfies Schemas['JobEventList']);
      }
      // Checked before streaming so that an unknown job is a 404, not an empty stream.
      if (!(await deps.jobs.get(id))) throw unknownJob(id);
      if (openStreams >= deps.maxEventStreams) {
        c.header('Retry-After', '5');
        throw new ApiError(
          'too-many-streams',
          `${openStreams} event streams are open, the most this server serves at once; retry later, or poll GET /v1/jobs/${id}/events without Accept: text/event-stream`,
        );
      }
      const { jobs } = deps;
      openStreams++;
      const stream = eventStream(
        async function* frames(signal) {
          try {
            for await (const event of jobs.follow(id, { after, signal })) {
              yield { id: String(event.seq), event: event.type, data: JSON.stringify(event) };
            }
          } finally {
            openStreams--;
          }
        },
        {
          request: c.req.raw.signal,
          shutdown: deps.shutdown,
          heartbeatMs: deps.heartbeatMs,
          onError: (err) =>
            deps.logger.error({ reqId: c.get('requestId'), err, job: id }, 'event stream failed'),
        },
      );
      return c.body(stream, 200, eventStreamHeaders);
    },
  } satisfies Record<string, OperationHandler>;
}
