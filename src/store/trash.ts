/**
 * Removing a directory tree so that it disappears at once: it is first renamed into a trash
 * directory (atomic), then deleted at leisure. A crash midway leaves garbage in the trash, never a
 * half-deleted stream that still looks valid.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Moves `dir` into `trashDir` (same file system) and deletes it there. A missing `dir` is fine.
 * Anything left in `trashDir` by a crash may be removed at any time.
 */
export async function removeTree(dir: string, trashDir: string): Promise<void> {
  await mkdir(trashDir, { recursive: true });
  const doomed = join(trashDir, `${process.pid}.${randomBytes(8).toString('hex')}`);
  try {
    await rename(dir, doomed);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  await rm(doomed, { recursive: true, force: true });
}
