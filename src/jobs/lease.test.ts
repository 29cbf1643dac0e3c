import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnTs, tempDir, waitFor } from '../../test/helpers/jobs/handlers.ts';
import { holdsLease, isLive, readLease, releaseLease, renewLease, tryAcquire } from './lease.ts';

describe('job leases', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
  });
  afterEach(() => remove());

  it('is held by one owner until it expires, then another takes it over', async () => {
    const a = await tryAcquire(dir, 'a', 60_000);
    expect(a).toMatchObject({ epoch: 1, owner: 'a' });
    expect(await tryAcquire(dir, 'b', 60_000)).toBeUndefined();

    const short = await renewLease(a!, -1); // already expired: as if `a` had died
    expect(isLive(await readLease(dir))).toBe(false);
    const b = await tryAcquire(dir, 'b', 60_000);
    expect(b).toMatchObject({ epoch: 3, owner: 'b' });
    // The stale holder learns it lost the job when it tries to renew.
    expect(await renewLease(short!, 60_000)).toBeUndefined();
    expect(await holdsLease(short!)).toBe(false);
    expect(await holdsLease(b!)).toBe(true);
    // Superseded epoch files are cleaned up.
    expect((await readdir(dir)).filter((name) => name.startsWith('lease-'))).toEqual(['lease-3.json']);
  });

  it('a stale holder cannot renew into an epoch that was deleted', async () => {
    const a = await tryAcquire(dir, 'a', -1);
    const b = await tryAcquire(dir, 'b', 60_000);
    const b2 = await renewLease(b!, 60_000);
    expect(b2?.epoch).toBe(3);
    // lease-2 is gone now, so `a` can re-create it, but a higher epoch exists.
    expect(await renewLease(a!, 60_000)).toBeUndefined();
    expect((await readLease(dir))?.owner).toBe('b');
  });

  it('released leases can be claimed at once', async () => {
    const a = await tryAcquire(dir, 'a', 60_000);
    expect(await releaseLease(a!)).toBe(true);
    expect((await readLease(dir))?.owner).toBeNull();
    expect(await tryAcquire(dir, 'b', 60_000)).toMatchObject({ owner: 'b' });
  });

  it('exactly one of many concurrent claims in one process wins', async () => {
    const claims = await Promise.all(
      Array.from({ length: 16 }, (_, i) => tryAcquire(dir, `owner-${i}`, 60_000)),
    );
    expect(claims.filter((lease) => lease !== undefined)).toHaveLength(1);
  });

  it('exactly one of several processes racing to claim wins', async () => {
    const jobDir = join(dir, 'job');
    await mkdir(jobDir);
    const go = join(dir, 'go');
    const children = Array.from({ length: 4 }, (_, i) =>
      spawnTs(new URL('../../test/helpers/jobs/claim-child.ts', import.meta.url), [jobDir, `proc-${i}`, go]),
    );
    const outputs = children.map((child) => {
      let text = '';
      child.stdout!.on('data', (chunk) => {
        text += chunk;
      });
      return {
        text: () => text,
        exited: new Promise<number | null>((resolve) => child.on('exit', resolve)),
      };
    });
    // Start the race only once every child is ready, so that they really contend.
    await waitFor(async () => outputs.every((output) => output.text().includes('ready')));
    await writeFile(go, '');
    expect(await Promise.all(outputs.map((output) => output.exited))).toEqual([0, 0, 0, 0]);
    const results = outputs.map((output) => JSON.parse(output.text().split('\n')[1]!) as { won: boolean });
    expect(results.filter((result) => result.won)).toHaveLength(1);
    const winner = results.findIndex((result) => result.won);
    expect((await readLease(jobDir))?.owner).toBe(`proc-${winner}`);
  });
});
