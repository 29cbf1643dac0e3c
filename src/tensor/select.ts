/**
 * Backend selection as plain logic: try candidates in order, record why each one failed, stop at
 * the first that loads. Kept free of tfjs so that it can be tested with fake candidates.
 */

/** Our backend names, in the order automatic selection tries them. */
export const BACKEND_ORDER = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;

/** One of {@link BACKEND_ORDER}. `tensorflow-gpu` and `tensorflow` are both tfjs's `tensorflow`. */
export type BackendName = (typeof BACKEND_ORDER)[number];

/** One attempt to load a backend, as reported by `/v1/health`. */
export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it could not be used (absent when `ok`). */
  reason?: string;
}

/** Where log lines go; a pino `Logger` fits. */
export interface BackendLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** What a successful load learned about the backend. */
export interface BackendDetails {
  /** Threads the backend computes with, where it knows (wasm: XNNPACK's pool; cpu: 1). */
  threads?: number;
  /** wasm: whether the SIMD build was loaded. */
  simd?: boolean;
  /** GPU backends: the device, as the driver names it. */
  device?: string;
}

/** A backend that selection may try: `load` makes it tfjs's active backend or throws why not. */
export interface BackendCandidate {
  name: BackendName;
  load(): Promise<BackendDetails>;
}

/** A backend could not be used: a forced one failed to load, or a name is unknown. */
export class TensorBackendError extends Error {
  override name = 'TensorBackendError';
  constructor(
    message: string,
    /** The backend asked for, when one was. */
    readonly backend: string | undefined,
    /** Every attempt made before giving up. */
    readonly tried: BackendAttempt[] = [],
  ) {
    super(message);
  }
}

/**
 * Reads a `MODELGYM_BACKEND`-style value: a backend name forces it; unset, empty or `auto` means
 * automatic selection (undefined). Anything else is a {@link TensorBackendError} listing the names.
 */
export function parseBackendName(
  raw: string | undefined,
  source = 'MODELGYM_BACKEND',
): BackendName | undefined {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'auto') return undefined;
  const known = BACKEND_ORDER.find((name) => name === value);
  if (known === undefined) {
    throw new TensorBackendError(
      `${source}="${raw}" is not a tensor backend; use one of ${BACKEND_ORDER.join(', ')} or auto`,
      raw,
    );
  }
  return known;
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Native loaders put whole stacks and require chains in messages; the first line says what failed.
  const first = text.split('\n').find((line) => line.trim() !== '') ?? text;
  return first.trim().slice(0, 500);
}

/** The outcome of {@link chooseBackend}. */
export interface Choice {
  name: BackendName;
  details: BackendDetails;
  tried: BackendAttempt[];
}

/**
 * Loads the forced backend, or the first candidate that loads. Each failure is logged at warn with
 * its reason and the choice at info. A forced backend that fails throws (no fallback: whoever forced
 * it wants to know); so does running out of candidates.
 */
export async function chooseBackend(
  candidates: readonly BackendCandidate[],
  options: { force?: BackendName | undefined; forcedBy?: string; logger: BackendLogger },
): Promise<Choice> {
  const { force, logger } = options;
  const queue = force === undefined ? candidates : candidates.filter((c) => c.name === force);
  if (force !== undefined && queue.length === 0) {
    throw new TensorBackendError(`tensor backend "${force}" is not available in this build`, force);
  }
  const tried: BackendAttempt[] = [];
  for (const candidate of queue) {
    try {
      const details = await candidate.load();
      tried.push({ name: candidate.name, ok: true });
      logger.info(
        { tensorBackend: candidate.name, forced: force !== undefined, ...details, tried },
        `tensor backend: ${candidate.name}`,
      );
      return { name: candidate.name, details, tried };
    } catch (error) {
      const reason = reasonOf(error);
      tried.push({ name: candidate.name, ok: false, reason });
      logger.warn({ tensorBackend: candidate.name, reason }, `tensor backend ${candidate.name} unavailable`);
      if (force !== undefined) {
        throw new TensorBackendError(
          `tensor backend "${force}" (forced by ${options.forcedBy ?? 'MODELGYM_BACKEND'}) could not be loaded: ${reason}`,
          force,
          tried,
        );
      }
    }
  }
  throw new TensorBackendError(
    `no tensor backend could be loaded (tried ${tried.map((t) => t.name).join(', ')})`,
    undefined,
    tried,
  );
}
