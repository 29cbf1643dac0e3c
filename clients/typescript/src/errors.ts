import type { components } from './generated/openapi.ts';

/** An RFC 9457 problem as the API sends it. */
export type Problem = components['schemas']['Problem'];

/** The stable `type` URIs of the API's problems. */
export type ProblemType = Problem['type'];

/** One failed schema rule of a `validation` problem. */
export type ProblemFieldError = NonNullable<Problem['errors']>[number];

const prefix = 'https://modelgym.dev/problems/';

/**
 * An API error as an exception: the problem's fields plus the HTTP status. Subclasses name the
 * problem `type` (e.g. {@link UnknownEnvError}); an error body that is not a problem (a proxy's
 * HTML page, an empty 502) is a plain `ModelgymError` with type `about:blank`.
 */
export class ModelgymError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** Problem type URI, e.g. `https://modelgym.dev/problems/unknown-env`. */
  readonly type: ProblemType | 'about:blank';
  /** Short summary of the problem class. */
  readonly title: string;
  /** What went wrong this time. */
  readonly detail: string | undefined;
  /** For `validation` problems, one entry per failed rule. */
  readonly errors: ProblemFieldError[] | undefined;
  /** The request id (also the `X-Request-Id` response header). */
  readonly instance: string | undefined;
  /** The problem as received. */
  readonly problem: Problem | undefined;

  constructor(problem: Problem | undefined, status: number, fallback?: string) {
    const title = problem?.title ?? `HTTP ${status}`;
    const detail = problem?.detail ?? fallback;
    super(detail ? `${title}: ${detail}` : title);
    this.name = new.target.name;
    this.status = problem?.status ?? status;
    this.type = problem?.type ?? 'about:blank';
    this.title = title;
    this.detail = detail;
    this.errors = problem?.errors;
    this.instance = problem?.instance;
    this.problem = problem;
  }
}

/** 404 `unknown-env`: no environment with this id (the detail may suggest one). */
export class UnknownEnvError extends ModelgymError {}
/** 404 `not-found`: no such route. */
export class NotFoundError extends ModelgymError {}
/** 405 `method-not-allowed`. */
export class MethodNotAllowedError extends ModelgymError {}
/** 406 `not-acceptable`: the server cannot answer in the accepted format. */
export class NotAcceptableError extends ModelgymError {}
/** 400 `invalid-state`: a tampered, foreign-env, unknown-key, wrong-version or malformed state token. */
export class InvalidStateError extends ModelgymError {}
/** 400 `malformed-body`: undecodable JSON or msgpack. */
export class MalformedBodyError extends ModelgymError {}
/** 400 `malformed-request`: the request target could not be read (e.g. a raw backslash in the path). */
export class MalformedRequestError extends ModelgymError {}
/** 409 `reset-needed`: a step after the episode ended (Gymnasium's `ResetNeeded`). */
export class ResetNeededError extends ModelgymError {}
/** 413 `payload-too-large`: the request body is over the server's limit. */
export class PayloadTooLargeError extends ModelgymError {}
/** 415 `unsupported-media-type`. */
export class UnsupportedMediaTypeError extends ModelgymError {}
/** 422 `validation`: the request breaks the schema; see `errors` for each failed rule. */
export class ValidationError extends ModelgymError {}
/** 422 `invalid-action`: wrong shape or dtype, NaN/inf, or outside the action space. */
export class InvalidActionError extends ModelgymError {}
/** 422 `invalid-argument`: bad kwargs or reset options. */
export class InvalidArgumentError extends ModelgymError {}
/** 500 `internal`. */
export class InternalError extends ModelgymError {}
/** 404 `unknown-agent`. */
export class UnknownAgentError extends ModelgymError {}
/** 404 `unknown-external-env`. */
export class UnknownExternalEnvError extends ModelgymError {}
/** 404 `unknown-job`. */
export class UnknownJobError extends ModelgymError {}
/** 412 `precondition-failed`: `If-Match` is not the resource's current ETag. */
export class PreconditionFailedError extends ModelgymError {}
/** 409 `conflict`. */
export class ConflictError extends ModelgymError {}
/** 409 `not-trained`: the agent has no trained version to plan with yet. */
export class NotTrainedError extends ModelgymError {}
/** 422 `not-supported`: the agent's type does not offer this operation (e.g. `plan`). */
export class NotSupportedError extends ModelgymError {}
/** 403 `task-hidden`: the episode's task was drawn by the server; revealing it needs the grader key. */
export class TaskHiddenError extends ModelgymError {}
/** 503 `too-many-streams`: the server has as many job event streams open as it serves; retry later. */
export class TooManyStreamsError extends ModelgymError {}
/** 507 `insufficient-storage`: the server's disk is full; nothing was stored. */
export class InsufficientStorageError extends ModelgymError {}
/** 400 `invalid-context`: a tampered, foreign or other agent's plan context. */
export class InvalidContextError extends ModelgymError {}
/** 500 `corrupt-data`: stored data failed its checksum. */
export class CorruptDataError extends ModelgymError {}

