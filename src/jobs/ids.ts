/**
 * Job ids: `job_` + creation time + a per-process counter + randomness, so that sorting ids
 * sorts jobs by creation (the claim order and the listing order) and ids never collide across
 * replicas. Ids are also directory names, hence the strict pattern checked on every lookup.
 * @module
 */
import { randomBytes } from 'node:crypto';

const idPattern = /^job_[0-9a-z]{9}[0-9a-z]{4}[0-9a-f]{10}$/;

let lastTime = 0;
let counter = 0;

/** A new, unique, time-sortable job id. */
export function newJobId(now = Date.now()): string {
  // The counter keeps ids made in the same millisecond by this process in creation order.
  if (now === lastTime) counter += 1;
  else {
    lastTime = now;
    counter = 0;
  }
  const time = now.toString(36).padStart(9, '0');
  const seq = (counter % 36 ** 4).toString(36).padStart(4, '0');
  return `job_${time}${seq}${randomBytes(5).toString('hex')}`;
}

/** True when `id` is shaped like a job id (and so is safe to use as a path segment). */
export function isJobId(id: string): boolean {
  return idPattern.test(id);
}
