import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Keyring, loadKeyring, loadOrCreateKeyFile, stateKeyFromSecret } from './keyring.ts';
import { seal, unseal } from './seal.ts';

const keyring = new Keyring(stateKeyFromSecret('a test secret of enough length'));
const other = new Keyring(stateKeyFromSecret('another secret of enough length'));
const dirs: string[] = [];

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('seal / unseal', () => {
  it('round-trips bytes and hides them', () => {
    const plain = new TextEncoder().encode('goal at (0.3, -0.2)');
    const token = seal(plain, keyring);
    expect(token).toMatch(/^v1\.k[0-9a-f]{12}\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token.split('.')[2]!, 'base64url').includes(Buffer.from('goal'))).toBe(false);
    expect(Buffer.from(unseal(token, keyring)).toString()).toBe('goal at (0.3, -0.2)');
  });

  it('uses a fresh IV per token', () => {
    const plain = new Uint8Array([1, 2, 3]);
    expect(seal(plain, keyring)).not.toBe(seal(plain, keyring));
  });

  it('rejects every single-character change of the token', () => {
    const token = seal(new Uint8Array([9, 8, 7, 6, 5]), keyring);
    const data = token.split('.')[2]!;
    const prefix = token.slice(0, token.length - data.length);
    for (let i = 0; i < data.length; i++) {
      const flipped = data[i] === 'A' ? 'B' : 'A';
      const tampered = prefix + data.slice(0, i) + flipped + data.slice(i + 1);
      expect(() => unseal(tampered, keyring), `position ${i}`).toThrow(/tampered|malformed/);
    }
  });

  it('names what is wrong: unknown key, version, shape', () => {
    const token = seal(new Uint8Array([1]), other);
    expect(() => unseal(token, keyring)).toThrow(
      /sealed with key "k[0-9a-f]+", which this server does not have/,
    );
    expect(() => unseal(token.replace(/^v1/, 'v2'), other)).toThrow(/version "v2" is not supported/);
    expect(() => unseal('garbage', keyring)).toThrow(/malformed/);
    expect(() => unseal('v1.x.', keyring)).toThrow(/does not have/);
    expect(() => unseal(`v1.${keyring.current.id}.AAAA`, keyring)).toThrow(/malformed/);
  });

  it('authenticates the key id: moving a token under another id fails', () => {
    const token = seal(new Uint8Array([1]), keyring);
    const both = new Keyring(keyring.current, [other.current]);
    const moved = token.replace(keyring.current.id, other.current.id);
    expect(() => unseal(moved, both)).toThrow(/tampered/);
  });
});

describe('keys', () => {
  it('derives the same key from the same secret on every replica', () => {
    expect(stateKeyFromSecret('shared replica secret!').key).toEqual(
      stateKeyFromSecret('shared replica secret!').key,
    );
    expect(() => stateKeyFromSecret('short')).toThrow(/at least 16/);
  });

  it('creates the key file once and reuses it, even under concurrent start-ups', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'modelgym-keys-'));
    dirs.push(dir);
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateKeyFile(dir)));
    expect(new Set(keys.map((k) => k.id)).size).toBe(1);
    expect((await readFile(join(dir, 'keys', 'state.key'), 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    const again = await loadKeyring({ dataDir: dir });
    expect(again.current.id).toBe(keys[0]!.id);
  });

  it('prefers MODELGYM_SECRET over the key file', async () => {
    const ring = await loadKeyring({
      secret: 'a test secret of enough length',
      dataDir: '/nonexistent/never/created',
    });
    expect(ring.current.id).toBe(keyring.current.id);
  });
});
