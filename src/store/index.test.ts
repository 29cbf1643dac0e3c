import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test/helpers/store.ts';
import { FsStore, openStore, type Store } from './index.ts';

const tempDir = useTempDir();

describe('openStore', () => {
  it('keeps the filesystem store under <dataDir>/store, touching nothing before the first write', async () => {
    const store: Store = openStore(tempDir());
    expect(store).toBeInstanceOf(FsStore);
    expect(await readdir(tempDir())).toEqual([]);
    const sha = await store.putBlob(new Uint8Array([1]));
    await store.createDoc('agents', 'a1', {});
    await store.appendVersion('agents', 'a1', {});
    await store.appendSegment('agents/a1/transitions', new Uint8Array([2]));
    const root = join(tempDir(), 'store');
    expect(await readdir(join(root, 'blobs', sha.slice(0, 2)))).toEqual([sha]);
    expect(await readdir(join(root, 'docs', 'agents', 'a1'))).toEqual(['rev-000001.json']);
    expect(await readdir(join(root, 'versions', 'agents', 'a1'))).toEqual(['v-000001.json']);
    expect(await readdir(join(root, 'segments', 'agents', 'a1', 'transitions', '_segments'))).toEqual([
      '000000000001.seg',
    ]);
    // A second handle on the same directory (another replica) sees the same data.
    expect((await openStore(tempDir()).getDoc('agents', 'a1')).value).toEqual({});
    await store.close();
  });
});
