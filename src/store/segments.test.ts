import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flipByte, runWorkers, useTempDir } from '../../test/helpers/store.ts';
import { FsStore } from './fs-store.ts';
import { StoreCorruptionError, StoreNotFoundError } from './store.ts';

const tempDir = useTempDir();
const stream = 'agents/a1/transitions';
const segmentDir = () => join(tempDir(), 'segments', 'agents', 'a1', 'transitions', '_segments');
const segmentPath = (seq: number) => join(segmentDir(), `${String(seq).padStart(12, '0')}.seg`);
const text = (s: string) => new TextEncoder().encode(s);
const untext = (b: Uint8Array) => new TextDecoder().decode(b);

describe('segments', () => {
  it('append and read back binary segments numbered 1, 2, 3', async () => {
    const store = new FsStore(tempDir());
    expect(await store.streamVersion(stream)).toBe(0);
    expect(await store.listSegments(stream)).toEqual([]);
    const payloads = [new Uint8Array([0, 1, 2, 255]), new Uint8Array(), text('third')];
    const seqs = [];
    for (const p of payloads) seqs.push((await store.appendSegment(stream, p)).seq);
    expect(seqs).toEqual([1, 2, 3]);
    expect(await store.streamVersion(stream)).toBe(3);
    for (const [i, p] of payloads.entries()) expect(await store.readSegment(stream, i + 1)).toEqual(p);
  });

  it('list after a sequence number, with a limit', async () => {
    const store = new FsStore(tempDir());
    for (let i = 0; i < 12; i++) await store.appendSegment(stream, text(`${i}`));
    expect(await store.listSegments(stream)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await store.listSegments(stream, { after: 9 })).toEqual([10, 11, 12]);
    expect(await store.listSegments(stream, { after: 2, limit: 3 })).toEqual([3, 4, 5]);
    expect(await store.listSegments(stream, { after: 12 })).toEqual([]);
    await expect(store.listSegments(stream, { after: -1 })).rejects.toThrow(RangeError);
    await expect(store.listSegments(stream, { limit: 0 })).rejects.toThrow(RangeError);
  });

  it('give 100 concurrent appends in one process 100 distinct numbers, none lost', async () => {
    const store = new FsStore(tempDir());
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => store.appendSegment(stream, text(`s${i}`))),
    );
    const seqs = results.map((r) => r.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    for (const [i, { seq }] of results.entries())
      expect(untext(await store.readSegment(stream, seq))).toBe(`s${i}`);
  });

  it('lose nothing when two processes append 50 segments each at once', async () => {
    const root = tempDir();
    await runWorkers(root, 'segments', 50, ['p', 'q']);
    const store = new FsStore(root);
    const seqs = await store.listSegments(stream);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const contents = await Promise.all(seqs.map(async (seq) => untext(await store.readSegment(stream, seq))));
    const expected = ['p', 'q'].flatMap((label) => Array.from({ length: 50 }, (_, i) => `${label}:${i}`));
    expect([...contents].sort()).toEqual(expected.sort());
    // Each process's own appends keep their order.
    for (const label of ['p', 'q']) {
      const mine = contents.filter((c) => c.startsWith(`${label}:`));
      expect(mine).toEqual(Array.from({ length: 50 }, (_, i) => `${label}:${i}`));
    }
    expect((await readdir(segmentDir())).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('detect a corrupted segment and never return its bytes', async () => {
    const store = new FsStore(tempDir());
    await store.appendSegment(stream, text('one'));
    await store.appendSegment(stream, text('two'));
    await flipByte(segmentPath(1));
    await expect(store.readSegment(stream, 1)).rejects.toBeInstanceOf(StoreCorruptionError);
    await expect(store.readSegment(stream, 1)).rejects.toMatchObject({
      code: 'corrupt-data',
      resource: `segment ${stream}#1`,
      path: segmentPath(1),
    });
    expect(untext(await store.readSegment(stream, 2))).toBe('two');
  });

  it('report a missing segment as not found and bad names or numbers as RangeError', async () => {
    const store = new FsStore(tempDir());
    await expect(store.readSegment(stream, 1)).rejects.toBeInstanceOf(StoreNotFoundError);
    await expect(store.readSegment(stream, 1)).rejects.toMatchObject({ kind: 'segment', id: `${stream}#1` });
    for (const bad of [0, -3, 1.5]) await expect(store.readSegment(stream, bad)).rejects.toThrow(RangeError);
    for (const name of ['', '../x', 'a//b', 'a/_segments', '/abs']) {
      await expect(store.appendSegment(name, text('x'))).rejects.toThrow(RangeError);
      await expect(store.streamVersion(name)).rejects.toThrow(RangeError);
    }
  });

  it('ignore temp files and non-canonical names in the stream directory', async () => {
    const store = new FsStore(tempDir());
    await store.appendSegment(stream, text('one'));
    await writeFile(`${segmentPath(2)}.999.abcdef.tmp`, 'crashed write');
    await writeFile(join(segmentDir(), '3.seg'), 'not canonical');
    expect(await store.listSegments(stream)).toEqual([1]);
    expect(await store.streamVersion(stream)).toBe(1);
    expect((await store.appendSegment(stream, text('two'))).seq).toBe(2);
    expect(untext(await store.readSegment(stream, 2))).toBe('two');
  });

  it('keep nested streams separate, also when one is deleted', async () => {
    const store = new FsStore(tempDir());
    await store.appendSegment('jobs/j1', text('outer'));
    await store.appendSegment('jobs/j1/events', text('inner'));
    await store.appendSegment('jobs/j1/events', text('inner 2'));
    expect(await store.streamVersion('jobs/j1')).toBe(1);
    expect(await store.streamVersion('jobs/j1/events')).toBe(2);
    await store.deleteStream('jobs/j1');
    expect(await store.streamVersion('jobs/j1')).toBe(0);
    expect(untext(await store.readSegment('jobs/j1/events', 2))).toBe('inner 2');
    await store.deleteStream('jobs/never');
    expect((await store.appendSegment('jobs/j1', text('again'))).seq).toBe(1);
  });
});

describe('conditional segment appends', () => {
  it('append with expectedSeq succeeds only as exactly that number', async () => {
    const { FsStore } = await import('./fs-store.ts');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'seg-cond-'));
    try {
      const store = new FsStore(dir);
      expect(await store.appendSegment('s', Uint8Array.of(1), { expectedSeq: 1 })).toEqual({ seq: 1 });
      await expect(store.appendSegment('s', Uint8Array.of(2), { expectedSeq: 1 })).rejects.toThrow(
        /precondition/,
      );
      expect(await store.listSegments('s')).toEqual([1]);
      const racing = await Promise.allSettled(
        [2, 2, 2].map((n) => store.appendSegment('s', Uint8Array.of(n), { expectedSeq: n })),
      );
      expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await store.listSegments('s')).toEqual([1, 2]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
