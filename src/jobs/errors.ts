/**
 * Errors of the job system.
 * @module
 */

/** Why a running job's signal was aborted. */
export type AbortReason = 'cancel' | 'shutdown' | 'lease-lost';

/**
 * The reason a handler's `ctx.signal` carries (and `ctx.progress` throws) once the job is
 * aborted. Named `AbortError` like the DOM's, so generic abort handling recognises it.
 */
export class JobAbortedError extends Error {
  override readonly name = 'AbortError';

  constructor(readonly reason: AbortReason) {
    super(`job aborted (${reason})`);
  }
}

/** `submit` was given a kind this runner has no handler for (a client error, 4xx). */
export class UnknownJobKindError extends Error {
  override readonly name = 'UnknownJobKindError';

  constructor(readonly kind: string) {
    super(`unknown job kind: ${kind}`);
  }
}
