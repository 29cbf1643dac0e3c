import { destination, type Logger, pino } from 'pino';

/**
 * The server's logger: JSON lines on stdout, written asynchronously (lines queued while a
 * write is in flight go out together), so the access log costs no syscall per request.
 * Call `logger.flush()` before exiting.
 */
export function createLogger(level: string): Logger {
  return pino({ level }, destination({ dest: 1, sync: false }));
}
