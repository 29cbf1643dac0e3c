/**
 * SHA-256 helpers: blob addresses and the checksums that make corruption detectable.
 * @module
 */
import { createHash } from 'node:crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Lowercase hex SHA-256 of `bytes` (strings are hashed as UTF-8). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** True when `value` is a lowercase hex SHA-256 (64 characters). */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

/**
 * Throws RangeError unless `value` is a lowercase hex SHA-256: it becomes a file name, so anything
 * else (`../x`, uppercase that would alias another file on case-insensitive disks) is refused.
 */
export function assertSha256Hex(value: string): void {
  if (!isSha256Hex(value)) throw new RangeError(`not a lowercase hex sha256: ${JSON.stringify(value)}`);
}
