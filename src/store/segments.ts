/**
 * Append-only streams of binary segments (e.g. an agent's transitions): each segment is an
 * immutable record file named by its zero-padded sequence number. An append claims the first free
 * number after the latest by exclusive create (hard link), walking upward on collision, so any
 * number of appenders, in one process or many, each get a distinct number and none loses data;
 * and since a number is only claimed once every lower one exists, sequence numbers have no gaps.
 * @module
 */
import { join } from 'node:path';
import { StoreNotFoundError, StorePreconditionError } from './errors.ts';
import { assertNonNegativeInteger, assertPositiveInteger, streamComponents } from './ids.ts';
import { NumberedDir } from './numbered.ts';
import { decodeRecord, encodeRecord } from './record.ts';
import type { ListSegmentsOptions } from './store.ts';
import { removeTree } from './trash.ts';

/**
 * The subdirectory holding a stream's segment files. It starts with `_`, which no stream
 * component can, so a stream (`a/b`) and a stream nested in it (`a/b/c`) never share files.
 */
const SEGMENTS_DIR = '_segments';

/** Streams under one directory: `<root>/<stream components...>/_segments/NNNNNNNNNNNN.seg`. */
export class FsSegments {
  /**
   * @param root - the segments directory (created on first write).
   * @param trashDir - where deleted streams go before removal (same file system).
   */
  constructor(
    readonly root: string,
    readonly trashDir: string,
  ) {}

  /** The segment directory of `stream`, after validating its name. */
  segments(stream: string): NumberedDir {
    const dir = join(this.root, ...streamComponents(stream), SEGMENTS_DIR);
    return new NumberedDir(dir, { prefix: '', digits: 12, suffix: '.seg' });
  }

  /** See {@link Store.appendSegment}. */
  async append(stream: string, bytes: Uint8Array, expectedSeq?: number): Promise<{ seq: number }> {
    const dir = this.segments(stream);
    if (expectedSeq === undefined) return { seq: await dir.append(encodeRecord(bytes)) };
    assertPositiveInteger('expectedSeq', expectedSeq);
    // Exclusive create of exactly that number: of racing conditional appends, one wins.
    if (await dir.create(expectedSeq, encodeRecord(bytes))) return { seq: expectedSeq };
    throw new StorePreconditionError(`seq ${expectedSeq}`, `seq ${(await dir.latest()) + 1}`);
  }

  /** See {@link Store.readSegment}. */
  async read(stream: string, seq: number): Promise<Uint8Array> {
    const dir = this.segments(stream);
    assertPositiveInteger('seq', seq);
    const bytes = await dir.read(seq);
    if (bytes === undefined) throw new StoreNotFoundError('segment', `${stream}#${seq}`);
    const { body } = decodeRecord(bytes, `segment ${stream}#${seq}`, dir.pathFor(seq));
    // A plain Uint8Array view (no copy): callers must not come to rely on Buffer's extra methods.
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  }

  /** See {@link Store.listSegments}. */
  async list(stream: string, options: ListSegmentsOptions = {}): Promise<number[]> {
    const dir = this.segments(stream);
    const { after = 0, limit } = options;
    assertNonNegativeInteger('after', after);
    if (limit !== undefined) assertPositiveInteger('limit', limit);
    const seqs = (await dir.list()).filter((seq) => seq > after);
    return limit === undefined ? seqs : seqs.slice(0, limit);
  }

  /** See {@link Store.streamVersion}. */
  async version(stream: string): Promise<number> {
    return this.segments(stream).latest();
  }

  /** See {@link Store.deleteStream}. */
  async delete(stream: string): Promise<void> {
    await removeTree(this.segments(stream).dir, this.trashDir);
  }
}