type Kind = ProblemType extends `${typeof prefix}${infer K}` ? K : never;

/** One class per problem kind; typed over the spec's enum, so a new kind fails to compile here. */
const classes: Record<Kind, typeof ModelgymError> = {
  'unknown-env': UnknownEnvError,
  'not-found': NotFoundError,
  'method-not-allowed': MethodNotAllowedError,
  'not-acceptable': NotAcceptableError,
  'invalid-state': InvalidStateError,
  'malformed-body': MalformedBodyError,
  'malformed-request': MalformedRequestError,
  'reset-needed': ResetNeededError,
  'payload-too-large': PayloadTooLargeError,
  'unsupported-media-type': UnsupportedMediaTypeError,
  validation: ValidationError,
  'invalid-action': InvalidActionError,
  'invalid-argument': InvalidArgumentError,
  internal: InternalError,
  'unknown-agent': UnknownAgentError,
  'unknown-external-env': UnknownExternalEnvError,
  'unknown-job': UnknownJobError,
  'precondition-failed': PreconditionFailedError,
  conflict: ConflictError,
  'not-trained': NotTrainedError,
  'not-supported': NotSupportedError,
  'task-hidden': TaskHiddenError,
  'too-many-streams': TooManyStreamsError,
  'insufficient-storage': InsufficientStorageError,
  'invalid-context': InvalidContextError,
  'corrupt-data': CorruptDataError,
};

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.type === 'string' && typeof p.title === 'string' && typeof p.status === 'number';
}

/**
 * The exception for an error body: the class of its problem `type`, or a plain
 * {@link ModelgymError} when the body is not a problem of this API.
 */
export function toModelgymError(body: unknown, status: number): ModelgymError {
  if (!isProblem(body)) {
    const text = typeof body === 'string' && body.length > 0 ? body.slice(0, 500) : undefined;
    return new ModelgymError(undefined, status, text);
  }
  const kind = body.type.startsWith(prefix) ? body.type.slice(prefix.length) : '';
  const Class = Object.hasOwn(classes, kind) ? classes[kind as Kind] : ModelgymError;
  return new Class(body, status);
}

/** The {@link ResetNeededError} of a call made before `reset()` (raised locally, as Gymnasium's `OrderEnforcing`). */
export function resetNeeded(call: string): ResetNeededError {
  const detail = `cannot call ${call}() before reset()`;
  return new ResetNeededError(
    { type: `${prefix}reset-needed`, title: 'Reset needed', status: 409, detail },
    409,
  );
}

/**
 * The data of an openapi-fetch result, or throws its error as a {@link ModelgymError} subclass:
 * `const detail = unwrap(await client.GET('/v1/envs/{env_id}', ...))`.
 */
export function unwrap<D>(result: { data?: D; error?: unknown; response: Response }): D {
  if (!result.response.ok) throw toModelgymError(result.error, result.response.status);
  return result.data as D;
}
