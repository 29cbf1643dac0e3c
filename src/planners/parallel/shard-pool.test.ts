import { afterAll, describe, expect, it } from 'vitest';
import { createEnsemble } from '../../models/ensemble.ts';
import { serializeEnsemble } from '../../models/serialize.ts';
import { Generator } from '../../rng/generator.ts';
import { initTensorBackend } from '../../tensor/backend.ts';
import { FastNormal } from '../fast-normal.ts';
import { buildEvaluator, type EvaluatorSpec } from '../spec.ts';
import { ShardPool } from './shard-pool.ts';

describe('shard pool', () => {
  const pools: ShardPool[] = [];
  afterAll(async () => {
    for (const p of pools) await p.close();
  });

  it('scores shards in a worker thread exactly as the calling thread would', async () => {
    const backend = (await initTensorBackend()).name;
    const ens = await createEnsemble(
      { inputDim: 4, outputDim: 3, hiddenSizes: [16, 16], ensembleSize: 3 },
      { seed: 4 },
    );
    const { manifest, weights } = await serializeEnsemble(ens);
    ens.dispose();
    const spec: EvaluatorSpec = {
      model: {
        kind: 'ensemble',
        manifest,
        weights,
        layout: {
          obsDim: 3,
          action: { kind: 'box', dim: 1 },
          learnedReward: false,
          learnedTermination: false,
        },
      },
      known: { envId: 'Pendulum-v1' },
      particles: 4,
      propagation: 'tsinf',
    };
    const pool = await ShardPool.start(spec, 1, backend);
    pools.push(pool);
    const serial = await buildEvaluator(spec, { shards: 3 });
    const parallel = await buildEvaluator(spec, { shards: 3, runner: pool });
    const actions = Float32Array.from({ length: 50 * 10 }, (_, i) => Math.sin(i));
    const obs = Float32Array.of(1, 0, 0.5);
    const a = serial.evaluator.from(obs, new FastNormal(Generator.fromSeed(1)))(actions, 50);
    const b = parallel.evaluator.from(obs, new FastNormal(Generator.fromSeed(1)))(actions, 50);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(40);
    // Fewer candidates than shards: empty shards are skipped.
    const few = parallel.evaluator.from(obs, new FastNormal(Generator.fromSeed(2)))(
      actions.subarray(0, 20),
      2,
    );
    expect(few).toHaveLength(2);
    serial.dispose();
    parallel.dispose();
  });

  it('reports a worker that cannot build its evaluator', async () => {
    const spec: EvaluatorSpec = { model: { kind: 'env', env: { envId: 'NoSuchEnv-v0' } } };
    await expect(ShardPool.start(spec, 1, (await initTensorBackend()).name)).rejects.toThrow(/NoSuchEnv/);
  });
});
