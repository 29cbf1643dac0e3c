/**
 * Every agent family the service offers, listed once (as `planners/index.ts` lists planners):
 * `GET /v1/agent-types`, create, import and the jobs all read this list.
 * @module
 */
import { AgentArgumentError } from './errors.ts';
import type { AgentFamily } from './family.ts';
import { mbpoFamily } from './mbpo/family.ts';
import { mpcFamily } from './mpc/family.ts';
import { sacFamily } from './sac/family.ts';

/** The families, in the order `GET /v1/agent-types` lists them. */
export const AGENT_FAMILIES: readonly AgentFamily[] = [
  mpcFamily as AgentFamily,
  sacFamily as AgentFamily,
  mbpoFamily as AgentFamily,
];

/** The family of an agent type among `families` (default all); AgentArgumentError for an unknown one. */
export function familyOf(
  type: string,
  field = 'type',
  families: readonly AgentFamily[] = AGENT_FAMILIES,
): AgentFamily {
  const family = families.find((f) => f.type === type);
  if (!family) {
    const known = families.map((f) => f.type).join(', ');
    throw new AgentArgumentError(field, `unknown agent type "${type}"; one of ${known}`);
  }
  return family;
}
