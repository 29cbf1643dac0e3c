import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test/helpers/store.ts';
import { openStore } from '../store/index.ts';
import { artifactBytes, loadVersion, saveVersion } from './versions.ts';

describe('agent versions', () => {
  const dir = useTempDir();

  it('round-trips named artifacts with their bytes and meta', async () => {
    const store = openStore(dir());
    const artifacts = {
      actor: { manifest: { layers: 2 }, bytes: Uint8Array.of(1, 2, 3), meta: { note: 'a' } },
      critics: { manifest: { layers: 3 }, bytes: Uint8Array.of(4) },
    };
    expect(await saveVersion(store, 'ag1', artifacts, 17)).toBe(1);
    const loaded = (await loadVersion(store, 'ag1'))!;
    expect(loaded.version).toBe(1);
    expect(loaded.record.transitions).toBe(17);
    expect(artifactBytes(loaded)).toEqual(artifacts);
  });

  it('reads a version stored before named artifacts as MPC dynamics and value', async () => {
    const store = openStore(dir());
    const weights = await store.putBlob(Uint8Array.of(9, 9));
    const valueWeights = await store.putBlob(Uint8Array.of(7));
    await store.appendVersion('agents', 'ag2', {
      manifest: { format: 'modelgym.ensemble' },
      weights,
      transitions: 400,
      validation_mse: [0.1, 0.2],
      value: { manifest: { v: 1 }, weights: valueWeights, validation_mse: [0.3], target_range: [-5, 0] },
      created_at: '2026-11-01T00:00:00.000Z',
    });
    const loaded = (await loadVersion(store, 'ag2'))!;
    expect(loaded.record.transitions).toBe(400);
    expect(artifactBytes(loaded)).toEqual({
      dynamics: {
        manifest: { format: 'modelgym.ensemble' },
        bytes: Uint8Array.of(9, 9),
        meta: { validation_mse: [0.1, 0.2] },
      },
      value: {
        manifest: { v: 1 },
        bytes: Uint8Array.of(7),
        meta: { validation_mse: [0.3], target_range: [-5, 0] },
      },
    });
  });

  it('has no version before the first save', async () => {
    expect(await loadVersion(openStore(dir()), 'ag3')).toBeUndefined();
  });
});
