import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { startServer } from '../server.ts';

const usage = `usage: modelgym <command>

commands:
  serve    start the HTTP service (HOST, PORT, MODELGYM_DATA_DIR, MODELGYM_SECRET, LOG_LEVEL)
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

const [command] = process.argv.slice(2);
if (command === 'serve') {
  await serveCommand();
} else {
  process.stderr.write(usage);
  process.exit(command === undefined || command === '--help' || command === '-h' ? 0 : 2);
}
