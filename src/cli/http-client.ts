/**
 * The few requests `learn --url` makes, in JSON over `fetch`: answers decoded, RFC 9457 problems
 * turned into {@link ServerProblemError}, connection failures into {@link ServerUnreachableError}.
 * @module
 */

/** The server could not be reached at all. */
export class ServerUnreachableError extends Error {
  override readonly name = 'ServerUnreachableError';
}

/** The server answered with a problem (4xx/5xx). */
export class ServerProblemError extends Error {
  override readonly name = 'ServerProblemError';
  constructor(
    readonly status: number,
    /** The problem's kind: the last segment of its `type` (e.g. `unknown-env`), or `http-<status>`. */
    readonly kind: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** The reason of a failed `fetch` (e.g. `ECONNREFUSED`), when Node gives one. */
function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

/** A client of one server. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly signal?: AbortSignal,
  ) {}

  /** Sends a request; throws unless the answer is 2xx. */
  async fetch(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        ...(this.signal ? { signal: this.signal } : {}),
      });
    } catch (err) {
      if (this.signal?.aborted) throw err;
      throw new ServerUnreachableError(
        `cannot reach the server at ${this.baseUrl} (${causeOf(err)}): is it running? (npx modelgym serve)`,
      );
    }
    if (!res.ok) throw await problemOf(res);
    return res;
  }

  /** A request whose answer is JSON. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetch(method, path, body === undefined ? {} : { body });
    return (await res.json()) as T;
  }
}

async function problemOf(res: Response): Promise<ServerProblemError> {
  const text = await res.text().catch(() => '');
  let problem: { type?: string; title?: string; detail?: string } = {};
  try {
    problem = JSON.parse(text);
  } catch {
    // Not a problem document (a proxy's page?): the status says enough.
  }
  const kind = problem.type?.split('/').pop() ?? `http-${res.status}`;
  const detail = problem.detail ?? problem.title ?? (text.slice(0, 200) || res.statusText);
  return new ServerProblemError(res.status, kind, detail);
}
