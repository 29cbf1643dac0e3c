/**
 * The artifact store contract: what agents and jobs persist, independent of the backend. The
 * filesystem implementation is {@link FsStore}; a PostgreSQL one can implement the same interface
 * (blobs as `bytea` keyed by hash, documents as rows with a revision column updated with
 * `WHERE rev = $expected`, versions and segments as rows with a unique `(key, number)` constraint).
 *
 * Guarantees every implementation must give:
 * - Nothing lives only in memory; every method's effect is durable when its promise resolves.
 * - Writes are atomic: a reader sees a value before or after a write, never a torn one.
 * - Stored bytes are verified on read; a mismatch throws {@link StoreCorruptionError} and the bad
 *   data is never returned.
 * - Concurrent writers, in one process or many, never lose an append and never both win a
 *   compare-and-swap.
 * - Names are validated ({@link ID_PATTERN}); a bad one throws RangeError before any I/O.
 *
 * Values are JSON (objects, arrays, strings, finite numbers, booleans, null); anything else throws
 * TypeError. Type parameters on reads are the caller's claim, not checked: validate what you read
 * if it came from an older release.
 * @module
 */
export type { StoreKind } from './errors.ts';
export {
  StoreConflictError,
  StoreCorruptionError,
  StoreError,
  StoreNotFoundError,
  StorePreconditionError,
} from './errors.ts';
export { ID_PATTERN } from './ids.ts';

/** `ifMatch` value meaning "whatever the current state is, as long as it exists". */
export const ANY_ETAG = '*';

/** ETag of a version list with no versions: pass it as `ifMatch` to append only the first version. */
export const NO_VERSIONS_ETAG = '"v0"';

/** Options of a conditional write. */
export interface WriteOptions {
  /**
   * Perform the write only if the resource's current ETag is exactly this (a strong ETag as
   * returned by the store, quotes included), or {@link ANY_ETAG}. Otherwise
   * {@link StorePreconditionError} is thrown and nothing is written. Omitted: unconditional.
   */
  ifMatch?: string;
}

/** A document's current value and ETag. */
export interface Doc<T> {
  value: T;
  /** Strong ETag of this revision, e.g. `"3-1f2e3d4c5b6a7980"`; changes on every write. */
  etag: string;
}

/** One document in a listing. */
export interface DocEntry<T> extends Doc<T> {
  id: string;
}

/** A page of documents, ascending by id. */
export interface DocPage<T> {
  items: DocEntry<T>[];
  /** Pass as `after` to get the next page; null when this page is the last. */
  next: string | null;
}

/** Options of {@link Store.listDocs}. */
export interface ListDocsOptions {
  /** Most items to return (positive integer); omitted: all. */
  limit?: number;
  /** Only ids strictly after this one (the previous page's `next`). */
  after?: string;
}

/** One immutable version. */
export interface Version<T> {
  /** 1, 2, 3, ... without gaps. */
  version: number;
  value: T;
  /** Strong ETag of the version list when this version was the latest, e.g. `"v2-0a1b2c3d4e5f6789"`. */
  etag: string;
}

/** Options of {@link Store.listSegments}. */
export interface ListSegmentsOptions {
  /** Only sequence numbers strictly greater than this (default 0: from the start). */
  after?: number;
  /** Most sequence numbers to return (positive integer); omitted: all. */
  limit?: number;
}

/** Persistent storage for blobs, documents, immutable versions and append-only segment streams. */
export interface Store {
  /**
   * Stores bytes under their content address and returns it (lowercase hex SHA-256). Idempotent:
   * storing the same bytes again returns the same address and writes nothing new.
   */
  putBlob(bytes: Uint8Array): Promise<string>;

  /**
   * The bytes stored under `sha256`, verified against it.
   * @throws StoreNotFoundError when absent; StoreCorruptionError when they fail verification;
   *   RangeError when `sha256` is not 64 lowercase hex characters.
   */
  getBlob(sha256: string): Promise<Uint8Array>;

  /** Whether a blob exists (existence only: a later getBlob still verifies it). */
  hasBlob(sha256: string): Promise<boolean>;

