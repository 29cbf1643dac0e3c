/**
 * `npm run bench -- sac`: SAC gradient updates per second (batch 256, [256, 256] networks, SB3's
 * update) with our tfjs update (src/agents/sac/update.ts, on the backend the server picks) against
 * the same update in PyTorch on the CPU (bench/sac_update_torch.py), for Pendulum's widths (3 / 1)
 * and HalfCheetah's (17 / 6). Runs alternate between the two, and each side's best run counts
 * (the least disturbed by other work on the machine). PyTorch runs with 1 thread (as our wasm
 * backend, which is single-threaded in Node) and with every core.
 *
 * The Python is `MODELGYM_TORCH_PYTHON`, else `python3`; it needs `torch` (`pip install torch`
 * in a venv). Without it the table reports ours alone.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createSacNetworks, disposeSacNetworks } from '../src/agents/sac/networks.ts';
import { createSacOptimizers, drawSacNoise, sacUpdate } from '../src/agents/sac/update.ts';
import { Generator } from '../src/rng/generator.ts';
import { initTensorBackend, loadTf } from '../src/tensor/backend.ts';
import { round } from './stats.ts';

const BATCH = 256;
const HIDDEN = 256;
const SHAPES = [
  { name: 'Pendulum (obs 3, act 1)', obs: 3, act: 1 },
  { name: 'HalfCheetah (obs 17, act 6)', obs: 17, act: 6 },
];

/** Milliseconds per update of ours over `n` updates (after a warm-up). */
async function oursMs(obs: number, act: number, n: number): Promise<number> {
  const tf = await loadTf();
  const rng = Generator.fromSeed(0);
  const net = createSacNetworks(
    tf,
    { obsDim: obs, actionDim: act, actorHidden: [HIDDEN, HIDDEN], criticHidden: [HIDDEN, HIDDEN] },
    rng,
    1,
  );
  const opt = createSacOptimizers(tf, 3e-4);
  const r = (k: number) => Float32Array.from({ length: k }, () => rng.uniform(-1, 1));
  const batch = {
    n: BATCH,
    obs: r(BATCH * obs),
    action: r(BATCH * act),
    reward: r(BATCH),
    nextObs: r(BATCH * obs),
    terminated: new Uint8Array(BATCH),
  };
  const settings = {
    gamma: 0.99,
    tau: 0.005,
    learningRate: 3e-4,
    targetUpdateInterval: 1,
    targetEntropy: -act,
  };
  const step = (k: number) => sacUpdate(tf, net, opt, settings, batch, drawSacNoise(rng, BATCH, act), k);
  for (let k = 0; k < 10; k++) step(k);
  const t0 = performance.now();
  for (let k = 0; k < n; k++) step(10 + k);
  const ms = (performance.now() - t0) / n;
  disposeSacNetworks(net);
  for (const o of Object.values(opt)) o.dispose();
  return ms;
}

/** PyTorch's milliseconds per update, or undefined without a Python that has torch. */
function torchMs(
  obs: number,
  act: number,
  threads: number,
  n: number,
): { ms: number; version: string } | undefined {
  const python = process.env.MODELGYM_TORCH_PYTHON ?? 'python3';
  const script = fileURLToPath(new URL('./sac_update_torch.py', import.meta.url));
  const out = spawnSync(
    python,
    [script, String(obs), String(act), String(BATCH), String(HIDDEN), String(threads), String(n)],
    {
      encoding: 'utf8',
    },
  );
  if (out.status !== 0) return undefined;
  const line = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as { ms_per_update: number; torch: string };
  return { ms: line.ms_per_update, version: line.torch };
}

export async function benchSac(quick: boolean): Promise<{ json: Record<string, unknown>; markdown: string }> {
  const backend = await initTensorBackend();
  const n = quick ? 20 : 200;
  const rounds = quick ? 1 : 3;
  const cores = availableParallelism();
  const rows = [];
  let torchVersion: string | undefined;
  for (const shape of SHAPES) {
    const ours: number[] = [];
    const t1: number[] = [];
    const tAll: number[] = [];
    for (let r = 0; r < rounds; r++) {
      ours.push(await oursMs(shape.obs, shape.act, n));
      const one = torchMs(shape.obs, shape.act, 1, n);
      const all = torchMs(shape.obs, shape.act, cores, n);
      if (one) t1.push(one.ms);
      if (all) tAll.push(all.ms);
      torchVersion ??= one?.version;
    }
    const best = (v: number[]) => (v.length === 0 ? null : Math.min(...v));
    const o = best(ours)!;
    const p1 = best(t1);
    const pAll = best(tAll);
    rows.push({
      shape: shape.name,
      oursMsPerUpdate: round(o, 2),
      oursUpdatesPerS: round(1000 / o, 1),
      torch1MsPerUpdate: p1 === null ? null : round(p1, 2),
      torchAllMsPerUpdate: pAll === null ? null : round(pAll, 2),
      ratioVsTorch1: p1 === null ? null : round(p1 / o, 2),
      ratioVsTorchAll: pAll === null ? null : round(pAll / o, 2),
    });
    process.stderr.write(
      `  ${shape.name}: ours ${round(o, 2)} ms, torch 1 thread ${p1} ms, ${cores} threads ${pAll} ms\n`,
    );
  }
  const json = {
    date: new Date().toISOString(),
    backend: backend.name,
    torch: torchVersion ?? null,
    cores,
    batch: BATCH,
    hidden: [HIDDEN, HIDDEN],
    rows,
  };
  const md = [
    `# SAC update speed (${backend.name} vs PyTorch ${torchVersion ?? '(not found)'} CPU, ${new Date().toISOString().slice(0, 10)})`,
    '',
    'Rerun: `MODELGYM_TORCH_PYTHON=<python with torch> npm run bench -- sac`. One SAC update (entropy, twin',
    `critics, actor, Polyak targets) at batch ${BATCH} with [${HIDDEN}, ${HIDDEN}] networks; best of ${rounds} runs of ${n} updates`,
    `each side. Ratio = PyTorch ms / ours ms (above 1: we are faster). Our wasm backend is single-threaded; PyTorch runs with 1 and ${cores} threads.`,
    '',
    `| shape | ours ms/update | ours updates/s | PyTorch 1 thread ms | ratio | PyTorch ${cores} threads ms | ratio |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.shape} | ${r.oursMsPerUpdate} | ${r.oursUpdatesPerS} | ${r.torch1MsPerUpdate ?? '-'} | ${r.ratioVsTorch1 ?? '-'} | ${r.torchAllMsPerUpdate ?? '-'} | ${r.ratioVsTorchAll ?? '-'} |`,
    ),
    '',
  ].join('\n');
  return { json, markdown: md };
}
