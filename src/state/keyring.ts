import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** An AES-256 key with the id written into every token it seals. */
export interface StateKey {
  readonly id: string;
  readonly key: Buffer;
}

/** The keys a server can open tokens with; `current` seals new ones. */
export class Keyring {
  readonly #byId: Map<string, StateKey>;

  constructor(
    readonly current: StateKey,
    previous: readonly StateKey[] = [],
  ) {
    this.#byId = new Map([current, ...previous].map((k) => [k.id, k]));
  }

  /** The key with this id, if the server has it. */
  get(id: string): StateKey | undefined {
    return this.#byId.get(id);
  }
}

/** Builds a key from 32 raw bytes; its id is a digest prefix, so equal keys get equal ids on every replica. */
export function stateKeyFromBytes(key: Buffer): StateKey {
  if (key.length !== 32) throw new RangeError(`a state key has 32 bytes, got ${key.length}`);
  return { id: `k${createHash('sha256').update(key).digest('hex').slice(0, 12)}`, key };
}

/** Derives the key from a shared secret (`MODELGYM_SECRET`) with HKDF-SHA256. */
export function stateKeyFromSecret(secret: string): StateKey {
  if (secret.length < 16) throw new RangeError('MODELGYM_SECRET must be at least 16 characters long');
  const key = Buffer.from(hkdfSync('sha256', secret, 'modelgym-state', 'aes-256-gcm v1', 32));
  return stateKeyFromBytes(key);
}

/**
 * Reads the key file in `dataDir`, creating it on first use. Creation writes a temp file and
 * hard-links it into place: the link fails if another process won the race, and no reader can
 * ever see a half-written key.
 */
export async function loadOrCreateKeyFile(dataDir: string): Promise<StateKey> {
  const dir = join(dataDir, 'keys');
  const path = join(dir, 'state.key');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(temp);
  }
  const hex = (await readFile(path, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${path} is not a 64-hex-digit key`);
  return stateKeyFromBytes(Buffer.from(hex, 'hex'));
}

/** The keyring from `MODELGYM_SECRET` when set, otherwise from the key file in the data dir. */
export async function loadKeyring(options: {
  secret?: string | undefined;
  dataDir: string;
}): Promise<Keyring> {
  const key = options.secret
    ? stateKeyFromSecret(options.secret)
    : await loadOrCreateKeyFile(options.dataDir);
  return new Keyring(key);
}
