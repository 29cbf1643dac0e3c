/**
 * Crash-safe file writes. A reader sees the old content or the new one, never a torn file: data
 * goes to a unique temp file beside the target, is flushed to disk, and is renamed into place
 * (rename is atomic within a directory on POSIX filesystems). Temp files end in `.tmp`; one left by
 * a crash is garbage that every listing in the store ignores.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A temp path beside `path`, unique across processes and calls. */
function tempPathFor(path: string): string {
  return `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/** Writes `data` to a fresh temp file beside `path`, fsynced; returns the temp path. */
async function writeTemp(path: string, data: Uint8Array | string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(temp).catch(() => {});
    throw err;
  }
  await handle.close();
  return temp;
}

/**
 * Flushes a directory so that a new entry in it (rename, link) survives a power cut. Best effort:
 * some platforms cannot fsync a directory, and the entry already exists when this runs, so a
 * failure here must not turn a successful write into a reported error (a caller would retry and
 * write twice).
 */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability is best effort here; atomicity does not depend on it.
  }
}

/** Replaces `path` with `data` atomically (last writer wins). Creates missing directories. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = await writeTemp(path, data);
  try {
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
  await syncDir(dirname(path));
}

/**
 * Creates `path` with `data` atomically only if it does not exist yet (first writer wins, via a
 * hard link, which fails with EEXIST instead of replacing). Returns false when it already existed.
 */
export async function createFileAtomic(path: string, data: Uint8Array | string): Promise<boolean> {
  const temp = await writeTemp(path, data);
  try {
    await link(temp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(temp).catch(() => {});
  }
  await syncDir(dirname(path));
  return true;
}

/**
 * Creates the first free file among `pathFor(first)`, `pathFor(first + 1)`, ... with `data`,
 * atomically and exclusively, and returns the number it got. The data is written and fsynced once;
 * each attempt is a hard link, so racing writers (threads or processes) each get a distinct number
 * and nobody's data is lost or overwritten. All `pathFor(n)` must lie in one directory.
 */
export async function createNumberedFileAtomic(
  data: Uint8Array | string,
  first: number,
  pathFor: (n: number) => string,
): Promise<number> {
  const temp = await writeTemp(pathFor(first), data);
  let n = first;
  try {
    for (;;) {
      try {
        await link(temp, pathFor(n));
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        n += 1;
      }
    }
  } finally {
    await unlink(temp).catch(() => {});
  }
  await syncDir(dirname(pathFor(n)));
  return n;
}
