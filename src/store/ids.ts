/**
 * Validation of the names that become paths. Everything a caller names (collection, id, stream
 * component) must match {@link ID_PATTERN}, which has no `/`, cannot be `.` or `..`, and cannot
 * start with `.`, `-` or `_` (the store keeps names starting with `_` for itself), so no name can
 * escape its directory or collide with the store's own files.
 * @module
 */

/** Allowed collection names, document ids and stream components. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Most components in a stream name (`agents/<id>/transitions` has three). */
export const MAX_STREAM_DEPTH = 8;

/** Throws RangeError unless `value` matches {@link ID_PATTERN}; `what` names it in the message. */
export function assertId(what: string, value: string): void {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw new RangeError(`invalid ${what} ${JSON.stringify(value)}: must match ${ID_PATTERN}`);
  }
}

/**
 * Splits a stream name like `agents/a1/transitions` into its components, each checked with
 * {@link assertId}; throws RangeError when empty, too deep or malformed.
 */
export function streamComponents(stream: string): string[] {
  if (typeof stream !== 'string') throw new RangeError('stream name must be a string');
  const parts = stream.split('/');
  if (parts.length > MAX_STREAM_DEPTH) {
    throw new RangeError(`stream ${JSON.stringify(stream)} has more than ${MAX_STREAM_DEPTH} components`);
  }
  for (const part of parts) assertId('stream component', part);
  return parts;
}

/** Throws RangeError unless `value` is a positive safe integer (versions and sequence numbers). */
export function assertPositiveInteger(what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${what} must be a positive integer, got ${value}`);
  }
}

/** Throws RangeError unless `value` is a non-negative safe integer (list cursors). */
export function assertNonNegativeInteger(what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
}
