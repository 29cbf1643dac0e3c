import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/modelgym.js', import.meta.url));

/** Runs `bin/modelgym.js` with these arguments; resolves with its exit code and output. */
function modelgym(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('bin/modelgym.js', () => {
  it('lists learn, answers learn --help, and exits 2 on a learn mistake', async () => {
    const [usage, help, missing] = await Promise.all([
      modelgym(['--help']),
      modelgym(['learn', '--help']),
      modelgym(['learn', '--steps', '10']),
    ]);
    expect(usage.code).toBe(0);
    expect(usage.stderr).toMatch(/^ {2}learn {4}model-based RL/m);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: modelgym learn --env <id> \[options\]/);
    expect(help.stdout).toContain('--refit-every <n>');
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'modelgym learn: --env is required, e.g. --env Pendulum-v1 (see modelgym learn --help)\n',
    });
  });
});
