import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';

/** A real modelgym server on a free port, in-process, with a throwaway data dir. */
export async function startTestServer(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'modelgym-ts-client-'));
  const server = await startServer(
    loadConfig({ PORT: '0', MODELGYM_DATA_DIR: dataDir, ...env }),
    pino({ level: 'silent' }),
  );
  return {
    baseUrl: `http://127.0.0.1:${server.port}`,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
