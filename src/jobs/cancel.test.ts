import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, tempDir, testHandlers, waitFor } from '../../test/helpers/jobs/handlers.ts';
import { JobRunner } from './runner.ts';

describe('cancelling jobs', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let runner: JobRunner;
  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
    runner = new JobRunner({ rootDir: dir, handlers: testHandlers, pollMs: 20, abortGraceMs: 200 });
  });
  afterEach(async () => {
    await runner.stop();
    await remove();
  });

  it('a queued job is cancelled at once and never runs', async () => {
    const job = await runner.submit('count', { n: 3 });
    const cancelled = await runner.cancel(job.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancel_requested: true, attempts: 0 });
    expect(cancelled?.finished_at).toBeDefined();
    runner.start();
    const after = await runner.submit('count', { n: 1 });
    await collect(runner.follow(after.id)); // the runner has scanned past the cancelled job
    expect((await runner.events(job.id))!.map((event) => event.type)).toEqual(['queued', 'cancelled']);
    expect((await runner.get(job.id))?.status).toBe('cancelled');
  });

  it('a running job stops at its next abort check and ends cancelled', async () => {
    runner.start();
    const job = await runner.submit('count', { n: 100_000, delay_ms: 5 });
    const events: string[] = [];
    for await (const event of runner.follow(job.id)) {
      events.push(event.type);
      if (event.type === 'progress' && events.filter((type) => type === 'progress').length === 3) {
        const requested = await runner.cancel(job.id);
        expect(requested).toMatchObject({ status: 'running', cancel_requested: true });
      }
    }
    expect(events.at(-1)).toBe('cancelled');
    const record = await runner.get(job.id);
    expect(record).toMatchObject({ status: 'cancelled', cancel_requested: true });
    expect(record?.result).toBeUndefined();
    expect(record?.progress?.done).toBeLessThan(100_000);
    // Cancelling a finished job changes nothing.
    expect(await runner.cancel(job.id)).toMatchObject({ status: 'cancelled' });
  });

  it('a cancel request written by another runner reaches the job', async () => {
    runner.start();
    const job = await runner.submit('count', { n: 100_000, delay_ms: 5 });
    await waitFor(async () => (await runner.get(job.id))?.progress);
    const other = new JobRunner({ rootDir: dir, handlers: testHandlers, pollMs: 20 });
    expect(await other.cancel(job.id)).toMatchObject({ status: 'running', cancel_requested: true });
    await collect(runner.follow(job.id));
    expect((await runner.get(job.id))?.status).toBe('cancelled');
  });

  it('a handler that ignores its signal is terminated after the grace period', async () => {
    runner.start();
    const job = await runner.submit('stubborn', {});
    await waitFor(async () => (await runner.events(job.id))!.some((event) => event.type === 'log'));
    await runner.cancel(job.id);
    await collect(runner.follow(job.id));
    expect((await runner.get(job.id))?.status).toBe('cancelled');
  });
});
