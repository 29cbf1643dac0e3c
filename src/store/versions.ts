/**
 * Immutable versions (e.g. an agent's trained weights and normaliser): a directory of numbered JSON
 * records `v-000001.json`, ... that are written once and never rewritten or stubbed. Appending
 * claims the next number by exclusive create; a conditional append claims exactly latest+1, so of
 * two trainers that started from the same version only one can publish its successor.
 * @module
 */
import { join } from 'node:path';
import { StoreNotFoundError, StorePreconditionError } from './errors.ts';
import { assertId, assertPositiveInteger } from './ids.ts';
import { NumberedDir } from './numbered.ts';
import { decodeJsonRecord, encodeJsonRecord } from './record.ts';
import { ANY_ETAG, NO_VERSIONS_ETAG, type Version, type WriteOptions } from './store.ts';
import { removeTree } from './trash.ts';

/** ETag of a version list whose latest is `version` with body hash `sha256`. */
export function versionEtag(version: number, sha256: string): string {
  return `"v${version}-${sha256.slice(0, 16)}"`;
}

/** Version lists under one directory: `<root>/<collection>/<id>/v-NNNNNN.json`. */
export class FsVersions {
  /**
   * @param root - the versions directory (created on first write).
   * @param trashDir - where deleted lists go before removal (same file system).
   */
  constructor(
    readonly root: string,
    readonly trashDir: string,
  ) {}

  /** The version directory of `collection/id`, after validating its names. */
  versions(collection: string, id: string): NumberedDir {
    assertId('collection', collection);
    assertId('id', id);
    return new NumberedDir(join(this.root, collection, id), { prefix: 'v-', digits: 6, suffix: '.json' });
  }

  /** See {@link Store.appendVersion}. */
  async append(
    collection: string,
    id: string,
    value: unknown,
    options: WriteOptions = {},
  ): Promise<{ version: number; etag: string }> {
    const dir = this.versions(collection, id);
    const record = encodeJsonRecord(value);
    const { ifMatch } = options;
    if (ifMatch === undefined) {
      const version = await dir.append(record.bytes);
      return { version, etag: versionEtag(version, record.sha256) };
    }
    // Conditional: claim exactly latest+1. Losing that race means the ETag is stale, which the
    // next look at the latest version reports; so this loop ends after one retry unless ifMatch is '*'.
    for (;;) {
      const latest = await dir.latest();
      const current = latest === 0 ? NO_VERSIONS_ETAG : (await this.#read(collection, id, dir, latest)).etag;
      const matches = ifMatch === ANY_ETAG ? latest > 0 : ifMatch === current;
      if (!matches) throw new StorePreconditionError(ifMatch, current);
      if (await dir.create(latest + 1, record.bytes)) {
        return { version: latest + 1, etag: versionEtag(latest + 1, record.sha256) };
      }
    }
  }

  /** See {@link Store.getVersion}. */
  async get<T>(collection: string, id: string, version: number | 'latest'): Promise<Version<T>> {
    const dir = this.versions(collection, id);
    if (version !== 'latest') assertPositiveInteger('version', version);
    const wanted = version === 'latest' ? await dir.latest() : version;
    if (wanted === 0) throw new StoreNotFoundError('version', `${collection}/${id}@latest`);
    return (await this.#read(collection, id, dir, wanted)) as Version<T>;
  }

  /** See {@link Store.listVersions}. */
  async list(collection: string, id: string): Promise<number[]> {
    return this.versions(collection, id).list();
  }

  /** See {@link Store.deleteVersions}. */
  async delete(collection: string, id: string): Promise<void> {
    await removeTree(this.versions(collection, id).dir, this.trashDir);
  }

  /** Reads and verifies version `n`; its ETag is the one the list had when `n` was the latest. */
  async #read(collection: string, id: string, dir: NumberedDir, n: number): Promise<Version<unknown>> {
    const bytes = await dir.read(n);
    if (bytes === undefined) throw new StoreNotFoundError('version', `${collection}/${id}@${n}`);
    const { value, sha256 } = decodeJsonRecord(bytes, `version ${collection}/${id}@${n}`, dir.pathFor(n));
    return { version: n, value, etag: versionEtag(n, sha256) };
  }
}
