/**
 * The grader credential: requests whose `X-Grader-Key` header equals the operator's
 * `MODELGYM_GRADER_KEY` may see the tasks the server drew (see `envs/task-options.ts`). Without a
 * configured key nobody can. Compared in constant time, so the key cannot be found byte by byte.
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';

/** The request header that carries the grader key. */
export const GRADER_KEY_HEADER = 'x-grader-key';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** A check of requests against `key` (always false when no key is configured). */
export function graderCheck(key: string | undefined): (c: Context) => boolean {
  if (key === undefined) return () => false;
  const expected = digest(key);
  return (c) => {
    const given = c.req.header(GRADER_KEY_HEADER);
    // Hashing first gives both sides one length, as timingSafeEqual needs.
    return given !== undefined && timingSafeEqual(digest(given), expected);
  };
}
