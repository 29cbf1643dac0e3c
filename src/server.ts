import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import { jobHandlerModules } from './agents/job-kinds.ts';
import { AgentService } from './agents/service.ts';
import type { Config } from './config.ts';
import { defaultRegistry } from './envs/index.ts';
import { setMujocoMessageHandler } from './envs/mujoco/runtime.ts';
import { createApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import { clientErrorListener, nodeRequestErrorHandler } from './http/request-error.ts';
import { agentLimits, loadSpec } from './http/spec.ts';
import { JobRunner } from './jobs/index.ts';
import { createLogger } from './logger.ts';
import { loadKeyring } from './state/keyring.ts';
import { openStore } from './store/index.ts';
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

/**
 * Loads keys, builds the app, starts the job runner (on `<dataDir>/jobs`) and listens; resolves
 * once the port is bound.
 */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  setMujocoMessageHandler((text) => logger.warn({ source: 'mujoco' }, text));
  // Eagerly, so that a MODELGYM_BACKEND that cannot load stops the start with its reason.
  const backend = await initTensorBackend({ logger });
  const keyring = await loadKeyring({ secret: config.secret, dataDir: config.dataDir });
  const jobs = new JobRunner({
    rootDir: join(config.dataDir, 'jobs'),
    handlers: jobHandlerModules,
    // What every handler gets as ctx.environment (agent jobs read and write the store there).
    environment: { data_dir: config.dataDir },
    logger: logger.child({ component: 'jobs' }),
  });
  const shutdown = new AbortController();
  const registry = await defaultRegistry();
  const spec = loadSpec();
  const agents = new AgentService({
    store: openStore(config.dataDir),
    registry,
    keyring,
    jobs,
    limits: agentLimits(spec),
  });
  const app = createApp({
    registry,
    keyring,
    ...(config.graderKey ? { graderKey: config.graderKey } : {}),
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
    jobs,
    agents,
    shutdown: shutdown.signal,
    ...(config.maxBodyBytes !== undefined ? { maxBodyBytes: config.maxBodyBytes } : {}),
  });
  jobs.start();
  return new Promise((resolvePromise, reject) => {
    // @hono/node-server's `serve`, but with problems (not bare 400s) for requests that never reach
    // the app: a raw backslash in the path, a target that is not a path.
    const server: ServerType = createServer(
      // A client that sends its headers or body slowly holds a connection only this long (Node's
      // defaults are 60 s and 300 s); idle keep-alive sockets close after 5 s.
      { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 },
      getRequestListener(app.fetch, { hostname: config.host, errorHandler: nodeRequestErrorHandler(logger) }),
    );
    server.on('clientError', clientErrorListener(logger));
    server.listen(config.port, config.host, () => {
      const info = server.address() as AddressInfo;
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
        close: async () => {
          const closed = new Promise<void>((done) => server.close(() => done()));
          // Ends open event streams, or closing would wait for every followed job to finish.
          // Their connections go idle after close() began, which closes only those idle then.
          shutdown.abort();
          const sweep = setInterval(() => {
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }, 50);
          try {
            // Running jobs keep their checkpoints and are resumed by the next runner.
            await Promise.all([closed, jobs.stop(), agents.close()]);
          } finally {
            clearInterval(sweep);
          }
        },
      });
    });
    server.once('error', (err) => {
      void jobs.stop();
      reject(err);
    });
  });
}
