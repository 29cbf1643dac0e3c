/**
 * A directory of immutable, numbered files (`rev-000001.json`, `000000000001.seg`, ...): the one
 * primitive behind document revisions, versions and segments. Numbers are claimed by exclusive
 * create (hard link), so the file system itself arbitrates races between processes; no lock file,
 * no lease, nothing that a crash could leave held.
 * @module
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileAtomic, createNumberedFileAtomic } from './atomic.ts';

/** How numbers map to file names: `${prefix}${zero-padded n}${suffix}`. */
export interface Numbering {
  prefix: string;
  digits: number;
  suffix: string;
}

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** Numbered files in one directory; the directory is created on first write. */
export class NumberedDir {
  readonly #pattern: RegExp;

  /**
   * @param dir - the directory (need not exist yet).
   * @param naming - file naming; names that are not canonical (e.g. `.tmp` leftovers) are ignored.
   */
  constructor(
    readonly dir: string,
    readonly naming: Numbering,
  ) {
    const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.#pattern = new RegExp(`^${literal(naming.prefix)}(\\d+)${literal(naming.suffix)}$`);
  }

  /** The file name for number `n`. */
  nameFor(n: number): string {
    const { prefix, digits, suffix } = this.naming;
    return `${prefix}${String(n).padStart(digits, '0')}${suffix}`;
  }

  /** The path of number `n`. */
  pathFor(n: number): string {
    return join(this.dir, this.nameFor(n));
  }

  /** All numbers present, ascending; empty when the directory does not exist. */
  async list(): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return [];
      throw err;
    }
    const numbers: number[] = [];
    for (const name of names) {
      const match = this.#pattern.exec(name);
      if (!match) continue;
      const n = Number(match[1]);
      // Only the canonical spelling counts, so `rev-1.json` beside `rev-000001.json` cannot alias it.
      if (n >= 1 && Number.isSafeInteger(n) && this.nameFor(n) === name) numbers.push(n);
    }
    return numbers.sort((a, b) => a - b);
  }

  /** The highest number present, 0 when none. */
  async latest(): Promise<number> {
    const numbers = await this.list();
    return numbers.at(-1) ?? 0;
  }

  /** The raw bytes of number `n`, or undefined when it does not exist. */
  async read(n: number): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.pathFor(n));
    } catch (err) {
      const code = errnoCode(err);
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw err;
    }
  }

  /** Creates number `n` exclusively; false when it exists already (someone else won it). */
  async create(n: number, data: Uint8Array | string): Promise<boolean> {
    return createFileAtomic(this.pathFor(n), data);
  }

  /** Creates the next free number after the current highest and returns it; never overwrites. */
  async append(data: Uint8Array | string): Promise<number> {
    const first = (await this.latest()) + 1;
    return createNumberedFileAtomic(data, first, (n) => this.pathFor(n));
  }
}
