import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendulumTransitions } from '../../test/helpers/pendulum-transitions.ts';
import { createEnsemble, type Ensemble } from './ensemble.ts';
import {
  deserializeEnsemble,
  EnsembleFormatError,
  type EnsembleManifest,
  serializeEnsemble,
} from './serialize.ts';
import { trainEnsemble } from './train.ts';

describe('ensemble serialisation', () => {
  const data = pendulumTransitions(300, 21);
  let ens: Ensemble;
  beforeAll(async () => {
    ens = await createEnsemble(
      { inputDim: 4, outputDim: 3, hiddenSizes: [16, 16], ensembleSize: 3 },
      { seed: 6 },
    );
    trainEnsemble(ens, data, { epochs: 1, batchSize: 50, seed: 1, numElites: 2 });
  });
  afterAll(() => ens.dispose());

  it('round-trips through bytes + JSON manifest with identical predictions', async () => {
    const { manifest, weights } = await serializeEnsemble(ens);
    // Through real JSON text, as the store keeps it.
    const parsed = JSON.parse(JSON.stringify(manifest)) as EnsembleManifest;
    expect(parsed.elites).toEqual(ens.elites);
    expect(parsed.config).toEqual({ ...ens.config, hiddenSizes: [16, 16] });
    expect(parsed.tensors.map((t) => t.name).slice(0, 3)).toEqual([
      'members/0/layers/0/w',
      'members/0/layers/0/b',
      'members/0/layers/1/w',
    ]);
    expect(weights.byteLength).toBe(3 * 4 * (4 * 16 + 16 + 16 * 16 + 16 + 16 * 6 + 6 + 3 + 3));
    const copy = await deserializeEnsemble(parsed, weights.slice());
    try {
      expect(copy.elites).toEqual(ens.elites);
      const a = await ens.predict(data.inputs, data.n);
      const b = await copy.predict(data.inputs, data.n);
      expect(b.means).toEqual(a.means);
      expect(b.logvars).toEqual(a.logvars);
      expect(await copy.params.inputStd.data()).toEqual(await ens.params.inputStd.data());
      // Serialising the copy gives the same bytes.
      const again = await serializeEnsemble(copy);
      expect(again.weights).toEqual(weights);
      expect(again.manifest).toEqual(parsed);
      // The copy is trainable.
      expect(copy.trainableVariables()).toHaveLength(ens.trainableVariables().length);
    } finally {
      copy.dispose();
    }
  });

  it('writes the same bytes and manifest as before params-io (format 2 is stable)', async () => {
    // SHA-256 of the weights and of the manifest's JSON, recorded at commit 90d0b42 (before the
    // shared params-io code). A fresh ensemble's weights are drawn in JavaScript, so these hold on
    // every backend; stored agent versions depend on them.
    const recorded = {
      probabilistic: [
        '39f433e6fe11cee859dd4bb648fd89f3521fa3c46d475833e0da31f28671ab1a',
        '5375b3df4847fb96d0d518836075fd27e461cb9b37d5aa87450c1d9c4ba94ebe',
      ],
      deterministic: [
        '9429c496977967e0027c9e19db2239c675c0f8b08ca1e7429276bbf8c66c0e48',
        '3fafb03721620598975c009cc55e590597f03646702e046c304898123e7037e9',
      ],
    };
    const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
    for (const deterministic of [false, true]) {
      const e = await createEnsemble(
        { inputDim: 5, outputDim: 2, hiddenSizes: [8, 6], ensembleSize: 2, deterministic },
        { seed: 11 },
      );
      try {
        const { manifest, weights } = await serializeEnsemble(e);
        expect([sha(weights), sha(JSON.stringify(manifest))]).toEqual(
          recorded[deterministic ? 'deterministic' : 'probabilistic'],
        );
      } finally {
        e.dispose();
      }
    }
  });

  it('round-trips a deterministic ensemble', async () => {
    const det = await createEnsemble({
      inputDim: 2,
      outputDim: 1,
      hiddenSizes: [4],
      ensembleSize: 2,
      deterministic: true,
    });
    const { manifest, weights } = await serializeEnsemble(det);
    const copy = await deserializeEnsemble(manifest, weights);
    const x = Float32Array.of(0.5, -1, 2, 3);
    expect((await copy.predict(x, 2)).means).toEqual((await det.predict(x, 2)).means);
    det.dispose();
    copy.dispose();
  });

  it('rejects inconsistent manifests and byte buffers', async () => {
    const { manifest, weights } = await serializeEnsemble(ens);
    const bad = (patch: (m: EnsembleManifest) => void, w = weights) => {
      const m = structuredClone(manifest);
      patch(m);
      return deserializeEnsemble(m, w);
    };
    await expect(bad(() => {}, weights.subarray(4))).rejects.toThrow(EnsembleFormatError);
    await expect(bad((m) => (m.format = 'x' as never))).rejects.toThrow(/format/);
    await expect(bad((m) => (m.tensors[0]!.shape = [16, 4]))).rejects.toThrow(/shape/);
    await expect(bad((m) => (m.tensors[1]!.offset = weights.byteLength))).rejects.toThrow(/byte range/);
    await expect(bad((m) => m.tensors.pop())).rejects.toThrow(/tensors/);
    await expect(bad((m) => (m.elites = [0, 0]))).rejects.toThrow(/elites/);
    await expect(bad((m) => (m.normaliser.mean = [1]))).rejects.toThrow(/normaliser/);
    await expect(bad((m) => (m.config.hiddenSizes = [16, 0]))).rejects.toThrow(/config/);
  });
});
