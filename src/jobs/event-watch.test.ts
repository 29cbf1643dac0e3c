import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test/helpers/store.ts';
import { EventWatch } from './event-watch.ts';
import { Wake } from './wake.ts';

const dir = useTempDir();

describe('event watch', () => {
  it('shares one watcher among all followers of a job and wakes them when its log grows', async () => {
    const path = join(dir(), 'events.jsonl');
    await writeFile(path, 'a\n');
    const watch = new EventWatch(new Wake(), () => path, { pollMs: 10, maxIdleMs: 40 });
    let woken = 0;
    const waits = Array.from({ length: 1000 }, () => watch.wait('j1', 2).then(() => woken++));
    expect(watch.watched).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(woken).toBe(0);
    await appendFile(path, 'b\n');
    await Promise.all(waits);
    expect(woken).toBe(1000);
    // Nobody waits any more: the watcher is gone with its timer.
    expect(watch.watched).toBe(0);
  });

  it('wakes at once when this process appends, and lets an aborted follower go', async () => {
    const path = join(dir(), 'events.jsonl');
    await writeFile(path, 'a\n');
    const wake = new Wake();
    const watch = new EventWatch(wake, () => path, { pollMs: 60_000, maxIdleMs: 60_000 });
    const started = Date.now();
    const waited = watch.wait('j2', 2);
    setTimeout(() => wake.notify('j2'), 5);
    await waited;
    expect(Date.now() - started).toBeLessThan(30_000);
    const controller = new AbortController();
    const aborted = watch.wait('j2', 2, controller.signal);
    controller.abort();
    await aborted;
    expect(watch.watched).toBe(0);
  });
});
