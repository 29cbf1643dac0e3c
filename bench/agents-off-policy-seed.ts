/**
 * One training seed of an off-policy scenario, in its own process (see agents-off-policy.ts):
 * `agents-off-policy-seed.ts <scenario JSON> <seed>` prints the seed's result as JSON.
 */
import { initTensorBackend } from '../src/tensor/backend.ts';
import { type OffPolicyScenario, runSeed } from './agents-off-policy.ts';

const [scenario, seed] = process.argv.slice(2) as [string, string];
await initTensorBackend();
process.stdout.write(
  `${JSON.stringify(await runSeed(JSON.parse(scenario) as OffPolicyScenario, Number(seed)))}\n`,
);
