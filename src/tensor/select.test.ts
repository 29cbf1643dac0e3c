import { describe, expect, it } from 'vitest';
import {
  BACKEND_ORDER,
  type BackendCandidate,
  type BackendName,
  chooseBackend,
  parseBackendName,
  TensorBackendError,
} from './select.ts';

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

/** Fake candidates: the ones named in `working` load, the others throw "<name> is missing". */
function fakes(working: BackendName[], loaded: BackendName[] = []): BackendCandidate[] {
  return BACKEND_ORDER.map((name) => ({
    name,
    load: async () => {
      loaded.push(name);
      if (!working.includes(name)) throw new Error(`${name} is missing\nsecond line of a native stack`);
      return { threads: 1 };
    },
  }));
}

describe('chooseBackend', () => {
  it('tries in order, logs each failure with its reason, and stops at the first that loads', async () => {
    const { lines, logger } = recorder();
    const loaded: BackendName[] = [];
    const choice = await chooseBackend(fakes(['wasm', 'cpu'], loaded), { logger });
    expect(choice.name).toBe('wasm');
    expect(loaded).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm']);
    expect(choice.tried).toEqual([
      { name: 'tensorflow-gpu', ok: false, reason: 'tensorflow-gpu is missing' },
      { name: 'webgpu', ok: false, reason: 'webgpu is missing' },
      { name: 'tensorflow', ok: false, reason: 'tensorflow is missing' },
      { name: 'wasm', ok: true },
    ]);
    expect(lines.map((l) => [l.level, l.obj['tensorBackend']])).toEqual([
      ['warn', 'tensorflow-gpu'],
      ['warn', 'webgpu'],
      ['warn', 'tensorflow'],
      ['info', 'wasm'],
    ]);
    expect(lines[0]?.obj['reason']).toBe('tensorflow-gpu is missing');
  });

  it('loads only the forced backend', async () => {
    const loaded: BackendName[] = [];
    const choice = await chooseBackend(fakes(['wasm', 'cpu'], loaded), {
      force: 'cpu',
      logger: recorder().logger,
    });
    expect(choice).toMatchObject({ name: 'cpu', tried: [{ name: 'cpu', ok: true }] });
    expect(loaded).toEqual(['cpu']);
  });

  it('does not fall back when the forced backend fails', async () => {
    const loaded: BackendName[] = [];
    const { lines, logger } = recorder();
    const error = await chooseBackend(fakes(['wasm', 'cpu'], loaded), {
      force: 'tensorflow',
      forcedBy: 'MODELGYM_BACKEND',
      logger,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TensorBackendError);
    expect((error as Error).message).toBe(
      'tensor backend "tensorflow" (forced by MODELGYM_BACKEND) could not be loaded: tensorflow is missing',
    );
    expect((error as TensorBackendError).backend).toBe('tensorflow');
    expect(loaded).toEqual(['tensorflow']);
    expect(lines).toHaveLength(1);
  });

  it('fails with every reason when nothing loads', async () => {
    const error = await chooseBackend(fakes([]), { logger: recorder().logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TensorBackendError);
    expect((error as TensorBackendError).tried).toHaveLength(BACKEND_ORDER.length);
  });
});

describe('parseBackendName', () => {
  it('reads names, case and spaces aside; unset, empty and auto select automatically', () => {
    expect(parseBackendName(' WASM ')).toBe('wasm');
    expect(parseBackendName('tensorflow-gpu')).toBe('tensorflow-gpu');
    expect(parseBackendName(undefined)).toBeUndefined();
    expect(parseBackendName('')).toBeUndefined();
    expect(parseBackendName('auto')).toBeUndefined();
  });

  it('rejects unknown names, listing the valid ones', () => {
    expect(() => parseBackendName('gpu')).toThrow(
      'MODELGYM_BACKEND="gpu" is not a tensor backend; use one of tensorflow-gpu, webgpu, tensorflow, wasm, cpu or auto',
    );
  });
});
