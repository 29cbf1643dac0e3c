/**
 * `npm run bench -- matmul`: how fast the active backend multiplies an ensemble's matrices: one
 * batched 3-D matMul [E, N, D] x [E, D, H] against a loop of E 2-D matMuls, the two ways a
 * probabilistic ensemble's layer can be evaluated on N = population x particles inputs (the
 * measurements in docs/tensor-backends.md).
 */
import { loadTf } from '../src/tensor/backend.ts';
import { round } from './stats.ts';

/** Sizes and timing budget of {@link benchMatmul}. */
export interface MatmulBenchOptions {
  /** E: ensemble members. */
  ensemble: number;
  /** N: rows per member (population x particles). */
  rows: number;
  /** D: inner dimension (layer input width). */
  inner: number;
  /** H: columns (layer output width). */
  cols: number;
  /** Untimed calls per variant first (default 2): kernel setup, allocation, JIT. */
  warmup?: number;
  /** Keep timing each variant until this long has passed (default 0.5 s)... */
  minSeconds?: number;
  /** ...or this many timed calls were made (default 200); at least 3 always. */
  maxReps?: number;
}

/** One variant's timing. */
export interface MatmulTiming {
  /** Timed calls. */
  reps: number;
  /** Mean wall time per call, result read back included. */
  msPerCall: number;
  /** 2 E N D H flops per call over that time. */
  gflops: number;
}

/** The result of {@link benchMatmul}. */
export interface MatmulBenchResult {
  /** tfjs backend it ran on. */
  backend: string;
  shape: { ensemble: number; rows: number; inner: number; cols: number };
  /** 2 E N D H. */
  flopsPerCall: number;
  /** One `tf.matMul` of the 3-D tensors. */
  batched: MatmulTiming;
  /** E `tf.matMul`s of 2-D slices (made before timing). */
  loop: MatmulTiming;
  /** batched GFLOP/s over loop GFLOP/s (> 1: batching pays). */
  batchedOverLoop: number;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/**
 * Times both variants on the active tensor backend (initialising it if needed). Every call runs in
 * `tf.tidy` and reads its result back with `await data()`, which also waits for GPU backends (on
 * which synchronous reads are slow or unsupported); inputs are disposed at the end.
 */
export async function benchMatmul(options: MatmulBenchOptions): Promise<MatmulBenchResult> {
  const ensemble = positiveInt('ensemble', options.ensemble);
  const rows = positiveInt('rows', options.rows);
  const inner = positiveInt('inner', options.inner);
  const cols = positiveInt('cols', options.cols);
  const warmup = options.warmup ?? 2;
  const minMs = (options.minSeconds ?? 0.5) * 1000;
  const maxReps = Math.max(3, options.maxReps ?? 200);
  const tf = await loadTf();

  const a = tf.randomUniform([ensemble, rows, inner], -1, 1, 'float32', 1);
  const b = tf.randomUniform([ensemble, inner, cols], -1, 1, 'float32', 2);
  const aSlices = tf.unstack(a);
  const bSlices = tf.unstack(b);
  const flopsPerCall = 2 * ensemble * rows * inner * cols;

  const batchedCall = async () => {
    const out = tf.tidy(() => tf.matMul(a, b));
    await out.data();
    out.dispose();
  };
  const loopCall = async () => {
    const outs = tf.tidy(() => aSlices.map((ai, i) => tf.matMul(ai, bSlices[i]!)));
    await Promise.all(outs.map((out) => out.data()));
    tf.dispose(outs);
  };
  const time = async (call: () => Promise<void>): Promise<MatmulTiming> => {
    for (let i = 0; i < warmup; i++) await call();
    let reps = 0;
    const start = performance.now();
    let elapsed = 0;
    while (reps < 3 || (elapsed < minMs && reps < maxReps)) {
      await call();
      reps++;
      elapsed = performance.now() - start;
    }
    const msPerCall = elapsed / reps;
    return { reps, msPerCall, gflops: flopsPerCall / (msPerCall * 1e6) };
  };

  try {
    const batched = await time(batchedCall);
    const loop = await time(loopCall);
    return {
      backend: tf.getBackend(),
      shape: { ensemble, rows, inner, cols },
      flopsPerCall,
      batched,
      loop,
      batchedOverLoop: batched.gflops / loop.gflops,
    };
  } finally {
    tf.dispose([a, b, ...aSlices, ...bSlices]);
  }
}

/** The sizes of docs/tensor-backends.md's table: E=5, N=500, D=200, H=200 (0.2 GFLOP per call). */
const SHAPE = { ensemble: 5, rows: 500, inner: 200, cols: 200 };

/** The `matmul` benchmark: {@link benchMatmul} at {@link SHAPE}, 3 s per variant (0.5 s quick). */
export async function benchMatmulReport(
  quick: boolean,
): Promise<{ json: Record<string, unknown>; markdown: string }> {
  const r = await benchMatmul({ ...SHAPE, minSeconds: quick ? 0.5 : 3, maxReps: 100_000 });
  const { ensemble: e, rows: n, inner: d, cols: h } = r.shape;
  const json = { date: new Date().toISOString(), ...r };
  const cell = (t: MatmulTiming) =>
    `${round(t.gflops, 2)} GFLOP/s (${round(t.msPerCall, 2)} ms, ${t.reps} calls)`;
  const markdown = [
    `# matMul benchmark (${r.backend}, ${json.date.slice(0, 10)})`,
    '',
    `Rerun: \`npm run bench -- matmul\`. E=${e}, N=${n}, D=${d}, H=${h}: ${round(r.flopsPerCall / 1e9, 2)} GFLOP per call;`,
    'mean of back-to-back calls, result read back with `await data()`.',
    '',
    `| backend | batched \`[${e},${n},${d}]x[${e},${d},${h}]\` | loop of ${e} \`[${n},${d}]x[${d},${h}]\` | batched / loop |`,
    '| --- | --- | --- | --- |',
    `| ${r.backend} | ${cell(r.batched)} | ${cell(r.loop)} | ${round(r.batchedOverLoop, 2)} |`,
    '',
  ].join('\n');
  return { json, markdown };
}
