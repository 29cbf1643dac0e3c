/**
 * Child process that runs the agent job handlers over a data dir until it is killed (the SAC
 * resume test kills it with SIGKILL mid-job). Usage: agent-runner-child.ts <data dir>
 */
import { join } from 'node:path';
import { jobHandlerModules } from '../../../src/agents/job-kinds.ts';
import { JobRunner } from '../../../src/jobs/runner.ts';

const [dataDir] = process.argv.slice(2) as [string];
const runner = new JobRunner({
  rootDir: join(dataDir, 'jobs'),
  handlers: jobHandlerModules,
  environment: { data_dir: dataDir },
  leaseMs: 1000,
  pollMs: 20,
  owner: 'child',
});
runner.start();
process.stdout.write('started\n');
