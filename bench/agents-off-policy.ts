/**
 * The off-policy agents' learning scenarios of `npm run bench -- agents` (SAC; MBPO when it
 * lands): each runs the family's real `learn` job handler in process, once per training seed,
 * and evaluates every version it stored (a checkpoint every 1,000 env steps) on evaluation seeds
 * 0-4 with the greedy policy, so the table shows the return at the issue's budgets (e.g. SAC at
 * 5,000 and 20,000 steps) from one run.
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
    steps: 20_000,
    seeds: [0, 1, 2],
    report: [5000, 20_000],
    target: {
      steps: 20_000,
      threshold: -200,
      what: 'mean of 5 evaluation episodes (seeds 0-4) >= -200 within 20,000 steps, each training seed',
    },
  },
];

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
      config: { ...s.config, seed },
    } as CreateAgent);
    const { record } = await agents.record(agent.id);
    const family = familyOf(record.type);
    const curve: Array<{ index: number; steps: number; return: number }> = [];
    // Env steps at each version: the checkpoint events name them.
    const versionSteps = new Map<number, number>();
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
      learnSeconds: round(learnMs / 1000, 1),
      msPerEnvStep: round(learnMs / s.steps, 1),
      updates: result.updates,
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

/** Runs a scenario for each of its seeds, `parallel` seeds at a time (each in its own process). */
export async function runOffPolicyScenario(s: OffPolicyScenario, parallel = 1) {
  const seeds: SeedResult[] = new Array(s.seeds.length);
  let next = 0;
  const lane = async () => {
    while (next < s.seeds.length) {
      const i = next++;
      seeds[i] = parallel > 1 ? await runSeedInChild(s, s.seeds[i]!) : await runSeed(s, s.seeds[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, s.seeds.length) }, lane));
  const at = (r: (typeof seeds)[number], steps: number) => r.evals.filter((e) => e.steps <= steps).at(-1);
  const reached = seeds.every((r) => (at(r, s.target.steps)?.mean ?? -Infinity) >= s.target.threshold);
  return {
    name: s.name,
    date: new Date().toISOString(),
    type: s.type,
    env: s.envId,
    preset: s.preset,
    config: s.config,
    steps: s.steps,
    target: s.target.what,
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
  results: Array<Awaited<ReturnType<typeof runOffPolicyScenario>>>,
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
          `| ${r.name} | ${r.env} | ${p.steps} | ${p.means.map((m, i) => `seed ${r.seeds[i]!.seed}: ${m}`).join(', ')} | ${r.target} | ${r.reached ? 'yes' : 'no'} | ${r.seeds.map((x) => x.msPerEnvStep).join(', ')} | ${r.date.slice(0, 16)} |`,
      ),
    ),
    '',
    ...results.flatMap((r) => [
      `Evaluation by version (${r.name}; env steps: mean):`,
      '',
      ...r.seeds.map((x) => `- seed ${x.seed}: ${x.evals.map((e) => `${e.steps}: ${e.mean}`).join(', ')}`),
      '',
    ]),
  ];
}
