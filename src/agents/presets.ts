/**
 * Presets by name, for every family's `resolveConfig`.
 * @module
 */
import { AgentArgumentError } from './errors.ts';

/** The preset called `name` (default `default`); AgentArgumentError listing the names otherwise. */
export function presetNamed<P extends { name: string }>(presets: readonly P[], name: string | undefined): P {
  const found = presets.find((p) => p.name === (name ?? 'default'));
  if (!found)
    throw new AgentArgumentError(
      'preset',
      `unknown preset "${name}"; one of ${presets.map((p) => p.name).join(', ')}`,
    );
  return found;
}
