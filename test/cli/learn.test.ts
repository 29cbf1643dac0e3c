/**
 * `modelgym learn` end to end on tasks/PointMass1D-v0 with tiny settings: in process (the store
 * under --data-dir), through a real server started here, and its failures' messages and codes.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, learnCommand } from '../../src/cli/learn.ts';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';

const TINY = [
  '--env',
  'tasks/PointMass1D-v0',
  '--steps',
  '90',
  '--warmup',
  '30',
  '--refit-every',
  '30',
  '--config',
  JSON.stringify({
    model: { hidden_sizes: [16] },
    training: { epochs: 3 },
    planner: { type: 'cem', horizon: 5, population: 20, elites: 4, iterations: 2 },
  }),
];

/** Runs the command with captured output (stderr is not a terminal: a line per episode). */
async function learn(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  };
  const code = await learnCommand(argv, io);
  return { code, stdout, stderr };
}

/** The episode rows of a table: [index, policy, model, steps, length]. */
function rows(table: string): string[][] {
  return table
    .split('\n')
    .filter((line) => /^\s+\d+\s+(random|MPC)\s/.test(line))
    .map((line) => line.trim().split(/\s+/))
    .map((cells) => [cells[0]!, cells[1]!, cells[2]!, cells[3]!, cells[5]!]);
}

const expectedRows = [
  ['0', 'random', '-', '30', '30'],
  ['1', 'MPC', 'v1', '60', '30'],
  ['2', 'MPC', 'v2', '90', '30'],
];

