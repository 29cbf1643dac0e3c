/**
 * How the CLI reports a failure: one line for stderr and an exit code. 2 for what the user can
 * fix in the command line (bad options, unknown env, a config the agent refuses), 130 when
 * interrupted, 1 for everything else (server unreachable, a failed job, a crash).
 * @module
 */
import { AgentArgumentError, UnknownResourceError } from '../agents/errors.ts';
import { UnknownEnvError } from '../envs/errors.ts';
import { ApiError } from '../http/problems.ts';
import { UsageError } from './args.ts';
import { ServerProblemError, ServerUnreachableError } from './http-client.ts';

/** A failure as the CLI shows it. */
export interface CliFailure {
  message: string;
  exitCode: number;
}

/** Problem kinds that mean the command line asked for something wrong. */
const usageKinds = new Set(['unknown-env', 'validation', 'invalid-argument']);

/** The message and exit code of an error thrown by a command. */
export function describeFailure(err: unknown): CliFailure {
  if (err instanceof UsageError || err instanceof UnknownEnvError)
    return { message: err.message, exitCode: 2 };
  if (err instanceof AgentArgumentError) return { message: `${err.field}: ${err.message}`, exitCode: 2 };
  if (err instanceof ApiError)
    return { message: `invalid agent request: ${err.detail}`, exitCode: err.status < 500 ? 2 : 1 };
  if (err instanceof ServerProblemError) {
    return {
      message: `the server refused (${err.status} ${err.kind}): ${err.detail}`,
      exitCode: usageKinds.has(err.kind) ? 2 : 1,
    };
  }
  if (err instanceof ServerUnreachableError || err instanceof UnknownResourceError)
    return { message: err.message, exitCode: 1 };
  if ((err as Error)?.name === 'AbortError') return { message: 'interrupted', exitCode: 130 };
  return { message: err instanceof Error ? err.message : String(err), exitCode: 1 };
}
