import type { EnvDefinition } from './env.ts';
import { UnknownEnvError } from './errors.ts';

/** Gymnasium's env id grammar: `[namespace/]name[-vN]`. */
const envIdPattern = /^(?:(?<namespace>[\w:.-]+)\/)?(?<name>[\w:.-]+?)(?:-v(?<version>\d+))?$/;

/** The parts of an env id. */
export interface ParsedEnvId {
  namespace: string | undefined;
  name: string;
  version: number | undefined;
}

/** Splits an id as Gymnasium does; throws RangeError when it does not follow the grammar. */
export function parseEnvId(id: string): ParsedEnvId {
  const match = envIdPattern.exec(id);
  if (!match?.groups) throw new RangeError(`malformed env id "${id}": expected [namespace/]Name-vN`);
  const { namespace, name, version } = match.groups;
  return { namespace, name: name!, version: version === undefined ? undefined : Number(version) };
}

/** Every env id -> its definition. Registration order is the listing order. */
export class EnvRegistry {
  readonly #envs = new Map<string, EnvDefinition>();

  /** Adds an env; ids are unique and must follow Gymnasium's grammar with a version. */
  register(def: EnvDefinition): void {
    if (parseEnvId(def.id).version === undefined)
      throw new RangeError(`env id "${def.id}" needs a -vN version`);
    if (this.#envs.has(def.id)) throw new RangeError(`env id "${def.id}" is already registered`);
    this.#envs.set(def.id, def as EnvDefinition);
  }

  /** The env with this id, or {@link UnknownEnvError} naming the registered versions of the same name. */
  get(id: string): EnvDefinition {
    const def = this.#envs.get(id);
    if (def) return def;
    throw new UnknownEnvError(id, this.#suggest(id));
  }

  /** All registered envs. */
  list(): EnvDefinition[] {
    return [...this.#envs.values()];
  }

  get size(): number {
    return this.#envs.size;
  }

  #suggest(id: string): string | undefined {
    let wanted: ParsedEnvId;
    try {
      wanted = parseEnvId(id);
    } catch {
      return undefined;
    }
    const sameName = this.list()
      .map((d) => ({ id: d.id, parsed: parseEnvId(d.id) }))
      .filter((d) => d.parsed.name.toLowerCase() === wanted.name.toLowerCase())
      .filter((d) => d.parsed.namespace === wanted.namespace || wanted.namespace === undefined);
    sameName.sort((a, b) => (b.parsed.version ?? 0) - (a.parsed.version ?? 0));
    return sameName[0]?.id;
  }
}
