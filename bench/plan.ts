/**
 * `npm run bench -- plan`: milliseconds per planned action through a probabilistic ensemble
 * (5 members of 3 x 200 SiLU layers, Pendulum-v1 sizes: 3 observation + 1 action inputs), for the
 * iCEM budget (population 100, 5 particles, horizon 15, 3 iterations; decay 1 so every iteration
 * has the full population) and the PETS budget (CEM, population 500, 20 particles, horizon 30,
 * 5 iterations), both TS-inf with the env's known reward. Next to them, in the same run: the
 * fastest plain matMuls of exactly the same sizes on the same backend (weights and inputs
 * resident, no upload, activation or read-back: the backend's practical ceiling for this work),
 * and the time inside the model's step calls, so the report can say where time goes.
 */
import { pendulum } from '../src/envs/classic-control/index.ts';
import type { EnvDefinition } from '../src/envs/env.ts';
import { createEnsemble, type Ensemble } from '../src/models/ensemble.ts';
import type { DynamicsLayout } from '../src/models/layout.ts';
import { serializeEnsemble } from '../src/models/serialize.ts';
import { ensembleRolloutModel } from '../src/planners/ensemble-model.ts';
import { trajectoryEvaluator } from '../src/planners/evaluator.ts';
import { FastNormal } from '../src/planners/fast-normal.ts';
import { createPlanner, type PlannerConfig } from '../src/planners/index.ts';
import { defaultShardWorkers, ShardPool } from '../src/planners/parallel/shard-pool.ts';
import type { PlanContext } from '../src/planners/planner.ts';
import type { ModelStepInput, RolloutModel } from '../src/planners/rollout-model.ts';
import type { EvaluatorSpec } from '../src/planners/spec.ts';
import { Generator } from '../src/rng/generator.ts';
import { initTensorBackend } from '../src/tensor/backend.ts';
import { round } from './stats.ts';

const LAYOUT: DynamicsLayout = {
  obsDim: 3,
  action: { kind: 'box', dim: 1 },
  learnedReward: false,
  learnedTermination: false,
};
const HIDDEN = [200, 200, 200];
const MEMBERS = 5;

interface Budget {
  name: string;
  planner: PlannerConfig & { horizon: number };
  particles: number;
  actions: number;
}

/** A model that times its own step calls and counts the rows it was asked for. */
function timed(model: RolloutModel): RolloutModel & { ms: number; rows: number } {
  const t = {
    ...model,
    ms: 0,
    rows: 0,
    step(input: ModelStepInput) {
      const start = performance.now();
      const out = model.step(input);
      t.ms += performance.now() - start;
      t.rows += input.n;
      return out;
    },
  };
  return t;
}

/** FLOPs of one row through one member (multiply-adds x 2; bias and activations not counted). */
function flopsPerRow(): number {
  const dims = [4, ...HIDDEN, 6];
  let f = 0;
  for (let i = 0; i + 1 < dims.length; i++) f += 2 * dims[i]! * dims[i + 1]!;
  return f;
}

async function planBudget(ens: Ensemble, budget: Budget, pool?: ShardPool) {
  const env = pendulum as EnvDefinition<unknown, Float32Array>;
  const params = env.params(env.defaultKwargs);
  const model = timed(ensembleRolloutModel(ens, LAYOUT));
  const evaluator = trajectoryEvaluator({
    model,
    particles: budget.particles,
    propagation: 'tsinf',
    reward: (o, a, n2, n) => env.batched.reward(o, a, n2, n, params),
    ...(pool ? { shards: pool.capacity + 1, runner: pool } : {}),
  });
  const planner = createPlanner(budget.planner, {
    kind: 'box',
    low: Float32Array.of(-2),
    high: Float32Array.of(2),
  });
  const noise = new FastNormal(Generator.fromSeed(0));
  const obs = Float32Array.of(-1, 0, 0);
  let context: PlanContext | undefined;
  // One untimed call warms up kernels and allocations.
  planner.plan({ evaluate: evaluator.from(obs, noise), noise });
  model.ms = 0;
  model.rows = 0;
  const start = performance.now();
  for (let i = 0; i < budget.actions; i++) {
    context = planner.plan({ evaluate: evaluator.from(obs, noise), noise, context }).context;
  }
  const ms = (performance.now() - start) / budget.actions;
  const rowsPerAction = model.rows / budget.actions;
  // Rows of the shards run by workers are not seen by this thread's model: count them from the budget.
  const threads = pool ? pool.capacity + 1 : 1;
  const gflop = ((pool ? rowsPerAction * threads : rowsPerAction) * flopsPerRow()) / 1e9;
  model.dispose();
  return {
    msPerAction: ms,
    threads,
    modelStepMsPerAction: model.ms / budget.actions,
    rowsPerAction,
    gflopPerAction: gflop,
    gflops: gflop / (ms / 1000),
  };
}

