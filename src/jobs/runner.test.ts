import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, tempDir, testHandlers } from '../../test/helpers/jobs/handlers.ts';
import { UnknownJobKindError } from './errors.ts';
import { JobRunner } from './runner.ts';
import type { JobRecord } from './types.ts';

describe('JobRunner', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let runner: JobRunner;
  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
    runner = new JobRunner({ rootDir: dir, handlers: testHandlers, pollMs: 20, leaseMs: 5_000 });
  });
  afterEach(async () => {
    await runner.stop();
    await remove();
  });

  /** Runs a job to its end and returns its final record. */
  async function runToEnd(kind: string, params: JobRecord['params']): Promise<JobRecord> {
    const job = await runner.submit(kind, params);
    await collect(runner.follow(job.id));
    return (await runner.get(job.id))!;
  }

  it('runs a job in a worker: progress events in order, then the result', async () => {
    runner.start();
    const job = await runner.submit('count', { n: 5 });
    expect(job).toMatchObject({ kind: 'count', status: 'queued', attempts: 0, params: { n: 5 } });
    const events = await collect(runner.follow(job.id));
    expect(events.map((event) => event.type)).toEqual([
      'queued',
      'started',
      ...Array(5).fill('progress'),
      'log',
      'succeeded',
    ]);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((event) => event.type === 'progress').map((event) => event.data)).toEqual(
      [1, 2, 3, 4, 5].map((done) => ({ done, total: 5 })),
    );
    expect(events.at(-1)?.data).toEqual({ result: { count: 5, resumed_from: 0 } });
    const done = await runner.get(job.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      result: { count: 5, resumed_from: 0 },
      attempts: 1,
      progress: { done: 5, total: 5 },
    });
    expect(done?.started_at).toBeDefined();
    expect(done?.finished_at).toBeDefined();
    expect(done?.lease).toBeUndefined();
    expect(await runner.events(job.id, { after: events.length - 2 })).toEqual(events.slice(-2));
  });

  it('gives handlers the runner environment, which stays out of the job record', async () => {
    await runner.stop();
    runner = new JobRunner({
      rootDir: dir,
      handlers: testHandlers,
      pollMs: 20,
      environment: { data_dir: '/srv/x' },
    });
    runner.start();
    const done = await runToEnd('environment', { a: 1 });
    expect(done.result).toEqual({ environment: { data_dir: '/srv/x' }, params: { a: 1 } });
    expect(done.params).toEqual({ a: 1 });
  });

  it('lists jobs in creation order, by status, with a cursor', async () => {
    const a = await runner.submit('count', { n: 1 });
    const b = await runner.submit('count', { n: 1 });
    const c = await runner.submit('count', { n: 1 });
    expect((await runner.list()).map((job) => job.id)).toEqual([a.id, b.id, c.id]);
    expect((await runner.list({ limit: 2 })).map((job) => job.id)).toEqual([a.id, b.id]);
    expect((await runner.list({ after: b.id })).map((job) => job.id)).toEqual([c.id]);
    runner.start();
    await collect(runner.follow(a.id));
    await collect(runner.follow(b.id));
    await collect(runner.follow(c.id));
    expect(await runner.list({ status: 'queued' })).toEqual([]);
    expect(await runner.list({ status: 'succeeded' })).toHaveLength(3);
  });

  it('rejects unknown kinds and returns nothing for unknown ids', async () => {
    await expect(runner.submit('nope', {})).rejects.toBeInstanceOf(UnknownJobKindError);
    expect(await runner.get('job_unknown')).toBeUndefined();
    expect(await runner.get('../../etc')).toBeUndefined();
    expect(await runner.events('job_unknown')).toBeUndefined();
    expect(await runner.cancel('job_unknown')).toBeUndefined();
    expect(await collect(runner.follow('job_unknown'))).toEqual([]);
  });

  it('a handler that throws fails the job with its message', async () => {
    runner.start();
    const job = await runToEnd('fail', { message: 'bad params' });
    expect(job).toMatchObject({ status: 'failed', error: { message: 'bad params' } });
    const types = (await runner.events(job.id))!.map((event) => event.type);
    expect(types).toEqual(['queued', 'started', 'log', 'failed']);
  });

  it('a worker that exits or throws outside the handler fails the job, not the process', async () => {
    runner.start();
    const exited = await runToEnd('crash', { mode: 'exit' });
    expect(exited).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('code 3') } });
    const uncaught = await runToEnd('crash', { mode: 'uncaught' });
    expect(uncaught).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('uncaught boom') },
    });
    // The runner still works afterwards.
    expect(await runToEnd('count', { n: 2 })).toMatchObject({ status: 'succeeded' });
  });

  it('a handler module that cannot be loaded or has no run fails the job', async () => {
    runner.start();
    const noRun = await runToEnd('no-run', {});
    expect(noRun.error?.message).toMatch(/exports no run function/);
    const missing = await runToEnd('missing', {});
    expect(missing.error?.message).toMatch(/cannot load job handler/);
  });

  it('runs up to maxConcurrent jobs at once', async () => {
    await runner.stop();
    runner = new JobRunner({ rootDir: dir, handlers: testHandlers, pollMs: 20, maxConcurrent: 3 });
    runner.start();
    const jobs = await Promise.all([1, 2, 3, 4, 5].map(() => runner.submit('count', { n: 3 })));
    for (const job of jobs) await collect(runner.follow(job.id));
    const records = await Promise.all(jobs.map((job) => runner.get(job.id)));
    expect(records.map((record) => record?.status)).toEqual(Array(5).fill('succeeded'));
    // Never more than three at once: at each start, count the jobs started and not yet finished.
    const spans = records.map((record) => [
      Date.parse(record!.started_at!),
      Date.parse(record!.finished_at!),
    ]);
    for (const [start] of spans) {
      expect(spans.filter(([s, f]) => s! <= start! && start! < f!).length).toBeLessThanOrEqual(3);
    }
  });
});
