import type { components } from '../generated/openapi.ts';

/** A problem body as the spec defines it. */
export type Problem = components['schemas']['Problem'];
type ProblemTypeUri = Problem['type'];

/** The error classes of the API, named by the last segment of their `type` URI. */
export type ProblemKind = ProblemTypeUri extends `https://modelgym.dev/problems/${infer K}` ? K : never;

const base = 'https://modelgym.dev/problems/';

/** Status and title of every problem kind; the `type` URIs themselves are listed once, in the spec. */
export const problemCatalog: Readonly<Record<ProblemKind, { status: number; title: string }>> = {
  'unknown-env': { status: 404, title: 'Unknown environment' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'Not acceptable' },
  'invalid-state': { status: 400, title: 'Invalid state token' },
  'malformed-body': { status: 400, title: 'Malformed body' },
  'malformed-request': { status: 400, title: 'Malformed request' },
  'reset-needed': { status: 409, title: 'Reset needed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  validation: { status: 422, title: 'Request does not match the schema' },
  'invalid-action': { status: 422, title: 'Invalid action' },
  'invalid-argument': { status: 422, title: 'Invalid argument' },
  internal: { status: 500, title: 'Internal error' },
  'unknown-agent': { status: 404, title: 'Unknown agent' },
  'unknown-external-env': { status: 404, title: 'Unknown external environment' },
  'unknown-job': { status: 404, title: 'Unknown job' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  conflict: { status: 409, title: 'Conflict' },
  'not-trained': { status: 409, title: 'Agent not trained' },
  'not-supported': { status: 422, title: 'Operation not supported by this agent type' },
  'task-hidden': { status: 403, title: 'Task hidden' },
  'too-many-streams': { status: 503, title: 'Too many event streams' },
  'insufficient-storage': { status: 507, title: 'Insufficient storage' },
  'invalid-context': { status: 400, title: 'Invalid plan context' },
  'corrupt-data': { status: 500, title: 'Stored data is corrupt' },
};

/** Full `type` URI of a problem kind. */
export function problemType(kind: ProblemKind): ProblemTypeUri {
  return `${base}${kind}` as ProblemTypeUri;
}

/**
 * The one error class route code throws for a client-visible failure. Everything else that
 * reaches the error handler is mapped by `toProblem` (see `error-handler.ts`).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: Problem['errors'],
  ) {
    super(detail);
  }

  get status(): number {
    return problemCatalog[this.kind].status;
  }

  /** The RFC 9457 body. */
  toProblem(instance?: string): Problem {
    const { status, title } = problemCatalog[this.kind];
    const problem: Problem = { type: problemType(this.kind), title, status, detail: this.detail };
    if (instance) problem.instance = instance;
    if (this.errors) problem.errors = this.errors;
    return problem;
  }
}
