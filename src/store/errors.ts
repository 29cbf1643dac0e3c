/**
 * The store's error tree. Each class carries a stable `code` so that the HTTP layer can map it to
 * a problem type without `instanceof` chains leaking into every route: `not-found` (404),
 * `precondition-failed` (412), `conflict` (409), `corrupt-data` (500).
 * @module
 */

/** What a lookup was for, in {@link StoreNotFoundError}. */
export type StoreKind = 'blob' | 'doc' | 'version' | 'segment';

/** Base class of every error the store throws on purpose (programming errors stay RangeError/TypeError). */
export abstract class StoreError extends Error {
  /** Stable machine-readable code; never changes once released. */
  abstract readonly code: 'not-found' | 'precondition-failed' | 'conflict' | 'corrupt-data';
}

/** The blob, document, version or segment does not exist (or the document was deleted). */
export class StoreNotFoundError extends StoreError {
  readonly code = 'not-found' as const;
  override readonly name = 'StoreNotFoundError';

  /**
   * @param kind - what was looked for.
   * @param id - its logical id: a sha256, `collection/id`, `collection/id@version` or `stream#seq`.
   */
  constructor(
    readonly kind: StoreKind,
    readonly id: string,
  ) {
    super(`${kind} not found: ${id}`);
  }
}

/** An `ifMatch` ETag did not match the resource's current ETag; nothing was written. */
export class StorePreconditionError extends StoreError {
  readonly code = 'precondition-failed' as const;
  override readonly name = 'StorePreconditionError';

  /**
   * @param expected - the ETag the caller sent.
   * @param actual - the resource's current ETag when the write was refused.
   */
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`precondition failed: expected ETag ${expected}, current is ${actual}`);
  }
}

/** A create found the id already taken. */
export class StoreConflictError extends StoreError {
  readonly code = 'conflict' as const;
  override readonly name = 'StoreConflictError';

  /** @param id - the logical id that exists already (`collection/id`). */
  constructor(readonly id: string) {
    super(`already exists: ${id}`);
  }
}

/**
 * Stored bytes failed verification (hash mismatch, truncated header, unparsable JSON, an impossible
 * layout). The data is never returned; an operator has to look at `path`.
 */
export class StoreCorruptionError extends StoreError {
  readonly code = 'corrupt-data' as const;
  override readonly name = 'StoreCorruptionError';

  /**
   * @param resource - logical id of what was being read (safe to show to clients).
   * @param reason - what failed, e.g. `sha256 mismatch`.
   * @param path - the file on disk (for logs; may be empty for non-file backends).
   */
  constructor(
    readonly resource: string,
    readonly reason: string,
    readonly path = '',
  ) {
    super(`corrupt data in ${resource}: ${reason}${path ? ` (${path})` : ''}`);
  }
}
