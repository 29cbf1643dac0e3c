/**
 * Leases that keep two runners (threads, processes or replicas sharing the directory) from
 * running the same job. A lease is a sequence of epoch files `lease-<n>.json` in the job's
 * directory, each created exclusively (`createFileAtomic`, a hard link that fails on EEXIST),
 * so exactly one claimant gets each epoch. The file with the highest epoch decides: its owner
 * holds the job until its `expires_at`. Taking over an expired or released lease, renewing and
 * releasing all create the next epoch, so a holder that stalled past its expiry learns it lost
 * the job when its renewal finds the epoch taken.
 *
 * Old epoch files are deleted, but only by someone who has already created a higher one, so the
 * highest file always exists. A stale claimant may then re-create a deleted low epoch; that is
 * why a claim only counts when no higher epoch exists right after the create.
 *
 * Expiry compares wall clocks: replicas sharing a directory need synchronised clocks (NTP), and
 * leases should be much longer than the expected skew.
 * @module
 */
import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileAtomic } from '../store/atomic.ts';

/** A lease this runner holds: renew it before `expires_at`, release it when done. */
export interface HeldLease {
  dir: string;
  epoch: number;
  owner: string;
  expires_at: string;
}

/** The content of one epoch file; `owner: null` marks a released lease. */
export interface LeaseState {
  epoch: number;
  owner: string | null;
  expires_at: string;
}

const leaseFile = /^lease-(\d+)\.json$/;

function leasePath(dir: string, epoch: number): string {
  return join(dir, `lease-${epoch}.json`);
}

async function epochs(dir: string): Promise<number[]> {
  try {
    const names = await readdir(dir);
    return names.flatMap((name) => {
      const match = leaseFile.exec(name);
      return match ? [Number(match[1])] : [];
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function highestEpoch(dir: string): Promise<number> {
  return Math.max(0, ...(await epochs(dir)));
}

/** The highest epoch's state, or undefined when the job was never claimed. */
export async function readLease(dir: string): Promise<LeaseState | undefined> {
  // The highest file is never deleted, but the one we listed may be superseded and deleted
  // before we read it; list again then.
  for (let attempt = 0; attempt < 20; attempt++) {
    const epoch = await highestEpoch(dir);
    if (epoch === 0) return undefined;
    try {
      return JSON.parse(await readFile(leasePath(dir, epoch), 'utf8')) as LeaseState;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw new Error(`lease of ${dir} kept changing while being read`);
}

/** True when `state` is held by someone and not yet expired at `now`. */
export function isLive(state: LeaseState | undefined, now = Date.now()): boolean {
  return state !== undefined && state.owner !== null && Date.parse(state.expires_at) > now;
}

/** Creates epoch `epoch`; true only if we created it and it is still the highest. */
async function createEpoch(dir: string, state: LeaseState): Promise<boolean> {
  if (!(await createFileAtomic(leasePath(dir, state.epoch), JSON.stringify(state)))) return false;
  if ((await highestEpoch(dir)) > state.epoch) return false;
  // Best effort: older epochs are history now (and a higher one exists, so deleting is safe).
  for (const old of await epochs(dir)) {
    if (old < state.epoch) await unlink(leasePath(dir, old)).catch(() => {});
  }
  return true;
}

function expiry(leaseMs: number): string {
  return new Date(Date.now() + leaseMs).toISOString();
}

/**
 * Claims the job in `dir` for `owner` when nobody holds a live lease on it. Returns the held
 * lease, or undefined when it is held or another claimant won the race.
 */
export async function tryAcquire(
  dir: string,
  owner: string,
  leaseMs: number,
): Promise<HeldLease | undefined> {
  const current = await readLease(dir);
  if (isLive(current)) return undefined;
  const state = { epoch: (current?.epoch ?? 0) + 1, owner, expires_at: expiry(leaseMs) };
  return (await createEpoch(dir, state)) ? { dir, ...state } : undefined;
}

/** Extends a held lease; undefined means it was lost (someone took over after it expired). */
export async function renewLease(lease: HeldLease, leaseMs: number): Promise<HeldLease | undefined> {
  const state = { epoch: lease.epoch + 1, owner: lease.owner, expires_at: expiry(leaseMs) };
  return (await createEpoch(lease.dir, state)) ? { dir: lease.dir, ...state } : undefined;
}

/** Gives the job up so that any runner may claim it at once; false if it was already lost. */
export async function releaseLease(lease: HeldLease): Promise<boolean> {
  const state = { epoch: lease.epoch + 1, owner: null, expires_at: new Date(0).toISOString() };
  return createEpoch(lease.dir, state);
}

/** True while `lease` is still the highest epoch (nobody took over). */
export async function holdsLease(lease: HeldLease): Promise<boolean> {
  return (await highestEpoch(lease.dir)) === lease.epoch;
}
