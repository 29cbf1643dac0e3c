/**
 * Runs the Python client's test suite: `npx tsx scripts/test-python.ts [pytest args...]`.
 *
 * Finds a Python that imports numpy, msgpack, httpx and pytest (`MODELGYM_PYTHON`, then Debian's
 * `/usr/bin/python3`, then `python3` on PATH) and runs `python -m pytest -q clients/python/tests`
 * with `PYTHONPATH=clients/python`; the tests start their own server on a free port. Exits with
 * pytest's exit code. Without such a Python it prints how to get one and exits 0 (a skip),
 * unless `MODELGYM_REQUIRE_PYTHON=1` (CI), where a skipped suite is a failure (exit 1).
 */
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULES = ['numpy', 'msgpack', 'httpx', 'pytest'];
const DEBIAN_PACKAGES = MODULES.map((m) => `python3-${m}`).join(' ');
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The first candidate interpreter that imports every module, or undefined. */
function findPython(): string | undefined {
  const candidates = [process.env.MODELGYM_PYTHON, '/usr/bin/python3', 'python3'].filter(
    (exe): exe is string => typeof exe === 'string' && exe !== '',
  );
  for (const exe of candidates) {
    const probe = spawnSync(exe, ['-c', `import ${MODULES.join(', ')}`], { stdio: 'ignore' });
    if (probe.status === 0) return exe;
  }
  return undefined;
}

const python = findPython();
if (!python) {
  const required = process.env.MODELGYM_REQUIRE_PYTHON === '1';
  process.stderr.write(
    `${required ? 'error' : 'skipping Python client tests'}: no Python with ${MODULES.join(', ')} ` +
      `(tried MODELGYM_PYTHON, /usr/bin/python3, python3).\n` +
      `Install them with: apt-get install ${DEBIAN_PACKAGES}\n` +
      (required ? 'MODELGYM_REQUIRE_PYTHON=1: a skipped Python suite fails.\n' : ''),
  );
  process.exit(required ? 1 : 0);
}

const clientDir = join(ROOT, 'clients', 'python');
const pythonPath = [clientDir, process.env.PYTHONPATH].filter(Boolean).join(delimiter);
const result = spawnSync(python, ['-m', 'pytest', '-q', join(clientDir, 'tests'), ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  // MODELGYM_NODE: the test server runs under this same node.
  env: { ...process.env, PYTHONPATH: pythonPath, MODELGYM_NODE: process.execPath },
});
if (result.error) {
  process.stderr.write(`could not run ${python}: ${result.error.message}\n`);
  process.exit(1);
}
process.exit(result.status ?? 1);
