import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTensorBackend, resetTensorBackendForTesting, type TfModule } from './backend.ts';
import { importTf } from './loaders.ts';

/**
 * A dynamics-model-sized MLP (8 -> 32 relu -> 32 tanh -> 6) with fixed weights from a small LCG, so
 * that every backend sees the same numbers.
 */
const SIZES = [8, 32, 32, 6] as const;
const BATCH = 64;
/** Relative tolerance between backends: |a - b| <= TOL (1 + |b|), float32 sums of 32 terms. */
const TOL = 1e-5;

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

function fixedParams() {
  const next = lcg(42);
  const fill = (n: number, scale: number) => Float32Array.from({ length: n }, () => next() * scale);
  const layers = [];
  for (let i = 0; i + 1 < SIZES.length; i++) {
    const fanIn = SIZES[i]!;
    const fanOut = SIZES[i + 1]!;
    layers.push({ w: fill(fanIn * fanOut, 2 / Math.sqrt(fanIn)), b: fill(fanOut, 0.2), fanIn, fanOut });
  }
  return { layers, x: fill(BATCH * SIZES[0], 4) };
}

const params = fixedParams();

/** The forward pass in float64 JS, as the reference. */
function reference(): Float64Array {
  let h = Float64Array.from(params.x);
  let rows = BATCH;
  params.layers.forEach((layer, li) => {
    const out = new Float64Array(rows * layer.fanOut);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < layer.fanOut; j++) {
        let sum = layer.b[j]!;
        for (let k = 0; k < layer.fanIn; k++) sum += h[r * layer.fanIn + k]! * layer.w[k * layer.fanOut + j]!;
        out[r * layer.fanOut + j] = li === 0 ? Math.max(0, sum) : li === 1 ? Math.tanh(sum) : sum;
      }
    }
    h = out;
    rows = BATCH;
  });
  return h;
}

/** Builds the MLP's tensors on the active backend; `forward` is tidy'd, `dispose` frees the weights. */
function mlpOn(tf: TfModule) {
  const weights = params.layers.map((l) => ({
    w: tf.tensor2d(l.w, [l.fanIn, l.fanOut]),
    b: tf.tensor1d(l.b),
  }));
  const forward = (x: ReturnType<TfModule['tensor2d']>) =>
    tf.tidy(() => {
      const [l0, l1, l2] = weights;
      const h1 = tf.relu(tf.add(tf.matMul(x, l0!.w), l0!.b));
      const h2 = tf.tanh(tf.add(tf.matMul(h1, l1!.w), l1!.b));
      return tf.add(tf.matMul(h2, l2!.w), l2!.b);
    });
  return { forward, dispose: () => tf.dispose(weights.flatMap((l) => [l.w, l.b])) };
}

async function outputOn(backend: 'wasm' | 'cpu'): Promise<Float32Array> {
  resetTensorBackendForTesting();
  const info = await initTensorBackend({ force: backend });
  expect(info.tfBackend).toBe(backend);
  const tf = await importTf();
  const mlp = mlpOn(tf);
  const x = tf.tensor2d(params.x, [BATCH, SIZES[0]]);
  const y = mlp.forward(x);
  const values = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  mlp.dispose();
  return values;
}

function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (1 + Math.abs(b[i]!)));
  return worst;
}

describe('the same MLP on wasm and cpu', () => {
  let previous: string | undefined;
  beforeAll(async () => {
    previous = (await importTf()).getBackend();
  });
  afterAll(async () => {
    resetTensorBackendForTesting();
    if (previous) await (await importTf()).setBackend(previous);
  });

  it(`agrees within ${TOL} relative, and both agree with float64`, async () => {
    const wasm = await outputOn('wasm');
    const cpu = await outputOn('cpu');
    const ref = reference();
    expect(wasm).toHaveLength(BATCH * SIZES[3]);
    expect(maxRelativeError(wasm, cpu)).toBeLessThanOrEqual(TOL);
    expect(maxRelativeError(wasm, ref)).toBeLessThanOrEqual(TOL);
    expect(maxRelativeError(cpu, ref)).toBeLessThanOrEqual(TOL);
  });

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`leaks no tensors over 100 tidy'd forward passes on ${backend}`, async () => {
      resetTensorBackendForTesting();
      await initTensorBackend({ force: backend });
      const tf = await importTf();
      const mlp = mlpOn(tf);
      const x = tf.tensor2d(params.x, [BATCH, SIZES[0]]);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 100; i++) {
        const y = mlp.forward(x);
        await y.data();
        y.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose(x);
      mlp.dispose();
    });
  }
});
