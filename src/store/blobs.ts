/**
 * Content-addressed blobs (weights, large contexts): the name is the SHA-256 of the bytes, so a
 * blob is immutable by construction and writing it twice is harmless. Stored raw (no header) at
 * `<root>/<first two hex>/<sha256>`; the two-character fan-out keeps directories small.
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileAtomic, writeFileAtomic } from './atomic.ts';
import { StoreCorruptionError, StoreNotFoundError } from './errors.ts';
import { assertSha256Hex, sha256Hex } from './hashing.ts';

/** Blobs under one directory. */
export class FsBlobs {
  /** @param root - the blob directory (created on first write). */
  constructor(readonly root: string) {}

  /** Where blob `sha256` lives. */
  pathFor(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /**
   * Stores `bytes`, returns their lowercase hex SHA-256. Idempotent. When a copy already exists it
   * is verified, and a corrupt one is replaced: the name fixes the content, so replacing is safe
   * even against a concurrent writer of the same blob.
   */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const path = this.pathFor(sha256);
    if (await createFileAtomic(path, bytes)) return sha256;
    const existing = await readFile(path);
    if (sha256Hex(existing) !== sha256) await writeFileAtomic(path, bytes);
    return sha256;
  }

  /**
   * The bytes of blob `sha256`, re-hashed on every read. Throws StoreNotFoundError when absent,
   * StoreCorruptionError when the bytes no longer hash to their name, RangeError for a malformed hash.
   */
  async get(sha256: string): Promise<Uint8Array> {
    assertSha256Hex(sha256);
    const path = this.pathFor(sha256);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StoreNotFoundError('blob', sha256);
      throw err;
    }
    const actual = sha256Hex(bytes);
    if (actual !== sha256) {
      throw new StoreCorruptionError(`blob ${sha256}`, `sha256 mismatch (content hashes to ${actual})`, path);
    }
    // A plain Uint8Array view (no copy): callers must not come to rely on Buffer's extra methods.
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Whether blob `sha256` exists (not verified: a later get may still report corruption). */
  async has(sha256: string): Promise<boolean> {
    assertSha256Hex(sha256);
    try {
      return (await stat(this.pathFor(sha256))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }
}