describe('modelgym learn', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'modelgym-cli-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('in process: learns, prints a line per episode and the final table', async () => {
    const dataDir = join(dir, 'local');
    const { code, stdout, stderr } = await learn([...TINY, '--data-dir', dataDir, '--eval', '2']);
    expect(code, stderr).toBe(0);
    expect(rows(stdout)).toEqual(expectedRows);
    expect(stdout).toMatch(/^best MPC return {2}-?[\d.]+ \(episode [12]\)$/m);
    expect(stdout).toMatch(/^mean of last 3 {3}-?[\d.]+$/m);
    expect(stdout).toMatch(/^ms per env step {2}[\d.]+$/m);
    expect(stdout).toMatch(/^evaluation {7}2 episodes with v2: mean/m);
    expect(stdout).toContain(`data dir         ${dataDir}`);
    expect(stderr).toContain(`stored in ${dataDir}`);
    expect(stderr.match(/^episode \d \((random|MPC v\d)\): return/gm)).toHaveLength(3);
    expect(stderr.match(/^evaluation episode \d\/2: return/gm)).toHaveLength(2);
    // The store has the layout a server reads: the agent doc and its versions.
    expect(await readdir(join(dataDir, 'store'))).toEqual(expect.arrayContaining(['docs']));
  });

  it('--agent sac: the SAC learn job, a checkpoint version per --checkpoint-every steps', async () => {
    const { code, stdout, stderr } = await learn([
      '--env',
      'tasks/PointMass1D-v0',
      '--agent',
      'sac',
      '--steps',
      '90',
      '--warmup',
      '20',
      '--checkpoint-every',
      '30',
      '--config',
      JSON.stringify({ actor_hidden_sizes: [8], critic_hidden_sizes: [8], batch_size: 16 }),
      '--data-dir',
      join(dir, 'sac'),
      '--eval',
      '1',
      '--json',
    ]);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ agent: 'sac', preset: 'default', steps: 90, version: 3 });
    expect(report.episodes.map((e: { version: number }) => e.version)).toEqual([0, 1, 2]);
    expect(report.evaluation).toMatchObject({ version: 3, seeds: [0] });
    expect(stderr).toContain('(sac, preset default)');
    expect(stderr.match(/^episode \d \(SAC v\d\): return/gm)).toHaveLength(3);
  });

  it('--agent mbpo: the MBPO learn job, model refits and a checkpoint version per --checkpoint-every steps', async () => {
    const { code, stdout, stderr } = await learn([
      '--env',
      'tasks/PointMass1D-v0',
      '--agent',
      'mbpo',
      '--steps',
      '90',
      '--warmup',
      '20',
      '--checkpoint-every',
      '30',
      '--config',
      JSON.stringify({
        sac: { actor_hidden_sizes: [8], critic_hidden_sizes: [8], batch_size: 16, gradient_steps: 1 },
        model: { ensemble_size: 2, hidden_sizes: [8], elites: 1 },
        model_training: { epochs: 2 },
        model_train_every: 20,
        rollouts_per_step: 2,
      }),
      '--data-dir',
      join(dir, 'mbpo'),
      '--eval',
      '1',
      '--json',
    ]);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ agent: 'mbpo', preset: 'default', steps: 90, version: 3 });
    expect(report.evaluation).toMatchObject({ version: 3, seeds: [0] });
    expect(stderr).toContain('(mbpo, preset default)');
    expect(stderr.match(/^episode \d \(MBPO v\d\): return/gm)).toHaveLength(3);
  });

  it('--json prints the report with its summary', async () => {
    const { code, stdout } = await learn([
      ...TINY,
      '--steps',
      '60',
      '--data-dir',
      join(dir, 'json'),
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ mode: 'in-process', env: 'tasks/PointMass1D-v0', steps: 60, version: 1 });
    expect(report.episodes.map((e: { random: boolean }) => e.random)).toEqual([true, false]);
    expect(report.summary.best_episode).toBe(1);
    expect(report.summary.ms_per_step).toBeGreaterThan(0);
  });

  it('refuses an unknown env, a bad config and bad options with one line and exit code 2', async () => {
    const unknown = await learn(['--env', 'Pendulum-v9', '--data-dir', join(dir, 'unknown')]);
    expect(unknown).toEqual({
      code: 2,
      stdout: '',
      stderr: 'modelgym learn: no environment "Pendulum-v9" is registered; did you mean "Pendulum-v1"?\n',
    });
    const json = await learn(['--env', 'Pendulum-v1', '--config', '{oops']);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(
      /^modelgym learn: --config is not valid JSON: .*\(see modelgym learn --help\)\n$/,
    );
    const preset = await learn(['--env', 'Pendulum-v1', '--preset', 'nope']);
    expect([preset.code, preset.stderr]).toEqual([
      2,
      'modelgym learn: preset: unknown preset "nope"; one of default, pets, icem, pddm, fast\n',
    ]);
    const schema = await learn(['--env', 'Pendulum-v1', '--config', '{"particles":0}']);
    expect([schema.code, schema.stderr]).toEqual([
      2,
      'modelgym learn: invalid agent request: /body/config/particles: must be >= 1\n',
    ]);
    const help = await learn(['--help']);
    expect([help.code, help.stdout]).toEqual([
      0,
      expect.stringContaining('usage: modelgym learn --env <id>'),
    ]);
  });

  it('says so when the server cannot be reached (exit code 1)', async () => {
    const { code, stderr } = await learn(['--env', 'Pendulum-v1', '--url', 'http://127.0.0.1:9']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^modelgym learn: cannot reach the server at http:\/\/127\.0\.0\.1:9 \(.+\): is it running\?/,
    );
  });

  describe('through a server', () => {
    let server: RunningServer;
    let url: string;
    beforeAll(async () => {
      server = await startServer(
        loadConfig({ PORT: '0', MODELGYM_DATA_DIR: join(dir, 'server'), LOG_LEVEL: 'silent' }),
        pino({ level: 'silent' }),
      );
      url = `http://127.0.0.1:${server.port}`;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('follows the learn job and the evaluate job, with the same table as in process', async () => {
      const { code, stdout, stderr } = await learn([...TINY, '--url', url, '--eval', '2']);
      expect(code, stderr).toBe(0);
      expect(rows(stdout)).toEqual(expectedRows);
      expect(stdout).toMatch(new RegExp(`^server {11}${url} \\(learn job job_\\w+\\)$`, 'm'));
      expect(stdout).toMatch(/^evaluation {7}2 episodes with v2/m);
      expect(stderr).toContain(`server ${url}; agent ag-`);
      expect(stderr.match(/^episode \d/gm)).toHaveLength(3);
      expect(stderr.match(/^evaluation episode \d\/2/gm)).toHaveLength(2);
    });

    it("passes on the server's refusals: unknown env is exit code 2", async () => {
      const { code, stderr } = await learn(['--env', 'Nope-v0', '--url', url]);
      expect([code, stderr]).toEqual([
        2,
        'modelgym learn: the server refused (404 unknown-env): no environment "Nope-v0" is registered\n',
      ]);
    });
  });
});
