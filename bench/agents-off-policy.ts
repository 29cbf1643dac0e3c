/**
 * The off-policy agents' learning scenarios of `npm run bench -- agents` (SAC, MBPO): each runs
 * the family's real `learn` job handler in process, once per training seed, and evaluates every
 * version it stored (a checkpoint every 1,000 env steps) on evaluation seeds 0-4 with the greedy
 * policy, so the table shows the return at the issue's budgets (e.g. SAC at 5,000 and 20,000
 * steps) from one run. MBPO runs also add up the time of their model fits and rollouts (the rest
 * is env steps and SAC updates).
 * @module
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { evaluateAgent } from '../src/agents/evaluation.ts';
import { familyOf } from '../src/agents/families.ts';
import type { CreateAgent } from '../src/agents/service.ts';
import { loadVersion } from '../src/agents/versions.ts';
import type { JobContext } from '../src/jobs/types.ts';
import { benchWorkspace } from './agent-workspace.ts';
import { round } from './stats.ts';

/** One scenario: a family on an env with a budget, for several training seeds. */
export interface OffPolicyScenario {
  name: string;
  type: string;
  envId: string;
  preset: string;
  config: Record<string, unknown>;
  /** Where the training seed goes in the config (`['seed']` for SAC, `['sac', 'seed']` for MBPO). */
  seedPath: string[];
  steps: number;
  seeds: number[];
  /** Budgets (env steps) whose version's evaluation the table shows. */
  report: number[];
  target: { steps: number; threshold: number; what: string };
}

export const OFF_POLICY_SCENARIOS: OffPolicyScenario[] = [
  {
    name: 'sac-pendulum',
    type: 'sac',
    envId: 'Pendulum-v1',
    preset: 'pendulum',
    config: {},
    seedPath: ['seed'],
    steps: 20_000,
    seeds: [0, 1, 2],
    report: [5000, 20_000],
    target: {
      steps: 20_000,
      threshold: -200,
      what: 'mean of 5 evaluation episodes (seeds 0-4) >= -200 within 20,000 steps, each training seed',
    },
  },
  {
    name: 'mbpo-pendulum',
    type: 'mbpo',
    envId: 'Pendulum-v1',
    preset: 'pendulum',
    config: {},
    seedPath: ['sac', 'seed'],
    steps: 5000,
    seeds: [0, 1, 2],
    report: [1000, 2000, 3000, 5000],
    target: {
      steps: 5000,
      threshold: -200,
      what: 'mean of 5 evaluation episodes (seeds 0-4) >= -200 within 5,000 steps, each training seed',
    },
  },
  {
    name: 'mbpo-inverted-pendulum',
    type: 'mbpo',
    envId: 'InvertedPendulum-v5',
    preset: 'inverted-pendulum',
    config: {},
    seedPath: ['sac', 'seed'],
    steps: 5000,
    seeds: [0],
    report: [1000, 2000, 3000, 5000],
    target: {
      steps: 5000,
      threshold: 950,
      what: 'mean of 5 evaluation episodes (seeds 0-4) >= 950 within 5,000 steps',
    },
  },
];

