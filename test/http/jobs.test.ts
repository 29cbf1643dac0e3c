import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { newJobId } from '../../src/jobs/ids.ts';
import type { JobEvent, JobRecord, JobRunner } from '../../src/jobs/index.ts';
import { startServer } from '../../src/server.ts';
import { unpackMsgpack } from '../../src/wire/msgpack.ts';
import { call, problem, testApp, testJobRunner } from '../helpers/app.ts';
import { tempDir, waitFor } from '../helpers/jobs/handlers.ts';

type App = ReturnType<typeof testApp>;

interface Frame {
  id?: string;
  event?: string;
  data: string;
}

/** Parses complete SSE frames out of `text` (comments skipped); returns them and the rest. */
function parseFrames(text: string): { frames: Frame[]; rest: string } {
  const frames: Frame[] = [];
  const blocks = text.split('\n\n');
  const rest = blocks.pop()!;
  for (const block of blocks) {
    const frame: Frame = { data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'id' || field === 'event') frame[field] = value;
    }
    if (data.length === 0 && frame.id === undefined && frame.event === undefined) continue;
    frame.data = data.join('\n');
    frames.push(frame);
  }
  return { frames, rest };
}

/** Reads an SSE body to its end. */
async function readFrames(res: Response): Promise<Frame[]> {
  const { frames, rest } = parseFrames(await res.text());
  expect(rest).toBe('');
  return frames;
}

/** Reads SSE frames from a live body until `count` have come (the stream stays open). */
async function takeFrames(reader: ReadableStreamDefaultReader<Uint8Array>, count: number): Promise<Frame[]> {
  const decoder = new TextDecoder();
  let text = '';
  const frames: Frame[] = [];
  while (frames.length < count) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended after ${frames.length} frames`);
    const parsed = parseFrames(text + decoder.decode(value, { stream: true }));
    frames.push(...parsed.frames);
    text = parsed.rest;
  }
  return frames;
}

/** An app served on a free port (the real socket path: @hono/node-server). */
function listen(app: App): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({ server, url: `http://127.0.0.1:${info.port}` });
    });
  });
}

