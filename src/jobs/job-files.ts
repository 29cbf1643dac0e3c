/**
 * Where jobs live on disk, one directory per job under the runner's root
 * (`<MODELGYM_DATA_DIR>/jobs` in the server):
 *
 * ```
 * <root>/<id>/record.json     the record (status, params, result...), replaced atomically
 * <root>/<id>/events.jsonl    the append-only event log (see event-log.ts)
 * <root>/<id>/checkpoint.bin  the handler's last checkpoint, replaced atomically
 * <root>/<id>/cancel          exists once someone asked to cancel (created exclusively)
 * <root>/<id>/lease-<n>.json  lease epochs (see lease.ts)
 * ```
 *
 * After submission only the lease holder writes the record, the log and the checkpoint. A
 * cancel request is its own file rather than a record field so that a request from another
 * replica can never be lost to the holder's concurrent record write.
 * @module
 */
import { access, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileAtomic, writeFileAtomic } from '../store/atomic.ts';
import { appendEvent, openForAppend, readEvents, readEventsFrom } from './event-log.ts';
import { isJobId } from './ids.ts';
import { type LeaseState, readLease } from './lease.ts';
import type { JobEvent, JobRecord } from './types.ts';

/** The record as stored: the lease and the cancel request are read from their own files. */
export type StoredRecord = Omit<JobRecord, 'lease' | 'cancel_requested'>;

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Reads and writes the files of the jobs under one root directory. */
export class JobFiles {
  constructor(readonly root: string) {}

  /** The job's directory (`id` must have passed `isJobId`). */
  dir(id: string): string {
    return join(this.root, id);
  }

  /** The job's event log. */
  eventsPath(id: string): string {
    return join(this.dir(id), 'events.jsonl');
  }

  /** Creates a new job: its first event, then its record (a job without a record is invisible). */
  async create(record: StoredRecord, first: JobEvent): Promise<void> {
    await mkdir(this.dir(record.id), { recursive: true });
    await appendEvent(this.eventsPath(record.id), first);
    await this.writeRecord(record);
  }

  /** The stored record, or undefined for an unknown (or malformed) id. */
  async readRecord(id: string): Promise<StoredRecord | undefined> {
    if (!isJobId(id)) return undefined;
    try {
      return JSON.parse(await readFile(join(this.dir(id), 'record.json'), 'utf8')) as StoredRecord;
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  /** Replaces the record atomically (lease holder only, after submission). */
  async writeRecord(record: StoredRecord): Promise<void> {
    await writeFileAtomic(join(this.dir(record.id), 'record.json'), `${JSON.stringify(record)}\n`);
  }

  /** Appends one event (lease holder only). */
  async appendEvent(id: string, event: JobEvent): Promise<void> {
    await appendEvent(this.eventsPath(id), event);
  }

  /** Repairs a torn last line left by a crashed holder; returns the next free `seq`. */
  openEventsForAppend(id: string): Promise<number> {
    return openForAppend(this.eventsPath(id));
  }

  /** All events of the job, in order. */
  readEvents(id: string): Promise<JobEvent[]> {
    return readEvents(this.eventsPath(id));
  }

  /** The complete event lines from byte `offset` on, and the offset after them. */
  readEventsFrom(id: string, offset: number): Promise<{ events: JobEvent[]; offset: number }> {
    return readEventsFrom(this.eventsPath(id), offset);
  }

  /** The last saved checkpoint, if any. */
  async readCheckpoint(id: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(join(this.dir(id), 'checkpoint.bin')));
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  /** Replaces the checkpoint atomically (lease holder only). */
  async writeCheckpoint(id: string, bytes: Uint8Array): Promise<void> {
    await writeFileAtomic(join(this.dir(id), 'checkpoint.bin'), bytes);
  }

  /** Records a cancel request (idempotent). */
  async requestCancel(id: string): Promise<void> {
    await createFileAtomic(join(this.dir(id), 'cancel'), new Date().toISOString());
  }

  /** True once `requestCancel` was called for the job, by any runner. */
  async isCancelRequested(id: string): Promise<boolean> {
    try {
      await access(join(this.dir(id), 'cancel'));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  /** The job's current lease epoch (see lease.ts). */
  readLease(id: string): Promise<LeaseState | undefined> {
    return readLease(this.dir(id));
  }

  /** Every job id under the root, oldest first. */
  async listIds(): Promise<string[]> {
    try {
      return (await readdir(this.root)).filter(isJobId).sort();
    } catch (err) {
      if (isMissing(err)) return [];
      throw err;
    }
  }
}
