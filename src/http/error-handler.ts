import type { Context } from 'hono';
import type { Logger } from 'pino';
import {
  AgentArgumentError,
  InvalidContextError,
  NotSupportedError,
  NotTrainedError,
  PreconditionFailedError,
  UnknownResourceError,
} from '../agents/errors.ts';
import { EnvArgumentError } from '../envs/env.ts';
import { EpisodeEndedError, InvalidActionError, TaskHiddenError, UnknownEnvError } from '../envs/errors.ts';
import { StateTokenError } from '../state/seal.ts';
import { StoreConflictError, StoreCorruptionError, StorePreconditionError } from '../store/store.ts';
import type { AppEnv } from './app-env.ts';
import { encodeBody } from './codec.ts';
import { ApiError } from './problems.ts';

/** The one mapping from every error the lower layers throw to an API problem. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof UnknownEnvError) return new ApiError('unknown-env', err.message);
  if (err instanceof InvalidActionError) return new ApiError('invalid-action', err.message);
  if (err instanceof EpisodeEndedError) return new ApiError('reset-needed', err.message);
  if (err instanceof TaskHiddenError) return new ApiError('task-hidden', err.message);
  if (err instanceof StateTokenError) return new ApiError('invalid-state', err.message);
  if (err instanceof AgentArgumentError) {
    return new ApiError('invalid-argument', `${err.field}: ${err.message}`, [
      { pointer: `/body/${err.field.replaceAll('.', '/')}`, message: err.message },
    ]);
  }
  if (err instanceof UnknownResourceError) {
    return new ApiError(err.kind === 'agent' ? 'unknown-agent' : 'unknown-external-env', err.message);
  }
  if (err instanceof NotTrainedError) return new ApiError('not-trained', err.message);
  if (err instanceof NotSupportedError) return new ApiError('not-supported', err.message);
  if (err instanceof InvalidContextError) return new ApiError('invalid-context', err.message);
  if (err instanceof PreconditionFailedError || err instanceof StorePreconditionError) {
    return new ApiError('precondition-failed', err.message);
  }
  if (err instanceof StoreConflictError) return new ApiError('conflict', err.message);
  if (err instanceof StoreCorruptionError) {
    return new ApiError('corrupt-data', `stored data failed verification and was not used (${err.message})`);
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    // Writes are temp files renamed into place: a failed one leaves nothing half-written behind.
    return new ApiError(
      'insufficient-storage',
      'the server is out of disk space; nothing was stored, retry later',
    );
  }
  if (err instanceof EnvArgumentError) {
    return new ApiError('invalid-argument', `${err.field}: ${err.message}`, [
      { pointer: `/body/${err.field.replaceAll('.', '/')}`, message: err.message },
    ]);
  }
  return new ApiError(
    'internal',
    'the server failed to handle this request; the error is logged under its request id',
  );
}

/** Hono `onError`: answers a problem in the negotiated format and logs server faults. */
export function errorHandler(logger: Logger) {
  return (err: Error, c: Context<AppEnv>): Response => {
    const apiError = toApiError(err);
    const reqId = c.get('requestId');
    if (
      apiError.kind === 'internal' ||
      apiError.kind === 'corrupt-data' ||
      apiError.kind === 'insufficient-storage'
    )
      logger.error({ reqId, err }, 'unhandled error');
    else logger.debug({ reqId, problem: apiError.kind, detail: apiError.detail }, 'request refused');
    const format = c.get('format') ?? 'json';
    const { bytes, contentType } = encodeBody(apiError.toProblem(c.get('requestId')), format, true);
    return c.body(bytes as string, apiError.status as 400, { 'Content-Type': contentType });
  };
}
