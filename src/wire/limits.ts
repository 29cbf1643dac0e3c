/** Limits on what one decoded request body (msgpack or JSON) may hold. */
export interface DecodeLimits {
  /** Deepest nesting of arrays and maps: `[1]` is depth 1, `{"a": [1]}` depth 2. */
  maxDepth: number;
  /** Most array elements plus map entries in the whole document. */
  maxItems: number;
}

/**
 * The limits of request bodies: the spec's `x-limits.max_body_depth` and `max_body_items` (a
 * test keeps them equal). Far above anything the API needs, far below what hurts the server:
 * decoding recurses once per level, and a million empty arrays cost tens of megabytes.
 */
export const defaultDecodeLimits: Readonly<DecodeLimits> = { maxDepth: 64, maxItems: 2_097_152 };

/** Why a document was refused; `limit` says which limit it broke, if it broke one. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    message: string,
    readonly limit?: 'depth' | 'items',
  ) {
    super(message);
  }
}
