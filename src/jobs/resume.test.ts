import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCount } from '../../test/helpers/jobs/count-job.ts';
import { collect, spawnTs, tempDir, testHandlers, waitFor } from '../../test/helpers/jobs/handlers.ts';
import { readLease, tryAcquire } from './lease.ts';
import { JobRunner, type JobRunnerOptions } from './runner.ts';
import type { JobEvent } from './types.ts';

/** Counts to 20, checkpointing every 5; the first run hangs at 10 (after checkpointing 10). */
const params = { n: 20, checkpoint_every: 5, hang_at: 10 };

describe('resuming jobs', () => {
  let dir: string;
  let remove: () => Promise<void>;
  const runners: JobRunner[] = [];
  function newRunner(options: Partial<JobRunnerOptions> = {}): JobRunner {
    const runner = new JobRunner({ rootDir: dir, handlers: testHandlers, pollMs: 20, ...options });
    runners.push(runner);
    return runner;
  }
  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await remove();
  });

  function types(events: JobEvent[]): string[] {
    return events.map((event) => event.type);
  }

  async function checkpointsOf(runner: JobRunner, id: string): Promise<number> {
    return (await runner.events(id))!.filter((event) => event.type === 'checkpoint').length;
  }

  /** Resumes the job with a fresh runner and checks that it counted on from its checkpoint. */
  async function expectResumed(id: string): Promise<void> {
    const checkpoint = decodeCount(new Uint8Array(await readFile(join(dir, id, 'checkpoint.bin'))));
    expect(checkpoint).toBe(10);
    const runner = newRunner({ leaseMs: 1000 });
    const seen = (await runner.events(id))!.length;
    runner.start();
    const events = await collect(runner.follow(id, { after: seen }));
    expect(events[0]).toMatchObject({ type: 'resumed', data: { attempt: 2, checkpoint: true } });
    const progress = events.filter((event) => event.type === 'progress').map((event) => event.data);
    // It counts on from the checkpoint instead of starting again.
    expect(progress).toEqual(Array.from({ length: 10 }, (_, i) => ({ done: 11 + i, total: 20 })));
    expect(types(events).at(-1)).toBe('succeeded');
    expect(await runner.get(id)).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      result: { count: 20, resumed_from: 10 },
    });
  }

  it('a job whose runner process was killed is resumed from its checkpoint by another runner', async () => {
    const submitter = newRunner();
    const job = await submitter.submit('count', params);
    // The child's runner uses a 1 s lease (see runner-child.ts).
    const child = spawnTs(new URL('../../test/helpers/jobs/runner-child.ts', import.meta.url), [dir]);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await waitFor(async () => (await checkpointsOf(submitter, job.id)) === 2);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const crashed = await submitter.get(job.id);
    expect(crashed).toMatchObject({ status: 'running', attempts: 1, lease: { owner: 'child' } });
    await expectResumed(job.id);
  });

  it('a runner that crashed without releasing its lease is taken over once the lease expires', async () => {
    const first = newRunner({ leaseMs: 1000 });
    first.start();
    const job = await first.submit('count', params);
    await waitFor(async () => (await checkpointsOf(first, job.id)) === 2);
    await first.stop({ releaseLeases: false });
    expect((await first.get(job.id))?.lease?.owner).toBe(first.owner);
    await expectResumed(job.id);
  });

  it('a gracefully stopped runner releases its jobs for immediate resumption', async () => {
    const first = newRunner({ leaseMs: 60_000 });
    first.start();
    const job = await first.submit('count', params);
    await waitFor(async () => (await checkpointsOf(first, job.id)) === 2);
    await first.stop();
    const stopped = await first.get(job.id);
    expect(stopped).toMatchObject({ status: 'running', attempts: 1 });
    expect(stopped?.lease).toBeUndefined();
    await expectResumed(job.id);
  });

  it('a runner that lost its lease stops the job and writes nothing more', async () => {
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    const first = newRunner({ leaseMs: 300, logger });
    first.start();
    const job = await first.submit('count', params);
    await waitFor(async () => (await checkpointsOf(first, job.id)) === 2);
    // Simulate a takeover after the holder stalled: forge its lease as expired, then claim it
    // (again if the holder renewed in between).
    const jobDir = join(dir, job.id);
    await waitFor(async () => {
      const current = (await readLease(jobDir))!;
      const expired = { ...current, expires_at: new Date(0).toISOString() };
      await writeFile(join(jobDir, `lease-${current.epoch}.json`), JSON.stringify(expired));
      return tryAcquire(jobDir, 'thief', 60_000);
    });
    await waitFor(async () => warnings.some((line) => line.includes('lease lost')));
    const before = await first.events(job.id);
    await first.stop();
    expect(await first.events(job.id)).toEqual(before);
    expect(types(before!)).not.toContain('succeeded');
    expect(await first.get(job.id)).toMatchObject({ status: 'running', lease: { owner: 'thief' } });
  });

  it('two runners on one directory never run the same job', async () => {
    const a = newRunner({ maxConcurrent: 2 });
    const b = newRunner({ maxConcurrent: 2 });
    a.start();
    b.start();
    const jobs = await Promise.all(Array.from({ length: 8 }, () => a.submit('count', { n: 5 })));
    for (const job of jobs) {
      const events = await collect(b.follow(job.id));
      expect(types(events).filter((type) => type === 'started' || type === 'resumed')).toEqual(['started']);
      expect(types(events).at(-1)).toBe('succeeded');
      expect((await b.get(job.id))?.attempts).toBe(1);
    }
  });
});
