/**
 * Mutable JSON documents with ETags, made safe across processes without locks. Each document is a
 * directory of numbered revisions (`rev-000001.json`, ...) created exclusively; the highest is
 * current. A write claims revision n+1, and since exclusive create has exactly one winner, two
 * writers that both read revision n cannot both succeed: that is the compare-and-swap.
 *
 * Revision bodies are records ({@link encodeRecord}) holding one of
 * `{"state":"live","value":...}`, `{"state":"deleted"}` (a delete is a tombstone revision, so the
 * number sequence and therefore ETags never restart) or `{"state":"superseded"}`: once revision n+1
 * exists, revision n is overwritten (atomically) with that small stub to reclaim space. The stub
 * keeps the file, so the number can never be claimed again. A reader that lands on a stub knows a
 * newer revision exists and looks again.
 * @module
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.ts';
import {
  StoreConflictError,
  StoreCorruptionError,
  StoreNotFoundError,
  StorePreconditionError,
} from './errors.ts';
import { assertId, assertPositiveInteger, ID_PATTERN } from './ids.ts';
import { NumberedDir } from './numbered.ts';
import { decodeJsonRecord, encodeJsonRecord } from './record.ts';
import { ANY_ETAG, type Doc, type DocPage, type ListDocsOptions, type WriteOptions } from './store.ts';

/** How many times a read or write retries when racing writers keep moving the latest revision. */
const MAX_ATTEMPTS = 1000;

const SUPERSEDED = encodeJsonRecord({ state: 'superseded' }).bytes;

/** The current revision of a document as read from disk. */
type Current =
  | { rev: number; state: 'live'; value: unknown; etag: string }
  | { rev: number; state: 'deleted'; etag: string }
  | { rev: number; state: 'corrupt'; error: StoreCorruptionError };

/** ETag of revision `rev` whose body hashes to `sha256`: the number orders, the hash disambiguates. */
export function docEtag(rev: number, sha256: string): string {
  return `"${rev}-${sha256.slice(0, 16)}"`;
}

/** Documents under one directory: `<root>/<collection>/<id>/rev-NNNNNN.json`. */
export class FsDocs {
  /** @param root - the documents directory (created on first write). */
  constructor(readonly root: string) {}

  /** The revision directory of a document, after validating its names. */
  revisions(collection: string, id: string): NumberedDir {
    assertId('collection', collection);
    assertId('document id', id);
    return new NumberedDir(join(this.root, collection, id), { prefix: 'rev-', digits: 6, suffix: '.json' });
  }