  /**
   * Creates document `id` in `collection`; exactly one of several racing creators succeeds. A
   * deleted id may be created again (its ETags never repeat the old ones).
   * @throws StoreConflictError when it exists already.
   */
  createDoc(collection: string, id: string, value: unknown): Promise<{ etag: string }>;

  /**
   * The current value and ETag of a document.
   * @throws StoreNotFoundError when it does not exist or was deleted; StoreCorruptionError.
   */
  getDoc<T = unknown>(collection: string, id: string): Promise<Doc<T>>;

  /**
   * Replaces an existing document. With `ifMatch` it is a compare-and-swap: of two writers holding
   * the same ETag, exactly one succeeds and the other gets StorePreconditionError.
   * @throws StoreNotFoundError when it does not exist (create it with createDoc);
   *   StorePreconditionError when `ifMatch` is stale; StoreCorruptionError.
   */
  putDoc(collection: string, id: string, value: unknown, options?: WriteOptions): Promise<{ etag: string }>;

  /**
   * Deletes a document (only the document: versions and streams under the same names are separate;
   * see {@link Store.deleteVersions} and {@link Store.deleteStream}). Without `ifMatch` this also
   * deletes a document whose current revision is corrupt, so that an operator can recover.
   * @throws StoreNotFoundError when it does not exist; StorePreconditionError when `ifMatch` is stale.
   */
  deleteDoc(collection: string, id: string, options?: WriteOptions): Promise<void>;

  /**
   * Documents of a collection ascending by id (code-unit order), paginated by id cursor.
   * @throws StoreCorruptionError when a listed document is corrupt (never skipped silently).
   */
  listDocs<T = unknown>(collection: string, options?: ListDocsOptions): Promise<DocPage<T>>;

  /**
   * Appends an immutable version (numbered 1, 2, ...) to the version list `collection/id`. Without
   * `ifMatch`, racing appends all succeed with distinct numbers; with it, only if the latest version's
   * ETag still matches ({@link NO_VERSIONS_ETAG} when there is none yet).
   * @throws StorePreconditionError when `ifMatch` is stale.
   */
  appendVersion(
    collection: string,
    id: string,
    value: unknown,
    options?: WriteOptions,
  ): Promise<{ version: number; etag: string }>;

  /**
   * One version, or the latest.
   * @throws StoreNotFoundError when there is no such version (or none at all); StoreCorruptionError.
   */
  getVersion<T = unknown>(collection: string, id: string, version: number | 'latest'): Promise<Version<T>>;

  /** Version numbers of `collection/id`, ascending; empty when there are none. */
  listVersions(collection: string, id: string): Promise<number[]>;

  /** Deletes all versions of `collection/id` (no-op when none). Not for lists still being appended to. */
  deleteVersions(collection: string, id: string): Promise<void>;

  /**
   * Appends an immutable segment to `stream` (names like `agents/<id>/transitions`, components as
   * {@link ID_PATTERN}, joined by `/`) and returns its sequence number. Sequence numbers are 1, 2, ...
   * without gaps; racing appends from any number of processes all succeed with distinct numbers.
   * With `expectedSeq`, the append is conditional: it succeeds only as exactly that number (the
   * stream's version + 1 when the caller looked), else throws StorePreconditionError.
   */
  appendSegment(
    stream: string,
    bytes: Uint8Array,
    options?: { expectedSeq?: number },
  ): Promise<{ seq: number }>;

  /**
   * The bytes of segment `seq`, verified.
   * @throws StoreNotFoundError when absent; StoreCorruptionError when they fail verification.
   */
  readSegment(stream: string, seq: number): Promise<Uint8Array>;

  /** Sequence numbers of `stream`, ascending; empty for a stream never appended to. */
  listSegments(stream: string, options?: ListSegmentsOptions): Promise<number[]>;

  /** The highest sequence number of `stream`, 0 when it has none; a cheap change token for caches. */
  streamVersion(stream: string): Promise<number>;

  /**
   * Deletes a stream's segments (streams nested under it are separate and stay). Not for streams
   * still being appended to: an append racing the delete may survive as the start of a new stream.
   */
  deleteStream(stream: string): Promise<void>;

  /** Releases resources (connections, handles); a no-op for the filesystem. */
  close(): Promise<void>;
}
