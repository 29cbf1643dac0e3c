import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.ts';

/** Why a token could not be opened; shown to the client in a 400 `invalid-state` problem. */
export class StateTokenError extends Error {
  override readonly name = 'StateTokenError';
}

const version = 'v1';

/**
 * IVs come from a pool refilled 1024 at a time: one `randomBytes` call per token was a
 * measurable share of a step. Each IV is still 96 fresh random bits, never reused.
 */
const ivPool = { bytes: Buffer.alloc(0), offset: 0 };

function nextIv(): Buffer {
  if (ivPool.offset + ivBytes > ivPool.bytes.length) {
    ivPool.bytes = randomBytes(ivBytes * 1024);
    ivPool.offset = 0;
  }
  const iv = ivPool.bytes.subarray(ivPool.offset, ivPool.offset + ivBytes);
  ivPool.offset += ivBytes;
  return iv;
}
const ivBytes = 12;
const tagBytes = 16;

/**
 * Seals bytes as `v1.<key id>.<base64url(iv | ciphertext | tag)>` with AES-256-GCM. The prefix
 * is authenticated as associated data, so changing the key id or version breaks the token.
 */
export function seal(plaintext: Uint8Array, keyring: Keyring): string {
  const { id, key } = keyring.current;
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const prefix = `${version}.${id}`;
  cipher.setAAD(Buffer.from(prefix));
  const body = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${prefix}.${body.toString('base64url')}`;
}

/** Opens a sealed token, or throws {@link StateTokenError} saying what is wrong with it. */
export function unseal(token: string, keyring: Keyring): Uint8Array {
  const parts = token.split('.');
  if (parts.length !== 3) throw new StateTokenError('state token is malformed (expected v1.<key id>.<data>)');
  const [ver, kid, data] = parts as [string, string, string];
  if (ver !== version)
    throw new StateTokenError(`state token version "${ver}" is not supported (expected ${version})`);
  const key = keyring.get(kid);
  if (!key)
    throw new StateTokenError(`state token was sealed with key "${kid}", which this server does not have`);
  const body = Buffer.from(data, 'base64url');
  if (body.length < ivBytes + tagBytes || body.toString('base64url') !== data) {
    throw new StateTokenError('state token is malformed (bad base64url data)');
  }
  const decipher = createDecipheriv('aes-256-gcm', key.key, body.subarray(0, ivBytes));
  decipher.setAAD(Buffer.from(`${ver}.${kid}`));
  decipher.setAuthTag(body.subarray(body.length - tagBytes));
  try {
    return Buffer.concat([decipher.update(body.subarray(ivBytes, body.length - tagBytes)), decipher.final()]);
  } catch {
    throw new StateTokenError('state token failed authentication (tampered or truncated)');
  }
}
