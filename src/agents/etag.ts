/**
 * An agent's ETag and `If-Match` checks. The ETag combines the record's revision, the latest model
 * version and the number of transition segments, so any change to what the agent is or knows
 * changes it.
 * @module
 */
import { PreconditionFailedError } from './errors.ts';

/** The agent's ETag: its record, latest version and transition segment count. */
export function agentEtag(docEtag: string, version: number, seq: number): string {
  return `"${docEtag.replaceAll('"', '')}.v${version}.s${seq}"`;
}

/** Throws a precondition error when `ifMatch` is given and is not the current ETag (or `*`). */
export function checkEtag(ifMatch: string | undefined, current: string): void {
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes('*') && !tags.includes(current)) throw new PreconditionFailedError(ifMatch, current);
}
