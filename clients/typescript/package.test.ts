/**
 * The client as a package, as a new user gets it: `npm pack` builds it (tsc to dist/, the spec
 * types inside), a fresh project installs the tarball, plain Node ESM imports it and steps
 * CartPole on a real server, and TypeScript type-checks a file that uses it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.ts';

const run = promisify(execFile);
const CLIENT = fileURLToPath(new URL('.', import.meta.url));
const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const NPM_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

describe('the TypeScript client package', () => {
  let project: string;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
    project = await mkdtemp(join(tmpdir(), 'modelgym-ts-package-'));
    await run('npm', ['pack', '--pack-destination', project, ...NPM_FLAGS], { cwd: CLIENT });
    const tarball = (await readdir(project)).find((f) => f.endsWith('.tgz'))!;
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'fresh', version: '1.0.0', private: true, type: 'module' }),
    );
    await run('npm', ['install', `./${tarball}`, ...NPM_FLAGS], { cwd: project });
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('installs with its dependencies and steps CartPole from plain Node ESM', async () => {
    await writeFile(
      join(project, 'step.mjs'),
      [
        "import { RemoteEnv } from '@modelgym/client';",
        "const env = await RemoteEnv.make('CartPole-v1', { baseUrl: process.argv[2] });",
        'const { observation } = await env.reset({ seed: 0 });',
        'const step = await env.step(1);',
        'console.log(JSON.stringify({ first: Array.from(observation), reward: step.reward }));',
      ].join('\n'),
    );
    const { stdout } = await run('node', ['step.mjs', server.baseUrl], { cwd: project });
    const out = JSON.parse(stdout) as { first: number[]; reward: number };
    expect(out.first[0]).toBeCloseTo(0.01369617, 7);
    expect(out.reward).toBe(1);
  });

  it('type-checks a TypeScript file that uses it (strict, NodeNext)', async () => {
    await writeFile(
      join(project, 'use.ts'),
      [
        "import { createModelgymClient, RemoteEnv, unwrap } from '@modelgym/client';",
        "const env = await RemoteEnv.make<Float32Array>('CartPole-v1', { baseUrl: 'http://127.0.0.1:1' });",
        'const first: Float32Array = (await env.reset({ seed: 0 })).observation;',
        "const client = createModelgymClient({ baseUrl: 'http://127.0.0.1:1' });",
        "const detail = unwrap(await client.GET('/v1/envs/{env_id}', { params: { path: { env_id: 'CartPole-v1' } } }));",
        'const fps: number | null = detail.render_fps;',
        'export { first, fps };',
      ].join('\n'),
    );
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022', 'DOM'],
          types: [],
          strict: true,
          noEmit: true,
        },
        files: ['use.ts'],
      }),
    );
    const result = await run('node', [TSC, '-p', 'tsconfig.json'], { cwd: project }).catch(
      (err: { stdout: string }) => ({ stdout: err.stdout, failed: true }),
    );
    expect(result.stdout).toBe('');
    expect('failed' in result).toBe(false);
  });
});
