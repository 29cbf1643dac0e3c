import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/jobs/handlers.ts';
import { appendEvent, openForAppend, readEvents, readEventsFrom } from './event-log.ts';

describe('event log', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, remove } = await tempDir());
  });
  afterEach(() => remove());

  it('reads back appended events in order; a missing log is empty', async () => {
    const path = join(dir, 'events.jsonl');
    expect(await readEvents(path)).toEqual([]);
    await appendEvent(path, { seq: 1, time: 't', type: 'queued' });
    await appendEvent(path, { seq: 2, time: 't', type: 'progress', data: { done: 1, total: 2 } });
    expect((await readEvents(path)).map((event) => event.seq)).toEqual([1, 2]);
  });

  it('ignores a torn last line, and a new writer starts on a fresh line with the next seq', async () => {
    const path = join(dir, 'events.jsonl');
    await appendEvent(path, { seq: 1, time: 't', type: 'queued' });
    await appendFile(path, '{"seq":2,"time":"t","ty');
    expect((await readEvents(path)).map((event) => event.seq)).toEqual([1]);
    expect(await openForAppend(path)).toBe(2);
    await appendEvent(path, { seq: 2, time: 't', type: 'started' });
    expect((await readEvents(path)).map((event) => event.type)).toEqual(['queued', 'started']);
    expect((await readFile(path, 'utf8')).endsWith('\n')).toBe(true);
  });

  it('tails from a byte offset, leaving a line still being written for the next read', async () => {
    const path = join(dir, 'events.jsonl');
    await appendEvent(path, { seq: 1, time: 't', type: 'queued' });
    await appendFile(path, '{"seq":2,"time":"t",');
    const first = await readEventsFrom(path, 0);
    expect(first.events.map((event) => event.seq)).toEqual([1]);
    await appendFile(path, '"type":"started"}\n');
    const second = await readEventsFrom(path, first.offset);
    expect(second.events.map((event) => event.type)).toEqual(['started']);
    expect(await readEventsFrom(path, second.offset)).toEqual({ events: [], offset: second.offset });
  });
});
