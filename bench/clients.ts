/**
 * `npm run bench -- clients`: the Python client next to a raw HTTP loop sending the same
 * requests, against a modelgym server in its own process (bench/python-client.py does the
 * measuring; this starts the server and records the result).
 */
import { spawnSync } from 'node:child_process';
import { startChild } from './child-server.ts';

const python = process.env.MODELGYM_PYTHON ?? '/usr/bin/python3';

/** Runs the Python client benchmark; `quick` shortens every loop. */
export async function benchClients(
  quick: boolean,
): Promise<{ json: Record<string, unknown>; markdown: string }> {
  const server = await startChild(['bin/modelgym.js', 'serve'], {
    PORT: '0',
    MODELGYM_SECRET: 'benchmark secret, not for use',
  });
  try {
    const args = ['bench/python-client.py', '--base-url', `http://127.0.0.1:${server.port}`];
    if (quick) args.push('--steps', '300', '--vector-steps', '30', '5', '--rounds', '1');
    const run = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (run.status !== 0) throw new Error(`python-client.py failed (${python}): ${run.stderr}`);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    const single = json.single as {
      client_steps_per_s: number;
      raw_steps_per_s: number;
      client_over_raw: number;
    };
    const vector = json.vector as {
      num_envs: number;
      client_env_steps_per_s: number;
      raw_env_steps_per_s: number;
      client_over_raw: number;
    }[];
    const markdown = [
      `# Python client benchmark (CartPole-v1, msgpack, ${new Date().toISOString().slice(0, 10)}${quick ? ', quick' : ''})`,
      '',
      'Rerun: `npm run bench -- clients` (needs Debian python3-numpy, python3-msgpack, python3-httpx).',
      'The raw loop posts byte-identical pre-encoded requests over the same kind of connection.',
      '',
      '| loop | client (steps/s) | raw HTTP (steps/s) | client / raw |',
      '| --- | --- | --- | --- |',
      `| RemoteEnv.step | ${single.client_steps_per_s} | ${single.raw_steps_per_s} | ${single.client_over_raw} |`,
      ...vector.map(
        (v) =>
          `| RemoteVectorEnv.step, batch ${v.num_envs} (env-steps/s) | ${v.client_env_steps_per_s} | ${v.raw_env_steps_per_s} | ${v.client_over_raw} |`,
      ),
      '',
    ].join('\n');
    return { json: { benchmark: 'clients', quick, ...json }, markdown };
  } finally {
    await server.stop();
  }
}
