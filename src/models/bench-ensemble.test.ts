import { describe, expect, it } from 'vitest';
import { loadTf } from '../tensor/backend.ts';
import { benchEnsembleForward } from './bench-ensemble.ts';

describe('benchEnsembleForward', () => {
  it('times the loop, the batched form and the input gradient, leaving no tensors', async () => {
    const tf = await loadTf();
    const before = tf.memory().numTensors;
    const r = await benchEnsembleForward({
      ensembleSize: 2,
      hiddenSizes: [8, 8],
      inputDim: 3,
      outputDim: 2,
      rows: 16,
      minSeconds: 0.01,
    });
    for (const t of [r.loop, r.batched, r.inputGradient]) {
      expect(t.reps).toBeGreaterThanOrEqual(3);
      expect(t.rowsPerSecond).toBeGreaterThan(0);
    }
    expect(r.backend).toBe(tf.getBackend());
    expect(tf.memory().numTensors).toBe(before);
  });
});
