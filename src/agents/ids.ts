/** Ids of agents and external envs: sortable by creation, unguessable, valid store ids. @module */
import { randomBytes } from 'node:crypto';

/** `<prefix>-<ms since epoch, base36, 9 digits><8 random hex>`. */
export function newId(prefix: 'ag' | 'xe'): string {
  return `${prefix}-${Date.now().toString(36).padStart(9, '0')}${randomBytes(4).toString('hex')}`;
}