/** The scenario's config with `seed` at its seed path. */
function seeded(s: OffPolicyScenario, seed: number): Record<string, unknown> {
  const config = structuredClone(s.config);
  let at = config;
  for (const key of s.seedPath.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[s.seedPath.at(-1)!] = seed;
  return config;
}

const EVAL_SEEDS = [0, 1, 2, 3, 4];

/** The evaluation of one stored version. */
interface VersionEval {
  version: number;
  steps: number;
  returns: number[];
  mean: number;
}

/** One training seed's run and the evaluation of every version it stored. */
export async function runSeed(s: OffPolicyScenario, seed: number) {
  const { store, registry, agents, close } = await benchWorkspace(s.name, s.envId);
  try {
    const { agent } = await agents.create({
      type: s.type,
      env_id: s.envId,
      preset: s.preset,
      config: seeded(s, seed),
    } as CreateAgent);
    const { record } = await agents.record(agent.id);
    const family = familyOf(record.type);
    const curve: Array<{ index: number; steps: number; return: number }> = [];
    // Env steps at each version: the checkpoint events name them.
    const versionSteps = new Map<number, number>();
    // MBPO: milliseconds in model fits and in model rollouts.
    const model = { fits: 0, fitMs: 0, rolloutMs: 0 };
    const start = performance.now();
    const ctx: JobContext = {
      job_id: `bench-${s.name}-${seed}`,
      params: {},
      environment: {},
      signal: new AbortController().signal,
      progress: () => {},
      log: (message, data) => {
        const d = data as Record<string, number>;
        if (message === 'episode') {
          curve.push({ index: d.index!, steps: d.steps!, return: round(d.return!, 1) });
          process.stderr.write(
            `  ${s.name} seed ${seed} episode ${d.index} return ${round(d.return!, 1)} (${d.steps} steps)\n`,
          );
        }
        if (message === 'checkpoint-version') versionSteps.set(d.version!, d.steps!);
        if (message === 'model-fit') {
          model.fits++;
          model.fitMs += d.fit_ms!;
          model.rolloutMs += d.rollout_ms!;
          process.stderr.write(
            `  ${s.name} seed ${seed} model fit at ${d.steps} steps: ${d.epochs} epochs ${d.fit_ms} ms, rollouts ${d.rollout_ms} ms\n`,
          );
        }
      },
      saveCheckpoint: async () => {},
    };
    const result = (await family.jobs.learn!(
      ctx,
      { store, reader: agents.reader, record, params: { steps: s.steps, seed } },
      family,
    )) as { version: number; steps: number; updates: number };
    const learnMs = performance.now() - start;
    versionSteps.set(result.version, result.steps);
    const def = registry.get(s.envId);
    const evals: VersionEval[] = [];
    for (const [version, steps] of [...versionSteps].sort((a, b) => a[0] - b[0])) {
      const policy = await family.load(record, (await loadVersion(store, agent.id, version))!);
      const e = evaluateAgent(def, record, policy, { seeds: EVAL_SEEDS });
      await policy.dispose();
      evals.push({ version, steps, returns: e.returns.map((r) => round(r, 1)), mean: round(e.mean, 1) });
    }
    return {
      seed,
      date: new Date().toISOString(),
      learnSeconds: round(learnMs / 1000, 1),
      msPerEnvStep: round(learnMs / s.steps, 1),
      updates: result.updates,
      ...(model.fits > 0
        ? {
            modelFits: model.fits,
            modelFitSeconds: round(model.fitMs / 1000, 1),
            rolloutSeconds: round(model.rolloutMs / 1000, 1),
          }
        : {}),
      curve,
      evals,
    };
  } finally {
    await close();
  }
}

type SeedResult = Awaited<ReturnType<typeof runSeed>>;

/**
 * One seed's run in a child process (bench/agents-off-policy-seed.ts): tensors run on one thread
 * per process, so seeds in parallel use the machine's cores; results do not depend on it.
 */
function runSeedInChild(s: OffPolicyScenario, seed: number): Promise<SeedResult> {
  const script = fileURLToPath(new URL('./agents-off-policy-seed.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(s), String(seed)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as SeedResult);
      else reject(new Error(`${s.name} seed ${seed} exited with ${code}`));
    });
  });
}

/**
 * Runs every (scenario, training seed) pair, `parallel` at a time (each in its own process when
 * more than one), restricted to `onlySeeds` when given; one result per scenario.
 */
export async function runOffPolicyScenarios(
  scenarios: readonly OffPolicyScenario[],
  parallel = 1,
  onlySeeds?: readonly number[],
) {
  const runs = scenarios.flatMap((s) =>
    s.seeds.filter((seed) => !onlySeeds || onlySeeds.includes(seed)).map((seed) => ({ s, seed })),
  );
  const results: SeedResult[] = new Array(runs.length);
  let next = 0;
  const lane = async () => {
    while (next < runs.length) {
      const i = next++;
      const { s, seed } = runs[i]!;
      process.stderr.write(`scenario ${s.name} (${s.envId}, ${s.steps} steps), training seed ${seed}\n`);
      results[i] = parallel > 1 ? await runSeedInChild(s, seed) : await runSeed(s, seed);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, runs.length) }, lane));
  return scenarios
    .map((s) =>
      summarise(
        s,
        results.filter((_, i) => runs[i]!.s === s),
      ),
    )
    .filter((r) => r.seeds.length > 0);
}

