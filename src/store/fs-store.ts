/**
 * The filesystem {@link Store}: plain files, no daemon, safe for several processes sharing one
 * directory (exclusive create and atomic rename do the arbitration).
 * @module
 */
import { join } from 'node:path';
import { FsBlobs } from './blobs.ts';
import { FsDocs } from './docs.ts';
import { FsSegments } from './segments.ts';
import type {
  Doc,
  DocPage,
  ListDocsOptions,
  ListSegmentsOptions,
  Store,
  Version,
  WriteOptions,
} from './store.ts';
import { FsVersions } from './versions.ts';

/**
 * {@link Store} on a local (POSIX) file system. Layout under `rootDir`:
 *
 * ```
 * blobs/<ab>/<sha256>                              raw bytes, named by their hash
 * docs/<collection>/<id>/rev-000001.json           document revisions (highest = current)
 * versions/<collection>/<id>/v-000001.json         immutable versions
 * segments/<stream...>/_segments/000000000001.seg  append-only stream segments
 * trash/                                           deleted trees awaiting removal; safe to empty
 * ```
 *
 * Every file but blobs is a record: a `mgrec1 sha256=<hex>` header line, then the body. Files
 * ending in `.tmp` are leftovers of interrupted writes: ignored, and safe to delete when no write
 * is in flight. Needs hard links (every local Linux/macOS file system; not FAT).
 */
export class FsStore implements Store {
  readonly #blobs: FsBlobs;
  readonly #docs: FsDocs;
  readonly #versions: FsVersions;
  readonly #segments: FsSegments;

  /** @param rootDir - the store's directory; created lazily by the first write. */
  constructor(readonly rootDir: string) {
    const trash = join(rootDir, 'trash');
    this.#blobs = new FsBlobs(join(rootDir, 'blobs'));
    this.#docs = new FsDocs(join(rootDir, 'docs'));
    this.#versions = new FsVersions(join(rootDir, 'versions'), trash);
    this.#segments = new FsSegments(join(rootDir, 'segments'), trash);
  }

  putBlob(bytes: Uint8Array): Promise<string> {
    return this.#blobs.put(bytes);
  }

  getBlob(sha256: string): Promise<Uint8Array> {
    return this.#blobs.get(sha256);
  }

  hasBlob(sha256: string): Promise<boolean> {
    return this.#blobs.has(sha256);
  }

  createDoc(collection: string, id: string, value: unknown): Promise<{ etag: string }> {
    return this.#docs.create(collection, id, value);
  }

  getDoc<T = unknown>(collection: string, id: string): Promise<Doc<T>> {
    return this.#docs.get<T>(collection, id);
  }

  putDoc(collection: string, id: string, value: unknown, options?: WriteOptions): Promise<{ etag: string }> {
    return this.#docs.put(collection, id, value, options);
  }

  deleteDoc(collection: string, id: string, options?: WriteOptions): Promise<void> {
    return this.#docs.delete(collection, id, options);
  }

  listDocs<T = unknown>(collection: string, options?: ListDocsOptions): Promise<DocPage<T>> {
    return this.#docs.list<T>(collection, options);
  }

  appendVersion(
    collection: string,
    id: string,
    value: unknown,
    options?: WriteOptions,
  ): Promise<{ version: number; etag: string }> {
    return this.#versions.append(collection, id, value, options);
  }

  getVersion<T = unknown>(collection: string, id: string, version: number | 'latest'): Promise<Version<T>> {
    return this.#versions.get<T>(collection, id, version);
  }

  listVersions(collection: string, id: string): Promise<number[]> {
    return this.#versions.list(collection, id);
  }

  deleteVersions(collection: string, id: string): Promise<void> {
    return this.#versions.delete(collection, id);
  }

  appendSegment(
    stream: string,
    bytes: Uint8Array,
    options?: { expectedSeq?: number },
  ): Promise<{ seq: number }> {
    return this.#segments.append(stream, bytes, options?.expectedSeq);
  }

  readSegment(stream: string, seq: number): Promise<Uint8Array> {
    return this.#segments.read(stream, seq);
  }

  listSegments(stream: string, options?: ListSegmentsOptions): Promise<number[]> {
    return this.#segments.list(stream, options);
  }

  streamVersion(stream: string): Promise<number> {
    return this.#segments.version(stream);
  }

  deleteStream(stream: string): Promise<void> {
    return this.#segments.delete(stream);
  }

  async close(): Promise<void> {
    // Nothing is held open between calls.
  }
}