  /** See {@link Store.createDoc}. */
  async create(collection: string, id: string, value: unknown): Promise<{ etag: string }> {
    return this.#write(collection, id, { state: 'live', value }, (current) => {
      if (current?.state === 'live') throw new StoreConflictError(`${collection}/${id}`);
    });
  }

  /** See {@link Store.getDoc}. */
  async get<T>(collection: string, id: string): Promise<Doc<T>> {
    const current = await this.#current(collection, id, this.revisions(collection, id));
    if (current?.state !== 'live') throw new StoreNotFoundError('doc', `${collection}/${id}`);
    return { value: current.value as T, etag: current.etag };
  }

  /** See {@link Store.putDoc}. */
  async put(
    collection: string,
    id: string,
    value: unknown,
    options: WriteOptions = {},
  ): Promise<{ etag: string }> {
    return this.#write(collection, id, { state: 'live', value }, (current) =>
      requireMatch(collection, id, current, options.ifMatch),
    );
  }

  /** See {@link Store.deleteDoc}. */
  async delete(collection: string, id: string, options: WriteOptions = {}): Promise<void> {
    // Unconditional deletes tolerate a corrupt current revision: deleting is how one recovers from it.
    const tolerate = options.ifMatch === undefined;
    await this.#write(
      collection,
      id,
      { state: 'deleted' },
      (current) => requireMatch(collection, id, current, options.ifMatch, tolerate),
      tolerate,
    );
  }

  /** See {@link Store.listDocs}. */
  async list<T>(collection: string, options: ListDocsOptions = {}): Promise<DocPage<T>> {
    assertId('collection', collection);
    const { limit, after } = options;
    if (limit !== undefined) assertPositiveInteger('limit', limit);
    if (after !== undefined) assertId('cursor', after);
    let entries: { name: string; isDirectory(): boolean }[];
    try {
      entries = await readdir(join(this.root, collection), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { items: [], next: null };
      throw err;
    }
    const ids = entries
      .filter((e) => e.isDirectory() && ID_PATTERN.test(e.name))
      .map((e) => e.name)
      .filter((name) => after === undefined || name > after)
      // Plain comparison, not localeCompare: the order must not depend on the server's locale.
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const items: DocPage<T>['items'] = [];
    for (const id of ids) {
      const current = await this.#current(collection, id, this.revisions(collection, id));
      if (current?.state !== 'live') continue;
      // One live document past the limit proves there is a next page.
      if (limit !== undefined && items.length === limit) return { items, next: items.at(-1)!.id };
      items.push({ id, value: current.value as T, etag: current.etag });
    }
    return { items, next: null };
  }

  /**
   * Writes revision current+1 holding `body` once `check(current)` accepts the current revision;
   * when another writer claims that number first, re-reads and re-checks (so a stale `ifMatch`
   * fails there). Superseded revisions are stubbed afterwards, best effort.
   */
  async #write(
    collection: string,
    id: string,
    body: { state: 'live'; value: unknown } | { state: 'deleted' },
    check: (current: Current | undefined) => void,
    tolerateCorrupt = false,
  ): Promise<{ etag: string }> {
    const revisions = this.revisions(collection, id);
    const record = encodeJsonRecord(body); // Also rejects non-JSON values before any I/O.
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.#current(collection, id, revisions, tolerateCorrupt);
      check(current);
      const rev = (current?.rev ?? 0) + 1;
      if (await revisions.create(rev, record.bytes)) {
        // A corrupt revision is left as it is, for an operator to inspect.
        if (current && current.state !== 'corrupt') await supersede(revisions, current.rev);
        return { etag: docEtag(rev, record.sha256) };
      }
    }
    throw new Error(`gave up writing ${collection}/${id} after ${MAX_ATTEMPTS} contended attempts`);
  }

  /** The current revision, undefined when the document never existed. */
  async #current(
    collection: string,
    id: string,
    revisions: NumberedDir,
    tolerateCorrupt = false,
  ): Promise<Current | undefined> {
    const resource = `doc ${collection}/${id}`;
    let previous = 0;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const rev = await revisions.latest();
      if (rev === 0) return undefined;
      try {
        const body = await readRevision(revisions, rev, resource);
        if (body.state !== 'superseded') return { rev, ...body };
        // A stub means revision rev+1 existed before we read, so listing again must find it; seeing
        // the same stub on top twice means the directory is damaged, not busy.
        if (rev === previous) {
          throw new StoreCorruptionError(
            resource,
            `latest revision ${rev} is a superseded stub`,
            revisions.dir,
          );
        }
        previous = rev;
      } catch (err) {
        if (tolerateCorrupt && err instanceof StoreCorruptionError)
          return { rev, state: 'corrupt', error: err };
        throw err;
      }
    }
    throw new Error(`gave up reading ${collection}/${id} after ${MAX_ATTEMPTS} contended attempts`);
  }
}

/** Reads and verifies one revision file. */
async function readRevision(
  revisions: NumberedDir,
  rev: number,
  resource: string,
): Promise<
  | { state: 'live'; value: unknown; etag: string }
  | { state: 'deleted'; etag: string }
  | { state: 'superseded' }
> {
  const path = revisions.pathFor(rev);
  const bytes = await revisions.read(rev);
  // Revision files are never removed, so a listed one that is gone was removed by hand.
  if (bytes === undefined) throw new StoreCorruptionError(resource, `revision ${rev} vanished`, path);
  const { value: body, sha256 } = decodeJsonRecord(bytes, resource, path);
  const etag = docEtag(rev, sha256);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const { state } = body as { state?: unknown };
    if (state === 'live' && 'value' in body) return { state, value: body.value, etag };
    if (state === 'deleted') return { state, etag };
    if (state === 'superseded') return { state };
  }
  throw new StoreCorruptionError(resource, `revision ${rev} is not a document revision`, path);
}

/** Replaces a revision that is no longer current by a stub; best effort, it only saves space. */
async function supersede(revisions: NumberedDir, rev: number): Promise<void> {
  await writeFileAtomic(revisions.pathFor(rev), SUPERSEDED).catch(() => {});
}

/** Throws unless `current` is a live document whose ETag satisfies `ifMatch`. */
function requireMatch(
  collection: string,
  id: string,
  current: Current | undefined,
  ifMatch: string | undefined,
  tolerateCorrupt = false,
): void {
  if (current?.state === 'corrupt') {
    if (tolerateCorrupt) return;
    throw current.error;
  }
  if (current?.state !== 'live') throw new StoreNotFoundError('doc', `${collection}/${id}`);
  if (ifMatch !== undefined && ifMatch !== ANY_ETAG && ifMatch !== current.etag) {
    throw new StorePreconditionError(ifMatch, current.etag);
  }
}
