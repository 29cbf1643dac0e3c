import { spawnSync } from 'node:child_process';

/**
 * Finds a Python interpreter that can import `modules`: `MODELGYM_PYTHON`, then Debian's
 * `/usr/bin/python3`, then `python3` on PATH. Returns `undefined` (tests skip with a message)
 * unless `MODELGYM_REQUIRE_PYTHON=1`, where a missing interpreter fails the suite.
 */
export function findPython(modules: string[]): string | undefined {
  const candidates = [process.env.MODELGYM_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean) as string[];
  for (const exe of candidates) {
    const r = spawnSync(exe, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
    if (r.status === 0) return exe;
  }
  const message = `Python with ${modules.join(', ')} not found: apt-get install ${modules.map((m) => `python3-${m}`).join(' ')}`;
  if (process.env.MODELGYM_REQUIRE_PYTHON === '1') throw new Error(message);
  process.stderr.write(`skipping Python tests: ${message}\n`);
  return undefined;
}

/** Runs a Python snippet with `input` on stdin and returns its stdout. */
export function runPython(exe: string, code: string, input?: Uint8Array): string {
  const r = spawnSync(exe, ['-c', code], { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout;
}
