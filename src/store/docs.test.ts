import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flipByte, runWorkers, useTempDir } from '../../test/helpers/store.ts';
import { FsStore } from './fs-store.ts';
import { decodeJsonRecord, encodeRecord } from './record.ts';
import {
  ANY_ETAG,
  StoreConflictError,
  StoreCorruptionError,
  StoreNotFoundError,
  StorePreconditionError,
} from './store.ts';

const tempDir = useTempDir();
const revPath = (collection: string, id: string, rev: number) =>
  join(tempDir(), 'docs', collection, id, `rev-${String(rev).padStart(6, '0')}.json`);

describe('documents', () => {
  it('round-trip with a strong ETag that changes on every write', async () => {
    const store = new FsStore(tempDir());
    const { etag } = await store.createDoc('agents', 'a1', { algo: 'mpc', horizon: 15 });
    expect(etag).toMatch(/^"1-[0-9a-f]{16}"$/);
    expect(await store.getDoc('agents', 'a1')).toEqual({ value: { algo: 'mpc', horizon: 15 }, etag });
    const second = await store.putDoc('agents', 'a1', { algo: 'mpc', horizon: 20 }, { ifMatch: etag });
    expect(second.etag).toMatch(/^"2-/);
    expect(await store.getDoc('agents', 'a1')).toEqual({
      value: { algo: 'mpc', horizon: 20 },
      etag: second.etag,
    });
  });

  it('are created exclusively: a second create conflicts and changes nothing', async () => {
    const store = new FsStore(tempDir());
    const { etag } = await store.createDoc('agents', 'a1', { v: 1 });
    await expect(store.createDoc('agents', 'a1', { v: 2 })).rejects.toBeInstanceOf(StoreConflictError);
    await expect(store.createDoc('agents', 'a1', { v: 2 })).rejects.toMatchObject({
      code: 'conflict',
      id: 'agents/a1',
    });
    expect(await store.getDoc('agents', 'a1')).toEqual({ value: { v: 1 }, etag });
  });

  it('have exactly one winner among concurrent creators', async () => {
    const store = new FsStore(tempDir());
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => store.createDoc('jobs', 'j', { i })),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StoreConflictError);
    expect((await store.getDoc('jobs', 'j')).value).toEqual({ i: won[0] });
  });

  it('refuse a stale ifMatch with a precondition error and leave the document unchanged', async () => {
    const store = new FsStore(tempDir());
    const first = await store.createDoc('agents', 'a1', { v: 1 });
    const second = await store.putDoc('agents', 'a1', { v: 2 }, { ifMatch: first.etag });
    const error = await store.putDoc('agents', 'a1', { v: 3 }, { ifMatch: first.etag }).catch((err) => err);
    expect(error).toBeInstanceOf(StorePreconditionError);
    expect(error).toMatchObject({ code: 'precondition-failed', expected: first.etag, actual: second.etag });
    await expect(store.deleteDoc('agents', 'a1', { ifMatch: first.etag })).rejects.toBeInstanceOf(
      StorePreconditionError,
    );
    expect(await store.getDoc('agents', 'a1')).toEqual({ value: { v: 2 }, etag: second.etag });
  });

  it('let exactly one of several writers holding the same ETag win', async () => {
    const store = new FsStore(tempDir());
    const { etag } = await store.createDoc('jobs', 'j', { by: 'none' });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => store.putDoc('jobs', 'j', { by: i }, { ifMatch: etag })),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StorePreconditionError);
    expect((await store.getDoc('jobs', 'j')).value).toEqual({ by: won[0] });
  });

  it('accept unconditional and "*" writes, and never write a missing document', async () => {
    const store = new FsStore(tempDir());
    await expect(store.putDoc('agents', 'nope', {})).rejects.toBeInstanceOf(StoreNotFoundError);
    await expect(store.putDoc('agents', 'nope', {}, { ifMatch: ANY_ETAG })).rejects.toMatchObject({
      code: 'not-found',
      kind: 'doc',
      id: 'agents/nope',
    });
    await store.createDoc('agents', 'a1', { v: 1 });
    await store.putDoc('agents', 'a1', { v: 2 });
    await store.putDoc('agents', 'a1', { v: 3 }, { ifMatch: ANY_ETAG });
    expect((await store.getDoc('agents', 'a1')).value).toEqual({ v: 3 });
    await expect(store.getDoc('agents', 'nope')).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('can be deleted and created again, without ever reusing an ETag', async () => {
    const store = new FsStore(tempDir());
    const first = await store.createDoc('agents', 'a1', { v: 1 });
    await expect(store.deleteDoc('agents', 'a1', { ifMatch: '"1-0000000000000000"' })).rejects.toBeInstanceOf(
      StorePreconditionError,
    );
    await store.deleteDoc('agents', 'a1', { ifMatch: first.etag });
    await expect(store.getDoc('agents', 'a1')).rejects.toBeInstanceOf(StoreNotFoundError);
    await expect(store.putDoc('agents', 'a1', { v: 2 })).rejects.toBeInstanceOf(StoreNotFoundError);
    await expect(store.deleteDoc('agents', 'a1')).rejects.toBeInstanceOf(StoreNotFoundError);
    const again = await store.createDoc('agents', 'a1', { v: 1 });
    expect(again.etag).not.toBe(first.etag);
    expect(again.etag).toMatch(/^"3-/);
    await expect(store.putDoc('agents', 'a1', { v: 9 }, { ifMatch: first.etag })).rejects.toBeInstanceOf(
      StorePreconditionError,
    );
  });

  it('list ascending by id with cursor pagination, skipping deleted ones', async () => {
    const store = new FsStore(tempDir());
    expect(await store.listDocs('agents')).toEqual({ items: [], next: null });
    const ids = ['b', 'a10', 'Z', 'a2', '0', 'c', 'a1'];
    for (const id of ids) await store.createDoc('agents', id, { id });
    await store.createDoc('jobs', 'other', {});
    await store.deleteDoc('agents', 'c');
    const all = await store.listDocs<{ id: string }>('agents');
    expect(all.items.map((d) => d.id)).toEqual(['0', 'Z', 'a1', 'a10', 'a2', 'b']);
    expect(all.items.every((d) => d.value.id === d.id && d.etag.startsWith('"1-'))).toBe(true);
    expect(all.next).toBeNull();

    const pages: string[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.listDocs('agents', { limit: 4, ...(after === undefined ? {} : { after }) });
      pages.push(page.items.map((d) => d.id));
      if (page.next === null) break;
      after = page.next;
    }
    expect(pages).toEqual([
      ['0', 'Z', 'a1', 'a10'],
      ['a2', 'b'],
    ]);
    expect((await store.listDocs('agents', { limit: 3, after: 'a10' })).items.map((d) => d.id)).toEqual([
      'a2',
      'b',
    ]);
    expect(await store.listDocs('agents', { limit: 6 })).toMatchObject({ next: null });
    await expect(store.listDocs('agents', { limit: 0 })).rejects.toThrow(RangeError);
  });

  it('detect a corrupted current revision on every read path, and let an unconditional delete recover', async () => {
    const store = new FsStore(tempDir());
    await store.createDoc('agents', 'a1', { secret: 'good' });
    await flipByte(revPath('agents', 'a1', 1), 3);
    await expect(store.getDoc('agents', 'a1')).rejects.toBeInstanceOf(StoreCorruptionError);
    await expect(store.getDoc('agents', 'a1')).rejects.toMatchObject({
      code: 'corrupt-data',
      resource: 'doc agents/a1',
      path: revPath('agents', 'a1', 1),
    });
    await expect(store.putDoc('agents', 'a1', {})).rejects.toBeInstanceOf(StoreCorruptionError);
    await expect(store.listDocs('agents')).rejects.toBeInstanceOf(StoreCorruptionError);
    await expect(store.createDoc('agents', 'a1', {})).rejects.toBeInstanceOf(StoreCorruptionError);
    await expect(store.deleteDoc('agents', 'a1', { ifMatch: ANY_ETAG })).rejects.toBeInstanceOf(
      StoreCorruptionError,
    );
    await store.deleteDoc('agents', 'a1');
    await expect(store.getDoc('agents', 'a1')).rejects.toBeInstanceOf(StoreNotFoundError);
    await store.createDoc('agents', 'a1', { fresh: true });
    expect((await store.getDoc('agents', 'a1')).value).toEqual({ fresh: true });
  });

  it('treat a checksummed but unparsable or foreign revision as corruption', async () => {
    const store = new FsStore(tempDir());
    await store.createDoc('agents', 'a1', { v: 1 });
    await writeFile(revPath('agents', 'a1', 1), encodeRecord('{"state":"live","value":'));
    await expect(store.getDoc('agents', 'a1')).rejects.toMatchObject({ reason: 'unparsable JSON' });
    await writeFile(revPath('agents', 'a1', 1), encodeRecord('[1,2]'));
    await expect(store.getDoc('agents', 'a1')).rejects.toBeInstanceOf(StoreCorruptionError);
    await writeFile(revPath('agents', 'a1', 1), '{"state":"live","value":{"v":1}}');
    await expect(store.getDoc('agents', 'a1')).rejects.toBeInstanceOf(StoreCorruptionError);
  });

  it('replace superseded revisions by stubs whose numbers can never be reused', async () => {
    const store = new FsStore(tempDir());
    let { etag } = await store.createDoc('agents', 'a1', { big: 'x'.repeat(10_000) });
    ({ etag } = await store.putDoc('agents', 'a1', { v: 2 }, { ifMatch: etag }));
    await store.putDoc('agents', 'a1', { v: 3 }, { ifMatch: etag });
    const first = decodeJsonRecord(await readFile(revPath('agents', 'a1', 1)), 'r', 'p').value;
    expect(first).toEqual({ state: 'superseded' });
    expect(decodeJsonRecord(await readFile(revPath('agents', 'a1', 3)), 'r', 'p').value).toEqual({
      state: 'live',
      value: { v: 3 },
    });
    expect(await readdir(join(tempDir(), 'docs', 'agents', 'a1'))).toEqual([
      'rev-000001.json',
      'rev-000002.json',
      'rev-000003.json',
    ]);
  });

  it('ignore temp files left by a crashed writer', async () => {
    const store = new FsStore(tempDir());
    const { etag } = await store.createDoc('agents', 'a1', { v: 1 });
    await writeFile(`${revPath('agents', 'a1', 2)}.123.abcdef.tmp`, 'half a write');
    await writeFile(join(tempDir(), 'docs', 'agents', 'stray.tmp'), 'x');
    expect(await store.getDoc('agents', 'a1')).toEqual({ value: { v: 1 }, etag });
    expect((await store.listDocs('agents')).items.map((d) => d.id)).toEqual(['a1']);
    await store.putDoc('agents', 'a1', { v: 2 }, { ifMatch: etag });
    expect((await store.getDoc('agents', 'a1')).value).toEqual({ v: 2 });
  });

  it('validate names before touching the disk', async () => {
    const store = new FsStore(join(tempDir(), 'root'));
    for (const [collection, id] of [
      ['agents', '../x'],
      ['agents', 'a/b'],
      ['..', 'x'],
      ['agents', ''],
      ['', 'x'],
    ] as const) {
      await expect(store.createDoc(collection, id, {})).rejects.toThrow(RangeError);
      await expect(store.getDoc(collection, id)).rejects.toThrow(RangeError);
    }
    await expect(store.listDocs('../docs')).rejects.toThrow(RangeError);
    await expect(store.listDocs('agents', { after: '../a' })).rejects.toThrow(RangeError);
    await mkdir(join(tempDir(), 'root'), { recursive: true });
    expect(await readdir(join(tempDir(), 'root'))).toEqual([]);
  });

  it('refuse values that are not JSON, writing nothing', async () => {
    const store = new FsStore(tempDir());
    await expect(store.createDoc('agents', 'a1', { x: Number.NaN })).rejects.toThrow(TypeError);
    await expect(store.getDoc('agents', 'a1')).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it('lose no compare-and-swap update when two processes race', async () => {
    const root = tempDir();
    await new FsStore(root).createDoc('counters', 'c', { n: 0, log: [] });
    await runWorkers(root, 'counter', 25, ['p', 'q']);
    const { value } = await new FsStore(root).getDoc<{ n: number; log: string[] }>('counters', 'c');
    expect(value.n).toBe(50);
    const expected = ['p', 'q'].flatMap((label) => Array.from({ length: 25 }, (_, i) => `${label}:${i}`));
    expect([...value.log].sort()).toEqual(expected.sort());
  });
});
