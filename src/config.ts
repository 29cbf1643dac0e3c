import { resolve } from 'node:path';

/** Server settings, from the environment with embedded defaults (README lists them). */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  secret: string | undefined;
  /** Held by graders: reveals tasks the server drew (`X-Grader-Key`); unset, nobody can. */
  graderKey: string | undefined;
  logLevel: string;
  maxBodyBytes: number | undefined;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  }
  return value;
}

function graderKeyFrom(env: NodeJS.ProcessEnv): string | undefined {
  const key = env.MODELGYM_GRADER_KEY;
  if (key === undefined || key === '') return undefined;
  // A short key could be guessed by trying: the same floor as MODELGYM_SECRET.
  if (key.length < 16) throw new RangeError('MODELGYM_GRADER_KEY must be at least 16 characters long');
  return key;
}

/** Reads the configuration; throws RangeError naming the variable when one is malformed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    host: env.HOST || '127.0.0.1',
    port: intFrom(env, 'PORT', 0, 65535) ?? 8080,
    dataDir: resolve(env.MODELGYM_DATA_DIR || 'data'),
    secret: env.MODELGYM_SECRET || undefined,
    graderKey: graderKeyFrom(env),
    logLevel: env.LOG_LEVEL || 'info',
    maxBodyBytes: intFrom(env, 'MODELGYM_MAX_BODY_BYTES', 1024, 1 << 30),
  };
}
