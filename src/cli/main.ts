import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { startServer } from '../server.ts';

const usage = `usage: modelgym <command>

commands:
  serve    start the HTTP service (HOST, PORT, MODELGYM_DATA_DIR, MODELGYM_SECRET, LOG_LEVEL)
  learn    model-based RL on an env, in process or through a server (modelgym learn --help)
`;

async function serveCommand(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, logger);
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    running.close().then(() => {
      logger.flush();
      process.exit(0);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function learn(argv: string[]): Promise<never> {
  const { learnCommand } = await import('./learn.ts');
  const interrupt = new AbortController();
  // First Ctrl-C stops the run (cancelling a server job); a second one exits at once.
  process.once('SIGINT', () => {
    interrupt.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  const code = await learnCommand(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    signal: interrupt.signal,
  });
  // tfjs and worker threads may hold the event loop open: the run is over, so exit.
  process.exit(code);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'serve') {
  await serveCommand();
} else if (command === 'learn') {
  await learn(rest);
} else {
  process.stderr.write(usage);
  process.exit(command === undefined || command === '--help' || command === '-h' ? 0 : 2);
}
