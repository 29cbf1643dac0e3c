import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKEND_ORDER,
  initTensorBackend,
  loadTf,
  resetTensorBackendForTesting,
  TensorBackendError,
  tensorBackendInfo,
} from './backend.ts';
import { importTf, libVulkanFound } from './loaders.ts';

function recorder() {
  const lines: { level: 'info' | 'warn'; obj: Record<string, unknown>; msg: string }[] = [];
  return {
    lines,
    logger: {
      info: (obj: object, msg: string) => lines.push({ level: 'info', obj: { ...obj }, msg }),
      warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj: { ...obj }, msg }),
    },
  };
}

function resolvable(pkg: string): boolean {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

// A machine like CI: no native TensorFlow packages and no Vulkan loader (so no WebGPU adapter).
const noGpuStack =
  !resolvable('@tensorflow/tfjs-node-gpu') &&
  !resolvable('@tensorflow/tfjs-node') &&
  libVulkanFound() === false;

// Automatic selection here must not depend on the developer's shell.
const noForce = { env: {} };

describe('initTensorBackend', () => {
  let previous: string | undefined;

  beforeEach(async () => {
    resetTensorBackendForTesting();
    previous = (await importTf()).getBackend();
  });

  afterEach(async () => {
    resetTensorBackendForTesting();
    const tf = await importTf();
    if (previous && tf.getBackend() !== previous) await tf.setBackend(previous);
  });

  it('falls back past the backends that do not load and logs every attempt', async () => {
    const { lines, logger } = recorder();
    const info = await initTensorBackend({ ...noForce, logger });
    const index = BACKEND_ORDER.indexOf(info.name);
    expect(info.tried.map((t) => t.name)).toEqual(BACKEND_ORDER.slice(0, index + 1));
    for (const attempt of info.tried.slice(0, -1)) {
      expect(attempt.ok).toBe(false);
      expect(attempt.reason).toMatch(/\S/);
    }
    expect(info.tried.at(-1)).toEqual({ name: info.name, ok: true });
    // Wherever wasm works, selection never ends at the slow JS backend.
    expect(info.name).not.toBe('cpu');
    expect(info.forced).toBe(false);
    expect(info.tfVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect((await importTf()).getBackend()).toBe(info.tfBackend);

    const warns = lines.filter((l) => l.level === 'warn' && l.msg.endsWith('unavailable'));
    expect(warns.map((l) => [l.obj['tensorBackend'], l.obj['reason']])).toEqual(
      info.tried.slice(0, -1).map((t) => [t.name, t.reason]),
    );
    const infos = lines.filter((l) => l.level === 'info');
    expect(infos).toHaveLength(1);
    expect(infos[0]?.obj['tensorBackend']).toBe(info.name);
  });

  it.runIf(noGpuStack)(
    'ends at single-threaded SIMD wasm on a machine without native TF or Vulkan',
    async () => {
      const info = await initTensorBackend(noForce);
      expect(info).toMatchObject({ name: 'wasm', tfBackend: 'wasm', threads: 1, simd: true });
      expect(info.tried).toEqual([
        { name: 'tensorflow-gpu', ok: false, reason: '@tensorflow/tfjs-node-gpu is not installed' },
        { name: 'webgpu', ok: false, reason: expect.stringContaining('libvulkan.so.1 not found') },
        { name: 'tensorflow', ok: false, reason: '@tensorflow/tfjs-node is not installed' },
        { name: 'wasm', ok: true },
      ]);
    },
  );

  it('is idempotent: later and concurrent calls get the same info', async () => {
    const [a, b] = await Promise.all([initTensorBackend(noForce), initTensorBackend(noForce)]);
    expect(b).toBe(a);
    expect(await initTensorBackend(noForce)).toBe(a);
    expect(tensorBackendInfo()).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('forcing cpu gives cpu, through options or MODELGYM_BACKEND', async () => {
    const info = await initTensorBackend({ force: 'cpu' });
    expect(info).toMatchObject({
      name: 'cpu',
      tfBackend: 'cpu',
      forced: true,
      tried: [{ name: 'cpu', ok: true }],
    });
    expect((await importTf()).getBackend()).toBe('cpu');

    resetTensorBackendForTesting();
    await expect(initTensorBackend({ env: { MODELGYM_BACKEND: 'CPU' } })).resolves.toMatchObject({
      name: 'cpu',
    });
  });

  it.runIf(!resolvable('@tensorflow/tfjs-node'))(
    'forcing an unavailable backend throws an error naming it, without falling back',
    async () => {
      const { lines, logger } = recorder();
      const before = (await importTf()).getBackend();
      const error = await initTensorBackend({ env: { MODELGYM_BACKEND: 'tensorflow' }, logger }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TensorBackendError);
      expect((error as Error).message).toMatch(
        /^tensor backend "tensorflow" \(forced by MODELGYM_BACKEND\) could not be loaded: @tensorflow\/tfjs-node/,
      );
      expect(lines.map((l) => l.level)).toEqual(['warn']);
      expect((await importTf()).getBackend()).toBe(before);
      expect(tensorBackendInfo()).toBeUndefined();
      // The failure is not remembered: a later start may choose again.
      await expect(initTensorBackend({ force: 'cpu' })).resolves.toMatchObject({ name: 'cpu' });
    },
  );

  it.runIf(noGpuStack)(
    'forcing webgpu without Vulkan throws naming webgpu and the missing library',
    async () => {
      await expect(initTensorBackend({ force: 'webgpu' })).rejects.toThrow(
        /^tensor backend "webgpu" \(forced by options\.force\) could not be loaded: Dawn found no WebGPU adapter: libvulkan\.so\.1 not found/,
      );
    },
  );

  it('rejects an unknown name and a switch after the choice', async () => {
    await expect(initTensorBackend({ force: 'cuda' })).rejects.toThrow(
      /options\.force="cuda" is not a tensor backend/,
    );
    const info = await initTensorBackend({ force: 'cpu' });
    await expect(initTensorBackend({ force: 'wasm' })).rejects.toThrow(
      'tensor backend already initialised as "cpu"; cannot switch to "wasm" (options.force)',
    );
    await expect(initTensorBackend({ force: 'cpu' })).resolves.toBe(info);
  });

  it('loadTf returns tfjs with the backend ready', async () => {
    const tf = await loadTf({ force: 'cpu' });
    const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])));
    expect(Array.from(await sum.data())).toEqual([4, 6]);
    sum.dispose();
  });
});