/** The same matMuls (rows split over members as TS-inf does), resident tensors, nothing else. */
async function ceiling(ens: Ensemble, rowsPerMember: number, minMs: number) {
  const { tf } = ens;
  const dims = [4, ...HIDDEN, 6];
  const xs = dims.slice(0, -1).map((d) => tf.randomUniform([rowsPerMember, d]));
  const ws = dims.slice(0, -1).map((d, i) => tf.randomUniform([d, dims[i + 1]!]));
  const run = () => {
    const outs = [];
    for (let m = 0; m < MEMBERS; m++)
      for (let l = 0; l < ws.length; l++) outs.push(tf.matMul(xs[l]!, ws[l]!));
    outs[outs.length - 1]!.dataSync();
    for (const o of outs) o.dispose();
  };
  run();
  let reps = 0;
  const start = performance.now();
  while (reps < 3 || performance.now() - start < minMs) {
    run();
    reps++;
  }
  const ms = (performance.now() - start) / reps;
  for (const t of [...xs, ...ws]) t.dispose();
  return { rowsPerMember, gflops: (MEMBERS * rowsPerMember * flopsPerRow()) / 1e9 / (ms / 1000) };
}

export async function benchPlan(
  quick: boolean,
): Promise<{ json: Record<string, unknown>; markdown: string }> {
  const backend = await initTensorBackend();
  const ens = await createEnsemble(
    { inputDim: 4, outputDim: 3, hiddenSizes: HIDDEN, ensembleSize: MEMBERS },
    { seed: 0 },
  );
  const budgets: Budget[] = [
    {
      name: 'iCEM budget',
      planner: { type: 'icem', horizon: 15, population: 100, elites: 10, iterations: 3, decay: 1 },
      particles: 5,
      actions: quick ? 3 : 10,
    },
    {
      name: 'PETS budget',
      planner: { type: 'cem', horizon: 30, population: 500, elites: 50, iterations: 5 },
      particles: 20,
      actions: quick ? 1 : 2,
    },
  ];
  const { manifest, weights } = await serializeEnsemble(ens);
  const workers = defaultShardWorkers();
  const rows: Array<Record<string, unknown>> = [];
  for (const b of budgets) {
    const perMember = ((b.planner.population ?? 0) * b.particles) / MEMBERS;
    const c = await ceiling(ens, perMember, quick ? 300 : 1500);
    // The workers rebuild the same evaluator as planBudget's from this description.
    const spec: EvaluatorSpec = {
      model: { kind: 'ensemble', manifest, weights, layout: LAYOUT },
      known: { envId: 'Pendulum-v1' },
      particles: b.particles,
      propagation: 'tsinf',
    };
    const pool = workers > 0 ? await ShardPool.start(spec, workers, backend.name) : undefined;
    for (const p of pool ? [undefined, pool] : [undefined]) {
      const r = await planBudget(ens, b, p);
      // The ceiling scales with the threads doing the work (one matMul stream per thread).
      const ceilingGflops = c.gflops * r.threads;
      rows.push({
        budget: b.name,
        ...b.planner,
        particles: b.particles,
        ...r,
        ceilingGflops,
        ratio: r.gflops / ceilingGflops,
      });
    }
    await pool?.close();
  }
  ens.dispose();
  const json = { date: new Date().toISOString(), backend: backend.name, results: rows };
  const md = [
    `# Planning benchmark (${backend.name}, ${new Date().toISOString().slice(0, 10)})`,
    '',
    'Rerun: `npm run bench -- plan`. Ensemble of 5 x [200, 200, 200] SiLU, Pendulum-v1 sizes, TS-inf, known',
    'reward; ceiling = the same per-member 2-D matMuls on resident tensors in the same run, times the',
    'threads planning (with 2 threads: shards of the population in a worker thread with its own tfjs).',
    '',
    '| budget | threads | ms / action | model step ms / action (this thread) | GFLOP / action | GFLOP/s | ceiling GFLOP/s | ratio |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.budget} | ${r.threads} | ${round(r.msPerAction as number, 1)} | ${round(r.modelStepMsPerAction as number, 1)} | ` +
        `${round(r.gflopPerAction as number, 2)} | ${round(r.gflops as number, 1)} | ${round(r.ceilingGflops as number, 1)} | ` +
        `${round(r.ratio as number, 2)} |`,
    ),
    '',
  ].join('\n');
  return { json, markdown: md };
}
