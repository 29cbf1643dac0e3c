/**
 * The artifact store: blobs, documents, immutable versions and append-only segment streams.
 * Code depends on {@link Store}; {@link openStore} picks the backend.
 * @module
 */
import { join } from 'node:path';
import { FsStore } from './fs-store.ts';
import type { Store } from './store.ts';

export { FsStore } from './fs-store.ts';
export * from './store.ts';

/**
 * Opens the store kept under a data directory (`MODELGYM_DATA_DIR`, default `./data`): the
 * filesystem backend in `<dataDir>/store`. Nothing is touched until the first write.
 */
export function openStore(dataDir: string): Store {
  return new FsStore(join(dataDir, 'store'));
}
