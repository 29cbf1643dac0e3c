import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flipByte, useTempDir } from '../../test/helpers/store.ts';
import { FsStore } from './fs-store.ts';
import { sha256Hex } from './hashing.ts';
import { StoreCorruptionError, StoreNotFoundError } from './store.ts';

const tempDir = useTempDir();
const bytes = new Uint8Array([1, 2, 3, 250, 0, 7]);
const blobPath = (sha: string) => join(tempDir(), 'blobs', sha.slice(0, 2), sha);

describe('blobs', () => {
  it('are stored raw under their sha256 and read back identically', async () => {
    const store = new FsStore(tempDir());
    const sha = await store.putBlob(bytes);
    expect(sha).toBe(sha256Hex(bytes));
    expect(new Uint8Array(await readFile(blobPath(sha)))).toEqual(bytes);
    expect(await store.getBlob(sha)).toEqual(bytes);
    expect(await store.hasBlob(sha)).toBe(true);
  });

  it('are idempotent, also under concurrent puts', async () => {
    const store = new FsStore(tempDir());
    const shas = await Promise.all(Array.from({ length: 10 }, () => store.putBlob(bytes)));
    expect(new Set(shas).size).toBe(1);
    const sha = shas[0]!;
    expect(await readdir(join(tempDir(), 'blobs', sha.slice(0, 2)))).toEqual([sha]);
  });

  it('report a missing blob as not found, and a malformed address as a RangeError', async () => {
    const store = new FsStore(tempDir());
    const sha = sha256Hex('absent');
    expect(await store.hasBlob(sha)).toBe(false);
    await expect(store.getBlob(sha)).rejects.toMatchObject({ code: 'not-found', kind: 'blob', id: sha });
    await expect(store.getBlob(sha)).rejects.toBeInstanceOf(StoreNotFoundError);
    for (const bad of ['../../etc/passwd', sha.toUpperCase(), sha.slice(2)]) {
      await expect(store.getBlob(bad)).rejects.toThrow(RangeError);
      await expect(store.hasBlob(bad)).rejects.toThrow(RangeError);
    }
  });

  it('detect corruption on read and never return the bad bytes; a put of the true bytes repairs it', async () => {
    const store = new FsStore(tempDir());
    const sha = await store.putBlob(bytes);
    await flipByte(blobPath(sha), 3);
    await expect(store.getBlob(sha)).rejects.toBeInstanceOf(StoreCorruptionError);
    await expect(store.getBlob(sha)).rejects.toMatchObject({ code: 'corrupt-data', path: blobPath(sha) });
    expect(await store.putBlob(bytes)).toBe(sha);
    expect(await store.getBlob(sha)).toEqual(bytes);
  });

  it('store the empty blob', async () => {
    const store = new FsStore(tempDir());
    const sha = await store.putBlob(new Uint8Array());
    expect(sha).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await store.getBlob(sha)).toEqual(new Uint8Array());
  });
});
