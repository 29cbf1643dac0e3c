/**
 * Helpers for the store's own tests: a fresh temp directory per test, byte flipping to simulate
 * disk corruption, and child processes that hammer one store concurrently.
 * @module
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';

/** Registers a fresh temp directory for each test (removed afterwards); call the result inside a test. */
export function useTempDir(): () => string {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'modelgym-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** Flips the bits of one byte of a file, `fromEnd` bytes before its end (1 = the last byte). */
export async function flipByte(path: string, fromEnd = 1): Promise<void> {
  const bytes = await readFile(path);
  const at = bytes.length - fromEnd;
  bytes[at] = bytes[at]! ^ 0xff;
  await writeFile(path, bytes);
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const workerPath = fileURLToPath(new URL('./store-worker.ts', import.meta.url));

/**
 * Runs one `store-worker.ts` process per label against the store at `root`, all released at the same
 * moment (each reports ready, then all get "go" on stdin) so that their writes really overlap.
 * Rejects when any exits non-zero.
 */
export async function runWorkers(root: string, mode: string, count: number, labels: string[]): Promise<void> {
  const children = labels.map((label) =>
    spawn(process.execPath, ['--import', 'tsx', workerPath, root, mode, String(count), label], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  const exits = children.map(
    (child, i) =>
      new Promise<void>((resolve, reject) => {
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve() : reject(new Error(`worker ${labels[i]} exited ${code}: ${stderr}`)),
        );
      }),
  );
  const ready = children.map(
    (child) =>
      new Promise<void>((resolve) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('ready\n')) resolve();
        });
      }),
  );
  // A worker that dies before it is ready must fail the run rather than hang it.
  await Promise.race([Promise.all(ready), Promise.all(exits)]);
  for (const child of children) child.stdin.end('go\n');
  await Promise.all(exits);
}
