import { afterAll, expect, it } from 'vitest';
import { benchMatmul } from '../../bench/matmul.ts';
import { initTensorBackend, resetTensorBackendForTesting } from '../../src/tensor/backend.ts';
import { importTf } from '../../src/tensor/loaders.ts';

afterAll(() => resetTensorBackendForTesting());

it('measures both variants on the active backend, leaking nothing', async () => {
  const info = await initTensorBackend({ env: {} });
  const tf = await importTf();
  const before = tf.memory().numTensors;
  const result = await benchMatmul({
    ensemble: 3,
    rows: 16,
    inner: 8,
    cols: 4,
    minSeconds: 0.01,
    maxReps: 5,
  });
  expect(tf.memory().numTensors).toBe(before);
  expect(result.backend).toBe(info.tfBackend);
  expect(result.flopsPerCall).toBe(2 * 3 * 16 * 8 * 4);
  for (const timing of [result.batched, result.loop]) {
    expect(timing.reps).toBeGreaterThanOrEqual(3);
    expect(timing.reps).toBeLessThanOrEqual(5);
    expect(timing.gflops).toBeGreaterThan(0);
    expect(Number.isFinite(timing.gflops)).toBe(true);
  }
  expect(result.batchedOverLoop).toBeCloseTo(result.batched.gflops / result.loop.gflops);
});

it('rejects sizes that are not positive integers', async () => {
  await expect(benchMatmul({ ensemble: 0, rows: 1, inner: 1, cols: 1 })).rejects.toThrow(RangeError);
});