/** Closes a test server at once (fetch leaves idle keep-alive connections behind). */
function close(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

const sse = { accept: 'text/event-stream' };

describe('job routes', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let runner: JobRunner;
  let app: App;
  let server: ServerType;
  let url: string;
  beforeAll(async () => {
    ({ dir, remove } = await tempDir());
    runner = testJobRunner({ rootDir: dir });
    app = testApp({ jobs: runner });
    ({ server, url } = await listen(app));
  });
  afterAll(async () => {
    await runner?.stop();
    if (server) await close(server);
    await remove?.();
  });

  async function finished(id: string): Promise<JobRecord> {
    return waitFor(async () => {
      const job = await runner.get(id);
      return job && ['succeeded', 'failed', 'cancelled'].includes(job.status) ? job : undefined;
    });
  }

  it('lists jobs oldest first, a page at a time, filtered by status', async () => {
    // Its own runner: the listing sees exactly these jobs.
    const own = await tempDir();
    const listRunner = testJobRunner({ rootDir: own.dir });
    const listApp = testApp({ jobs: listRunner });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await listRunner.submit('count', { n: i })).id);
      const all = await call<{ items: JobRecord[]; next: string | null }>(listApp, 'GET', '/v1/jobs');
      expect(all.status).toBe(200);
      expect(all.body.items.map((j) => j.id)).toEqual(ids);
      expect(all.body.next).toBeNull();
      expect(all.body.items[2]).toMatchObject({
        kind: 'count',
        status: 'queued',
        params: { n: 2 },
        attempts: 0,
      });

      const pages: string[][] = [];
      let after: string | null = null;
      do {
        const query: string = after ? `?limit=2&after=${after}` : '?limit=2';
        const page = await call<{ items: JobRecord[]; next: string | null }>(
          listApp,
          'GET',
          `/v1/jobs${query}`,
        );
        expect(page.status).toBe(200);
        pages.push(page.body.items.map((j) => j.id));
        after = page.body.next;
      } while (after);
      expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
      // A full last page says so only by an empty page after it, never by a dangling `next`.
      const exact = await call<{ items: JobRecord[]; next: string | null }>(
        listApp,
        'GET',
        '/v1/jobs?limit=5',
      );
      expect(exact.body).toMatchObject({ next: null });
      expect(exact.body.items).toHaveLength(5);

      await listRunner.cancel(ids[1]!);
      const cancelled = await call<{ items: JobRecord[] }>(listApp, 'GET', '/v1/jobs?status=cancelled');
      expect(cancelled.body.items.map((j) => j.id)).toEqual([ids[1]]);
      const queued = await call<{ items: JobRecord[] }>(
        listApp,
        'GET',
        '/v1/jobs?status=queued&limit=1',
        undefined,
        'msgpack',
      );
      expect(queued.contentType).toBe('application/msgpack');
      expect(queued.body.items.map((j) => j.id)).toEqual([ids[0]]);

      for (const bad of ['limit=0', 'limit=1001', 'limit=ten', 'status=done']) {
        const r = await call(listApp, 'GET', `/v1/jobs?${bad}`);
        expect(r.status, bad).toBe(422);
        expect(r.body.type).toBe(problem('validation'));
      }
    } finally {
      await own.remove();
    }
  });

  it('gets a job, without its lease; 404 unknown-job for unknown and malformed ids', async () => {
    const job = await runner.submit('count', { n: 2, wait_for_cancel: true });
    runner.start();
    await waitFor(async () => (await runner.get(job.id))?.progress?.done === 2);
    const r = await call<JobRecord>(app, 'GET', `/v1/jobs/${job.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: job.id, kind: 'count', status: 'running', attempts: 1 });
    expect(r.body.progress).toEqual({ done: 2, total: 2 });
    expect(r.body).not.toHaveProperty('lease');
    const packed = await call<JobRecord>(app, 'GET', `/v1/jobs/${job.id}`, undefined, 'msgpack');
    expect(packed.body.id).toBe(job.id);
    await runner.cancel(job.id);
    await finished(job.id);

    for (const id of [newJobId(), 'job_nope', 'nope']) {
      for (const [method, path] of [
        ['GET', `/v1/jobs/${id}`],
        ['DELETE', `/v1/jobs/${id}`],
        ['GET', `/v1/jobs/${id}/events`],
      ] as const) {
        const res = await call(app, method, path);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.contentType).toContain('application/problem+json');
        expect(res.body).toMatchObject({ type: problem('unknown-job'), status: 404 });
      }
      // The stream asked for is refused the same way, before it starts.
      const res = await fetch(`${url}/v1/jobs/${id}/events`, { headers: sse });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { type: string }).type).toBe(problem('unknown-job'));
    }
  });

  it('cancels a queued job at once', async () => {
    const own = await tempDir();
    const idle = testJobRunner({ rootDir: own.dir }); // never started: the job stays queued
    const idleApp = testApp({ jobs: idle });
    try {
      const job = await idle.submit('count', { n: 3 });
      const r = await call<JobRecord>(idleApp, 'DELETE', `/v1/jobs/${job.id}`);
      expect(r.status).toBe(202);
      expect(r.body).toMatchObject({ id: job.id, status: 'cancelled', cancel_requested: true });
      expect(r.body.finished_at).toBeDefined();
      const again = await call<JobRecord>(idleApp, 'DELETE', `/v1/jobs/${job.id}`);
      expect(again.status).toBe(202);
      expect(again.body.status).toBe('cancelled');
      const events = await call<{ events: JobEvent[] }>(idleApp, 'GET', `/v1/jobs/${job.id}/events`);
      expect(events.body.events.map((e) => e.type)).toEqual(['queued', 'cancelled']);
    } finally {
      await idle.stop();
      await own.remove();
    }
  });

  it('cancels a running job: cancel_requested first, cancelled once the handler stops', async () => {
    runner.start();
    const job = await runner.submit('count', { n: 1, wait_for_cancel: true, linger_ms: 400 });
    await waitFor(async () => (await runner.get(job.id))?.progress?.done === 1);
    const r = await call<JobRecord>(app, 'DELETE', `/v1/jobs/${job.id}`);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'running', cancel_requested: true });
    const stream = await fetch(`${url}/v1/jobs/${job.id}/events`, { headers: sse });
    const frames = await readFrames(stream);
    expect(frames.at(-1)?.event).toBe('cancelled');
    const done = await call<JobRecord>(app, 'GET', `/v1/jobs/${job.id}`);
    expect(done.body).toMatchObject({ status: 'cancelled', cancel_requested: true });
    // A finished job is left as it is.
    const late = await call<JobRecord>(app, 'DELETE', `/v1/jobs/${job.id}`);
    expect(late.status).toBe(202);
    expect(late.body.status).toBe('cancelled');
  });

  it('streams the events over a socket, live, and ends after the terminal one', async () => {
    runner.start();
    const job = await runner.submit('count', { n: 4, delay_ms: 20 });
    const res = await fetch(`${url}/v1/jobs/${job.id}/events`, { headers: sse });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const frames = await readFrames(res); // resolves only once the server closes the stream
    const events = frames.map((f) => JSON.parse(f.data) as JobEvent);
    expect(events.map((e) => e.type)).toEqual([
      'queued',
      'started',
      'progress',
      'progress',
      'progress',
      'progress',
      'log',
      'succeeded',
    ]);
    expect(frames.map((f) => f.id)).toEqual(events.map((e) => String(e.seq)));
    expect(frames.map((f) => f.event)).toEqual(events.map((e) => e.type));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.data).toMatchObject({ result: { count: 4 } });
    // The snapshot holds the same events.
    const snapshot = await call<{ events: JobEvent[] }>(app, 'GET', `/v1/jobs/${job.id}/events`);
    expect(snapshot.body.events).toEqual(events);
    // A failed job's stream ends with `failed`.
    const failing = await runner.submit('count', { n: 1, fail: true });
    const failed = await readFrames(await fetch(`${url}/v1/jobs/${failing.id}/events`, { headers: sse }));
    expect(failed.at(-1)).toMatchObject({ event: 'failed' });
  });

  it('resumes a stream after Last-Event-ID (or `after`), and snapshots after `after`', async () => {
    runner.start();
    const job = await runner.submit('count', { n: 3 });
    const all = (await readFrames(await fetch(`${url}/v1/jobs/${job.id}/events`, { headers: sse }))).map(
      (f) => JSON.parse(f.data) as JobEvent,
    );
    const resumed = await readFrames(
      await fetch(`${url}/v1/jobs/${job.id}/events`, { headers: { ...sse, 'last-event-id': '3' } }),
    );
    expect(resumed.map((f) => JSON.parse(f.data))).toEqual(all.slice(3));
    // Last-Event-ID (what a reconnecting EventSource sends) wins over the URL's `after`.
    const both = await readFrames(
      await fetch(`${url}/v1/jobs/${job.id}/events?after=1`, { headers: { ...sse, 'last-event-id': '5' } }),
    );
    expect(both.map((f) => Number(f.id))).toEqual(all.slice(5).map((e) => e.seq));
    const byQuery = await readFrames(
      await fetch(`${url}/v1/jobs/${job.id}/events?after=2`, { headers: sse }),
    );
    expect(byQuery.map((f) => Number(f.id))).toEqual(all.slice(2).map((e) => e.seq));

    const snapshot = await call<{ events: JobEvent[] }>(app, 'GET', `/v1/jobs/${job.id}/events?after=2`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.events).toEqual(all.slice(2));
    const packed = await app.request(`/v1/jobs/${job.id}/events?after=4`, {
      headers: { accept: 'application/msgpack' },
    });
    expect(unpackMsgpack(new Uint8Array(await packed.arrayBuffer()))).toEqual({ events: all.slice(4) });
    const none = await call<{ events: JobEvent[] }>(app, 'GET', `/v1/jobs/${job.id}/events?after=99`);
    expect(none.body.events).toEqual([]);

    for (const [path, headers] of [
      [`/v1/jobs/${job.id}/events?after=-1`, {}],
      [`/v1/jobs/${job.id}/events`, { 'last-event-id': 'abc' }],
    ] as const) {
      const r = await app.request(path, { headers: { ...sse, ...headers } });
      expect(r.status).toBe(422);
      expect(((await r.json()) as { type: string }).type).toBe(problem('validation'));
    }
  });

  it('negotiates: a stream only where the spec offers one, JSON when preferred', async () => {
    const job = await runner.submit('count', { n: 1 });
    await finished(job.id);
    const preferJson = await app.request(`/v1/jobs/${job.id}/events`, {
      headers: { accept: 'text/event-stream;q=0.5, application/json' },
    });
    expect(preferJson.headers.get('content-type')).toBe('application/json');
    const elsewhere = await app.request('/v1/jobs', { headers: sse });
    expect(elsewhere.status).toBe(406);
  });

  it('stops following when the client goes away', async () => {
    const own = await tempDir();
    const idle = testJobRunner({ rootDir: own.dir }); // never started: the stream waits forever
    const follow = vi.spyOn(idle, 'follow');
    const idleServer = await listen(testApp({ jobs: idle }));
    try {
      const job = await idle.submit('count', { n: 1 });
      const client = new AbortController();
      const res = await fetch(`${idleServer.url}/v1/jobs/${job.id}/events`, {
        headers: sse,
        signal: client.signal,
      });
      const reader = res.body!.getReader();
      expect((await takeFrames(reader, 1))[0]).toMatchObject({ id: '1', event: 'queued' });
      const signal = follow.mock.calls[0]?.[1]?.signal;
      expect(signal?.aborted).toBe(false);
      client.abort();
      await waitFor(async () => signal?.aborted, 5_000);
    } finally {
      await close(idleServer.server);
      await own.remove();
    }
  });

  it('ends open streams at shutdown', async () => {
    const own = await tempDir();
    const idle = testJobRunner({ rootDir: own.dir });
    const shutdown = new AbortController();
    const { server: s, url: u } = await listen(testApp({ jobs: idle, shutdown: shutdown.signal }));
    try {
      const job = await idle.submit('count', { n: 1 });
      const res = await fetch(`${u}/v1/jobs/${job.id}/events`, { headers: sse });
      const reader = res.body!.getReader();
      await takeFrames(reader, 1);
      shutdown.abort();
      let result = await reader.read();
      while (!result.done) result = await reader.read();
    } finally {
      await close(s);
      await own.remove();
    }
  });

  it('the server runs jobs under its data dir and closes with a stream open', async () => {
    const own = await tempDir();
    const running = await startServer(
      loadConfig({ PORT: '0', MODELGYM_DATA_DIR: own.dir }),
      pino({ level: 'silent' }),
    );
    try {
      // Submitted by a runner beside the server's (which has no `count` handler, so never runs it).
      const job = await testJobRunner({ rootDir: join(own.dir, 'jobs') }).submit('count', { n: 1 });
      const base = `http://127.0.0.1:${running.port}`;
      const listed = (await (await fetch(`${base}/v1/jobs`)).json()) as { items: JobRecord[] };
      expect(listed.items.map((j) => j.id)).toEqual([job.id]);
      const res = await fetch(`${base}/v1/jobs/${job.id}/events`, { headers: sse });
      const reader = res.body!.getReader();
      await takeFrames(reader, 1);
      const started = Date.now();
      await running.close();
      expect(Date.now() - started).toBeLessThan(2_000);
      let result = await reader.read();
      while (!result.done) result = await reader.read();
    } finally {
      await own.remove();
    }
  });
});

describe('event stream cap', () => {
  it('answers 503 too-many-streams with Retry-After past the cap, and serves again once one closes', async () => {
    const own = await tempDir();
    const runner = testJobRunner({ rootDir: own.dir });
    const app = testApp({ jobs: runner, maxEventStreams: 2 });
    // Never started: the job stays queued and its streams stay open.
    const job = await runner.submit('count', { n: 1 });
    const open = () => {
      const controller = new AbortController();
      return {
        controller,
        res: app.request(`/v1/jobs/${job.id}/events`, { headers: sse, signal: controller.signal }),
      };
    };
    try {
      const a = open();
      const b = open();
      expect((await a.res).status).toBe(200);
      expect((await b.res).status).toBe(200);
      const refused = await app.request(`/v1/jobs/${job.id}/events`, { headers: sse });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(((await refused.json()) as { type: string }).type).toBe(problem('too-many-streams'));
      a.controller.abort();
      await (await a.res).body?.cancel().catch(() => {});
      const again = await waitFor(async () => {
        const c = open();
        const res = await c.res;
        if (res.status === 200) return c;
        c.controller.abort();
        return undefined;
      });
      again.controller.abort();
      b.controller.abort();
    } finally {
      await runner.stop();
      await own.remove();
    }
  });
});
