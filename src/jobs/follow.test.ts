import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, tempDir, testHandlers } from '../../test/helpers/jobs/handlers.ts';
import { JobRunner } from './runner.ts';

describe('following events', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let runner: JobRunner;
  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
    runner = new JobRunner({ rootDir: dir, handlers: testHandlers, pollMs: 20 });
  });
  afterEach(async () => {
    await runner.stop();
    await remove();
  });

  it('yields events as they come and ends after the terminal one', async () => {
    const job = await runner.submit('count', { n: 4 });
    const following = collect(runner.follow(job.id)); // before the job even starts
    runner.start();
    const events = await following;
    expect(events[0]?.type).toBe('queued');
    expect(events.at(-1)?.type).toBe('succeeded');
    expect(events).toEqual(await runner.events(job.id));
  });

  it('resumes after a given seq, and ends at once for a finished job', async () => {
    runner.start();
    const job = await runner.submit('count', { n: 4 });
    const all = await collect(runner.follow(job.id));
    expect(await collect(runner.follow(job.id, { after: 3 }))).toEqual(all.slice(3));
    expect(await collect(runner.follow(job.id))).toEqual(all);
  });

  it('follows a job run by another runner (by polling the log)', async () => {
    const other = new JobRunner({ rootDir: dir, handlers: testHandlers, pollMs: 20 });
    other.start();
    try {
      const job = await runner.submit('count', { n: 3 });
      const events = await collect(runner.follow(job.id));
      expect(events.at(-1)).toMatchObject({ type: 'succeeded', data: { result: { count: 3 } } });
    } finally {
      await other.stop();
    }
  });

  it('stops when its signal aborts', async () => {
    const job = await runner.submit('count', { n: 3 }); // never started: no events come
    const controller = new AbortController();
    const iterator = runner.follow(job.id, { signal: controller.signal })[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: 'queued' });
    const next = iterator.next(); // waiting for an event that will not come
    controller.abort();
    expect(await next).toEqual({ done: true, value: undefined });
  });
});