/**
 * A scenario's result with `fresh` seeds over those of an earlier result (same scenario): runs
 * of some seeds (`--seeds`) add to the others' instead of replacing them.
 */
export function mergeOffPolicy(
  s: OffPolicyScenario,
  earlier: OffPolicyResult | undefined,
  fresh: OffPolicyResult | undefined,
): OffPolicyResult | undefined {
  if (!fresh) return earlier;
  if (!earlier) return fresh;
  const seeds = [
    ...earlier.seeds.filter((x) => !fresh.seeds.some((y) => y.seed === x.seed)),
    ...fresh.seeds,
  ].sort((a, b) => a.seed - b.seed);
  return summarise(s, seeds);
}

/** One scenario's result. */
export type OffPolicyResult = ReturnType<typeof summarise>;

/** A scenario's result from its seeds' runs (the target is reached only when every seed ran and reached it). */
function summarise(s: OffPolicyScenario, seeds: SeedResult[]) {
  const at = (r: SeedResult, steps: number) => r.evals.filter((e) => e.steps <= steps).at(-1);
  const ran = seeds.map((r) => r.seed);
  const complete = s.seeds.every((seed) => ran.includes(seed));
  const reached =
    complete && seeds.every((r) => (at(r, s.target.steps)?.mean ?? -Infinity) >= s.target.threshold);
  return {
    name: s.name,
    date: new Date().toISOString(),
    type: s.type,
    env: s.envId,
    preset: s.preset,
    config: s.config,
    steps: s.steps,
    target: s.target.what,
    /** The training seeds the target names; `seeds` holds those that ran. */
    plannedSeeds: s.seeds,
    reached,
    report: s.report.map((steps) => ({
      steps,
      means: seeds.map((r) => at(r, steps)?.mean ?? null),
    })),
    seeds,
  };
}

/** The scenario results as markdown lines. */
export function offPolicyMarkdown(
  results: Array<Awaited<ReturnType<typeof runOffPolicyScenarios>>[number]>,
): string[] {
  if (results.length === 0) return [];
  return [
    '## Off-policy agents (SAC, MBPO)',
    '',
    "The family's `learn` job handler in process, one run per training seed (config seed and learn seed);",
    'every version (a checkpoint each 1,000 env steps) evaluated greedily on seeds 0-4.',
    '',
    '| scenario | env | budget | mean eval return per training seed | target | reached | ms/env step (learning) | run |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.flatMap((r) =>
      r.report.map(
        (p) =>
          `| ${r.name} | ${r.env} | ${p.steps} | ${p.means.map((m, i) => `seed ${r.seeds[i]!.seed}: ${m}`).join(', ')} | ${r.target} | ${reachedText(r)} | ${r.seeds.map((x) => x.msPerEnvStep).join(', ')} | ${r.date.slice(0, 16)} |`,
      ),
    ),
    '',
    ...results.flatMap((r) => [
      `Evaluation by version (${r.name}; env steps: mean):`,
      '',
      ...r.seeds.flatMap((x) =>
        x.modelFits
          ? [
              `- seed ${x.seed} time: ${x.learnSeconds} s in all, ${x.modelFitSeconds} s in ${x.modelFits} model fits, ` +
                `${x.rolloutSeconds} s in model rollouts, the rest env steps and ${x.updates} SAC updates`,
            ]
          : [],
      ),
      ...r.seeds.map((x) => `- seed ${x.seed}: ${x.evals.map((e) => `${e.steps}: ${e.mean}`).join(', ')}`),
      '',
    ]),
  ];
}

/** "yes", "no", or which seeds are missing for a partial run. */
function reachedText(r: Awaited<ReturnType<typeof runOffPolicyScenarios>>[number]): string {
  const ran = r.seeds.map((x) => x.seed);
  const missing = (r.plannedSeeds ?? ran).filter((seed) => !ran.includes(seed));
  if (missing.length === 0) return r.reached ? 'yes' : 'no';
  return `not all seeds ran (missing ${missing.join(', ')})`;
}
