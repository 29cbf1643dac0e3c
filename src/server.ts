import { readFileSync } from 'node:fs';
import { type ServerType, serve } from '@hono/node-server';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { defaultRegistry } from './envs/index.ts';
import { setMujocoMessageHandler } from './envs/mujoco/runtime.ts';
import { createApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import { createLogger } from './logger.ts';
import { loadKeyring } from './state/keyring.ts';
import { initTensorBackend } from './tensor/backend.ts';

/** The package version, reported by `/v1/health`. */
export const version: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

/** A running server and how to stop it. */
export interface RunningServer {
  server: ServerType;
  port: number;
  close(): Promise<void>;
}

/** Loads keys, builds the app and listens; resolves once the port is bound. */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  setMujocoMessageHandler((text) => logger.warn({ source: 'mujoco' }, text));
  // Eagerly, so that a MODELGYM_BACKEND that cannot load stops the start with its reason.
  const backend = await initTensorBackend({ logger });
  const keyring = await loadKeyring({ secret: config.secret, dataDir: config.dataDir });
  const app = createApp({
    registry: await defaultRegistry(),
    keyring,
    logger,
    tensorBackend: () => ({
      name: backend.name,
      tf_version: backend.tfVersion,
      forced: backend.forced,
      tried: backend.tried,
      ...(backend.threads !== undefined ? { threads: backend.threads } : {}),
      ...(backend.device !== undefined ? { device: backend.device } : {}),
    }),
    metrics: createMetrics(),
    version,
    ...(config.maxBodyBytes !== undefined ? { maxBodyBytes: config.maxBodyBytes } : {}),
  });
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
      // Announced at info whatever LOG_LEVEL says: with PORT=0 this line is how callers learn the port.
      logger.child({}, { level: 'info' }).info(
        {
          url: `http://${config.host}:${info.port}`,
          stateKeyId: keyring.current.id,
          keySource: config.secret ? 'MODELGYM_SECRET' : config.dataDir,
        },
        'modelgym listening',
      );
      resolvePromise({
        server,
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
