import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flipByte, useTempDir } from '../../test/helpers/store.ts';
import { FsStore } from './fs-store.ts';
import {
  ANY_ETAG,
  NO_VERSIONS_ETAG,
  StoreCorruptionError,
  StoreNotFoundError,
  StorePreconditionError,
} from './store.ts';

const tempDir = useTempDir();
const versionPath = (n: number) =>
  join(tempDir(), 'versions', 'agents', 'a1', `v-${String(n).padStart(6, '0')}.json`);

describe('versions', () => {
  it('append 1, 2, 3 and read each, the latest and the list', async () => {
    const store = new FsStore(tempDir());
    expect(await store.listVersions('agents', 'a1')).toEqual([]);
    const appended = [];
    for (const step of [100, 200, 300]) {
      appended.push(await store.appendVersion('agents', 'a1', { weights: `sha-${step}`, step }));
    }
    expect(appended.map((a) => a.version)).toEqual([1, 2, 3]);
    expect(await store.listVersions('agents', 'a1')).toEqual([1, 2, 3]);
    expect(await store.getVersion('agents', 'a1', 2)).toEqual({
      version: 2,
      value: { weights: 'sha-200', step: 200 },
      etag: appended[1]!.etag,
    });
    const latest = await store.getVersion('agents', 'a1', 'latest');
    expect(latest).toMatchObject({ version: 3, value: { step: 300 }, etag: appended[2]!.etag });
    expect(latest.etag).toMatch(/^"v3-[0-9a-f]{16}"$/);
    expect(await store.listVersions('agents', 'a2')).toEqual([]);
  });

  it('are never rewritten by later appends', async () => {
    const store = new FsStore(tempDir());
    await store.appendVersion('agents', 'a1', { n: 1 });
    const before = await readFile(versionPath(1));
    for (let i = 2; i <= 5; i++) await store.appendVersion('agents', 'a1', { n: i });
    expect(await readFile(versionPath(1))).toEqual(before);
  });

  it('report missing versions as not found and bad numbers as RangeError', async () => {
    const store = new FsStore(tempDir());
    await expect(store.getVersion('agents', 'a1', 'latest')).rejects.toMatchObject({
      code: 'not-found',
      kind: 'version',
      id: 'agents/a1@latest',
    });
    await store.appendVersion('agents', 'a1', {});
    await expect(store.getVersion('agents', 'a1', 2)).rejects.toBeInstanceOf(StoreNotFoundError);
    for (const bad of [0, -1, 1.5])
      await expect(store.getVersion('agents', 'a1', bad)).rejects.toThrow(RangeError);
    await expect(store.appendVersion('agents', '../a1', {})).rejects.toThrow(RangeError);
  });

  it('append conditionally: first with NO_VERSIONS_ETAG, then with the latest ETag; stale appends nothing', async () => {
    const store = new FsStore(tempDir());
    await expect(store.appendVersion('agents', 'a1', {}, { ifMatch: ANY_ETAG })).rejects.toMatchObject({
      expected: ANY_ETAG,
      actual: NO_VERSIONS_ETAG,
    });
    const first = await store.appendVersion('agents', 'a1', { n: 1 }, { ifMatch: NO_VERSIONS_ETAG });
    const second = await store.appendVersion('agents', 'a1', { n: 2 }, { ifMatch: first.etag });
    expect(second.version).toBe(2);
    const error = await store
      .appendVersion('agents', 'a1', { n: 3 }, { ifMatch: first.etag })
      .catch((e) => e);
    expect(error).toBeInstanceOf(StorePreconditionError);
    expect(error).toMatchObject({ expected: first.etag, actual: second.etag });
    await expect(
      store.appendVersion('agents', 'a1', {}, { ifMatch: NO_VERSIONS_ETAG }),
    ).rejects.toBeInstanceOf(StorePreconditionError);
    expect(await store.listVersions('agents', 'a1')).toEqual([1, 2]);
    expect((await store.appendVersion('agents', 'a1', { n: 3 }, { ifMatch: ANY_ETAG })).version).toBe(3);
  });

  it('let exactly one of several conditional appenders from the same version win', async () => {
    const store = new FsStore(tempDir());
    const { etag } = await store.appendVersion('agents', 'a1', { from: 'start' });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.appendVersion('agents', 'a1', { by: i }, { ifMatch: etag })),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StorePreconditionError);
    expect(await store.listVersions('agents', 'a1')).toEqual([1, 2]);
    expect((await store.getVersion('agents', 'a1', 2)).value).toEqual({ by: won[0] });
  });

  it('give concurrent unconditional appends distinct consecutive numbers', async () => {
    const store = new FsStore(tempDir());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.appendVersion('agents', 'a1', { i })),
    );
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    for (const [i, r] of results.entries())
      expect((await store.getVersion('agents', 'a1', r.version)).value).toEqual({ i });
  });

  it('detect a corrupted version without affecting the others', async () => {
    const store = new FsStore(tempDir());
    await store.appendVersion('agents', 'a1', { n: 1 });
    await store.appendVersion('agents', 'a1', { n: 2 });
    await flipByte(versionPath(2), 2);
    await expect(store.getVersion('agents', 'a1', 2)).rejects.toBeInstanceOf(StoreCorruptionError);
    await expect(store.getVersion('agents', 'a1', 'latest')).rejects.toMatchObject({
      code: 'corrupt-data',
      resource: 'version agents/a1@2',
    });
    await expect(store.appendVersion('agents', 'a1', {}, { ifMatch: ANY_ETAG })).rejects.toBeInstanceOf(
      StoreCorruptionError,
    );
    expect((await store.getVersion('agents', 'a1', 1)).value).toEqual({ n: 1 });
  });

  it('can be deleted as a whole, leaving other lists and an empty trash', async () => {
    const store = new FsStore(tempDir());
    await store.appendVersion('agents', 'a1', {});
    await store.appendVersion('agents', 'a2', {});
    await store.deleteVersions('agents', 'a1');
    await store.deleteVersions('agents', 'never');
    expect(await store.listVersions('agents', 'a1')).toEqual([]);
    expect(await store.listVersions('agents', 'a2')).toEqual([1]);
    expect(await readdir(join(tempDir(), 'trash'))).toEqual([]);
    expect((await store.appendVersion('agents', 'a1', {})).version).toBe(1);
  });
});
