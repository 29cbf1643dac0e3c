/**
 * `npm run bench -- <name> [--quick]`: runs a benchmark and writes its results to
 * bench/results/<name>.json and <name>.md (committed; numbers are ratios against baselines
 * measured in the same run, since absolute times on shared machines are noise).
 */
import { writeFile } from 'node:fs/promises';
import { benchAgents } from './agents.ts';
import { benchClients } from './clients.ts';
import { benchDecode } from './decode.ts';
import { benchEnv } from './env.ts';
import { benchLoad } from './load.ts';
import { benchMatmulReport } from './matmul.ts';
import { benchMujoco } from './mujoco.ts';
import { benchPlan } from './plan.ts';
import { benchSac } from './sac.ts';

const benchmarks: Record<
  string,
  (quick: boolean) => Promise<{ json: Record<string, unknown>; markdown: string }>
> = {
  env: benchEnv,
  clients: benchClients,
  mujoco: benchMujoco,
  plan: benchPlan,
  agents: benchAgents,
  load: benchLoad,
  matmul: benchMatmulReport,
  decode: benchDecode,
  sac: benchSac,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter(
  (a, i) => !a.startsWith('--') && args[i - 1] !== '--only' && args[i - 1] !== '--parallel',
);
const selected = names.length > 0 ? names : Object.keys(benchmarks);
for (const name of selected) {
  const run = benchmarks[name];
  if (!run) {
    process.stderr.write(`unknown benchmark "${name}"; choose from: ${Object.keys(benchmarks).join(', ')}\n`);
    process.exit(2);
  }
  process.stderr.write(`running benchmark ${name}${quick ? ' (quick)' : ''}...\n`);
  const { json, markdown } = await run(quick);
  const base = new URL(`./results/${name}${quick ? '-quick' : ''}`, import.meta.url);
  await writeFile(`${base.pathname}.json`, `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(`${base.pathname}.md`, markdown);
  process.stdout.write(`${markdown}\n`);
}
