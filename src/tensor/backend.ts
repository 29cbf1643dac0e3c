/**
 * The process's tensor backend: chosen once (tensorflow-gpu > webgpu > tensorflow > wasm > cpu, or
 * the one `MODELGYM_BACKEND` forces), logged, and reported by `/v1/health`. Importing this file
 * loads no tfjs; `initTensorBackend` does.
 */
import { backendCandidates, importTf, type TfModule } from './loaders.ts';
import {
  type BackendAttempt,
  type BackendLogger,
  type BackendName,
  chooseBackend,
  parseBackendName,
  TensorBackendError,
} from './select.ts';

export type { TfModule } from './loaders.ts';
export type { BackendAttempt, BackendLogger, BackendName } from './select.ts';
export { BACKEND_ORDER, TensorBackendError } from './select.ts';

/** The backend in use and how it was chosen. */
export interface BackendInfo {
  /** Our name for it (tfjs calls both native TensorFlow backends `tensorflow`). */
  name: BackendName;
  /** tfjs's name, `tf.getBackend()`. */
  tfBackend: string;
  /** Whether `MODELGYM_BACKEND` / `force` chose it rather than automatic selection. */
  forced: boolean;
  /** Every backend tried, in order, the chosen one last. */
  tried: BackendAttempt[];
  /** `@tensorflow/tfjs` version. */
  tfVersion: string;
  /** Threads the backend computes with, where known (wasm: 1 in Node, see the docs; cpu: 1). */
  threads?: number;
  /** wasm: whether the SIMD build runs. */
  simd?: boolean;
  /** GPU backends: the device. */
  device?: string;
}

/** Options of {@link initTensorBackend}. */
export interface InitTensorBackendOptions {
  /** Forces a backend, like (and in preference to) `MODELGYM_BACKEND`; `auto` selects. */
  force?: string;
  /** Receives one warn line per failed attempt and one info line for the choice. */
  logger?: BackendLogger;
  /** Where `MODELGYM_BACKEND` is read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

const silent: BackendLogger = { info() {}, warn() {} };

let pending: Promise<BackendInfo> | undefined;
let current: BackendInfo | undefined;

async function initialise(force: BackendName | undefined, forcedBy: string, logger: BackendLogger) {
  const choice = await chooseBackend(backendCandidates({ forced: force, logger }), {
    force,
    forcedBy,
    logger,
  });
  const tf = await importTf();
  const info: BackendInfo = {
    name: choice.name,
    tfBackend: tf.getBackend(),
    forced: force !== undefined,
    tried: choice.tried.map((attempt) => Object.freeze(attempt)),
    tfVersion: tf.version.tfjs ?? tf.version_core,
    ...choice.details,
  };
  Object.freeze(info.tried);
  current = Object.freeze(info);
  return current;
}

/**
 * Chooses the tensor backend and makes it tfjs's active one. Tries tensorflow-gpu
 * (`@tensorflow/tfjs-node-gpu` with a CUDA device), webgpu (Dawn via the `webgpu` package, with a
 * hardware adapter), tensorflow (`@tensorflow/tfjs-node`), wasm, cpu, and keeps the first that loads.
 * `MODELGYM_BACKEND` (or `force`) names one to use instead: if it cannot load, this rejects with a
 * {@link TensorBackendError} naming it, without falling back. Idempotent: later calls resolve to the
 * same (frozen) info; one that forces a different backend rejects.
 */
export async function initTensorBackend(options: InitTensorBackendOptions = {}): Promise<BackendInfo> {
  const forcedBy = options.force !== undefined ? 'options.force' : 'MODELGYM_BACKEND';
  const force = parseBackendName(options.force ?? (options.env ?? process.env).MODELGYM_BACKEND, forcedBy);
  if (pending === undefined) {
    const attempt = initialise(force, forcedBy, options.logger ?? silent);
    pending = attempt;
    // A failed start may be retried (with another MODELGYM_BACKEND, or after fixing the install).
    attempt.catch(() => {
      if (pending === attempt) pending = undefined;
    });
    return attempt;
  }
  const info = await pending;
  if (force !== undefined && force !== info.name) {
    throw new TensorBackendError(
      `tensor backend already initialised as "${info.name}"; cannot switch to "${force}" (${forcedBy})`,
      force,
      info.tried,
    );
  }
  return info;
}

/** The backend chosen by {@link initTensorBackend}, or undefined before it resolved (for health). */
export function tensorBackendInfo(): BackendInfo | undefined {
  return current;
}

/**
 * tfjs with the backend initialised: what models and planners call instead of importing
 * `@tensorflow/tfjs` at top level (type-only imports of it are free).
 */
export async function loadTf(options?: InitTensorBackendOptions): Promise<TfModule> {
  await initTensorBackend(options);
  return importTf();
}

/**
 * Forgets the choice so that the next {@link initTensorBackend} selects again. Tests only: tfjs's
 * active backend stays as it is (restore it with `tf.setBackend`).
 */
export function resetTensorBackendForTesting(): void {
  pending = undefined;
  current = undefined;
}
