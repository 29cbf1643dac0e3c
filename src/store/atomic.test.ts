import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test/helpers/store.ts';
import { createFileAtomic, createNumberedFileAtomic, writeFileAtomic } from './atomic.ts';

const tempDir = useTempDir();

describe('writeFileAtomic', () => {
  it('creates missing directories, replaces content, and leaves no temp file behind', async () => {
    const path = join(tempDir(), 'a', 'b', 'file.json');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, new TextEncoder().encode('second'));
    expect(await readFile(path, 'utf8')).toBe('second');
    expect(await readdir(join(tempDir(), 'a', 'b'))).toEqual(['file.json']);
  });

  it('lets concurrent writers replace whole files: the result is one of the writes, never a mix', async () => {
    const path = join(tempDir(), 'f');
    const bodies = Array.from({ length: 20 }, (_, i) => String(i).repeat(10_000));
    await Promise.all(bodies.map((body) => writeFileAtomic(path, body)));
    expect(bodies).toContain(await readFile(path, 'utf8'));
    expect(await readdir(tempDir())).toEqual(['f']);
  });
});

describe('createFileAtomic', () => {
  it('creates once, then reports false and keeps the first content', async () => {
    const path = join(tempDir(), 'x', 'once');
    expect(await createFileAtomic(path, 'first')).toBe(true);
    expect(await createFileAtomic(path, 'second')).toBe(false);
    expect(await readFile(path, 'utf8')).toBe('first');
    expect(await readdir(join(tempDir(), 'x'))).toEqual(['once']);
  });

  it('has exactly one winner among concurrent creators, whose content is the one stored', async () => {
    const path = join(tempDir(), 'race');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => createFileAtomic(path, `w${i}`)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await readFile(path, 'utf8')).toBe(`w${results.indexOf(true)}`);
  });
});

describe('createNumberedFileAtomic', () => {
  it('gives concurrent writers distinct consecutive numbers, each file holding its own data', async () => {
    const pathFor = (n: number) => join(tempDir(), `${n}.seg`);
    const numbers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => createNumberedFileAtomic(`data ${i}`, 1, pathFor)),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const [i, n] of numbers.entries()) expect(await readFile(pathFor(n), 'utf8')).toBe(`data ${i}`);
    expect((await readdir(tempDir())).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('skips numbers that are taken without touching them', async () => {
    const pathFor = (n: number) => join(tempDir(), `${n}`);
    await createFileAtomic(pathFor(3), 'old');
    await createFileAtomic(pathFor(4), 'old');
    expect(await createNumberedFileAtomic('new', 3, pathFor)).toBe(5);
    expect(await readFile(pathFor(3), 'utf8')).toBe('old');
    expect(await readFile(pathFor(5), 'utf8')).toBe('new');
  });
});
