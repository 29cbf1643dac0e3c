import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('generated types', () => {
  it('are up to date with openapi/openapi.yaml', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-types.ts', '--check'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
