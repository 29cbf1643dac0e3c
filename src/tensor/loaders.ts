/**
 * How each backend is loaded. Everything heavy (tfjs, native TensorFlow, Dawn, the wasm binary) is
 * imported here on demand, never at module top level, so that importing this file costs nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type * as Tf from '@tensorflow/tfjs';
import type { BackendCandidate, BackendDetails, BackendLogger, BackendName } from './select.ts';

/** The tfjs module (the `@tensorflow/tfjs` union package). */
export type TfModule = typeof Tf;

let tfModule: Promise<TfModule> | undefined;

/** Imports tfjs once. It registers only the `cpu` backend in Node; the others come from loaders. */
export function importTf(): Promise<TfModule> {
  tfModule ??= import('@tensorflow/tfjs');
  return tfModule;
}

const require = createRequire(import.meta.url);

// Optional packages, named through variables so that TypeScript does not need their types (they are
// usually absent) and does not pull @webgpu/types' globals into the whole project.
const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';
const TFJS_NODE = '@tensorflow/tfjs-node';
const DAWN = 'webgpu';
const TFJS_WEBGPU = '@tensorflow/tfjs-backend-webgpu';

/** Which package registered tfjs's `tensorflow` backend (both native packages use that name). */
let nativePackage: string | undefined;
let wasmPathsSet = false;
/** The WebGPU adapter's name, once tfjs-backend-webgpu is registered. */
let webgpuDevice: string | undefined;

/**
 * Runs `fn` with console.warn captured: tfjs reports why a backend failed to initialise only there
 * (setBackend itself just returns false), and the service logs through pino, not the console.
 */
async function capturingWarnings<T>(fn: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  // biome-ignore lint/suspicious/noConsole: swapped out, not used: tfjs writes init failures there.
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '));
  };
  try {
    return { value: await fn(), warnings };
  } finally {
    console.warn = original;
  }
}

/**
 * Runs `fn` and removes the process-wide `uncaughtException` / `unhandledRejection` listeners it
 * added. Emscripten's Node glue (the wasm backend) installs listeners that rethrow, which turns every
 * crash into exit code 7 and takes crash handling away from the server and from vitest.
 */
async function withoutNewProcessListeners<T>(fn: () => Promise<T>): Promise<T> {
  const events = ['uncaughtException', 'unhandledRejection'];
  const emitter: NodeJS.EventEmitter = process;
  const before = events.map((event) => emitter.listeners(event));
  try {
    return await fn();
  } finally {
    events.forEach((event, i) => {
      for (const listener of emitter.listeners(event)) {
        if (!before[i]?.includes(listener))
          emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    });
  }
}

/** `tf.setBackend` that throws with tfjs's own explanation instead of returning false. */
async function activate(tf: TfModule, tfName: string, logger: BackendLogger): Promise<void> {
  const { value: ok, warnings } = await capturingWarnings(() => tf.setBackend(tfName));
  const explanation = warnings.filter((w) => !w.startsWith('Initialization of backend'));
  if (!ok) {
    throw new Error(explanation[0] ?? `tfjs could not initialise its "${tfName}" backend`);
  }
  for (const warning of warnings) logger.warn({ tfBackend: tfName, tfjs: warning }, 'tfjs warning');
}

function importFailure(pkg: string, error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    message.includes(`'${pkg}'`) &&
    !message.includes('.node')
  ) {
    return new Error(`${pkg} is not installed`);
  }
  // Installed without its install script: node-pre-gyp never fetched libtensorflow and the binding.
  const hint = /tfjs_binding|libtensorflow|\.node\b/.test(message)
    ? ` (libtensorflow missing: its install script did not run; \`npm rebuild ${pkg}\` with network access)`
    : '';
  return new Error(`${pkg} failed to load: ${message.split('\n')[0]}${hint}`);
}

async function loadNative(tf: TfModule, wantGpu: boolean, logger: BackendLogger): Promise<BackendDetails> {
  const pkg = wantGpu ? TFJS_NODE_GPU : TFJS_NODE;
  if (!tf.findBackendFactory('tensorflow')) {
    try {
      await import(pkg);
    } catch (error) {
      throw importFailure(pkg, error);
    }
    if (!tf.findBackendFactory('tensorflow')) {
      throw new Error(`${pkg} loaded but registered no "tensorflow" backend with this copy of tfjs-core`);
    }
    nativePackage = pkg;
  }
  if (wantGpu && nativePackage !== TFJS_NODE_GPU) {
    throw new Error(`tfjs's "tensorflow" backend already comes from ${nativePackage ?? 'another package'}`);
  }
  // The CPU case also accepts tfjs-node-gpu's backend: it is native TensorFlow either way.
  await activate(tf, 'tensorflow', logger);
  const usingGpu = (tf.backend() as { isUsingGpuDevice?: unknown }).isUsingGpuDevice === true;
  if (wantGpu && !usingGpu) {
    throw new Error(`${pkg} loaded, but TensorFlow found no CUDA GPU (it would run on the CPU)`);
  }
  return usingGpu ? { device: 'cuda' } : {};
}

/** Directories the dynamic loader searches, roughly: LD_LIBRARY_PATH, ld.so.conf.d, the usual ones. */
function libraryDirs(): string[] {
  const dirs = (process.env.LD_LIBRARY_PATH ?? '').split(':').filter((d) => d !== '');
  try {
    for (const file of readdirSync('/etc/ld.so.conf.d')) {
      if (!file.endsWith('.conf')) continue;
      for (const line of readFileSync(join('/etc/ld.so.conf.d', file), 'utf8').split('\n')) {
        const dir = line.trim();
        if (dir.startsWith('/')) dirs.push(dir);
      }
    }
  } catch {
    // No ld.so.conf.d: the defaults below remain.
  }
  const arch = process.arch === 'arm64' ? 'aarch64' : 'x86_64';
  dirs.push(
    `/lib/${arch}-linux-gnu`,
    `/usr/lib/${arch}-linux-gnu`,
    '/lib64',
    '/usr/lib64',
    '/lib',
    '/usr/lib',
  );
  return dirs;
}

/**
 * Whether the Vulkan loader (Debian's libvulkan1) is installed; undefined off Linux, where Dawn
 * uses Metal or Direct3D instead.
 */
export function libVulkanFound(): boolean | undefined {
  if (process.platform !== 'linux') return undefined;
  return libraryDirs().some((dir) => existsSync(join(dir, 'libvulkan.so.1')));
}

interface DawnAdapter {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
}
interface DawnGpu {
  requestAdapter(options?: {
    powerPreference?: 'high-performance' | 'low-power';
  }): Promise<DawnAdapter | null>;
}
interface DawnModule {
  create(flags: string[]): DawnGpu;
  globals: object;
}

const NO_VULKAN = 'libvulkan.so.1 not found (Debian: libvulkan1, plus the GPU driver with its Vulkan ICD)';

function installNavigatorGpu(gpu: DawnGpu): void {
  const global = globalThis as { navigator?: { gpu?: unknown } };
  if (global.navigator === undefined) {
    // Node 20 has no navigator; tfjs-backend-webgpu looks for navigator.gpu when it is imported.
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  } else if (!global.navigator.gpu) {
    Object.defineProperty(global.navigator, 'gpu', { value: gpu, configurable: true });
  }
}

async function loadWebGpu(tf: TfModule, forced: boolean, logger: BackendLogger): Promise<BackendDetails> {
  if (!tf.findBackendFactory('webgpu')) {
    // Without the Vulkan loader Dawn can only fail, and it says so on stderr, around our JSON logs.
    const noVulkan = libVulkanFound() === false ? NO_VULKAN : undefined;
    if (!forced && noVulkan) throw new Error(noVulkan);
    let dawn: DawnModule;
    try {
      dawn = (await import(DAWN)) as DawnModule;
    } catch (error) {
      throw importFailure(DAWN, error);
    }
    const gpu = dawn.create([]);
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (adapter === null) {
      throw new Error(
        `Dawn found no WebGPU adapter: ${noVulkan ?? 'no GPU, or no Vulkan driver (ICD) for it'}`,
      );
    }
    const info = adapter.info ?? {};
    const name = [info.vendor, info.architecture, info.description].filter((s) => s).join(' ') || 'unknown';
    const software =
      (info.isFallbackAdapter ?? adapter.isFallbackAdapter) === true ||
      /swiftshader|llvmpipe|lavapipe/i.test(name);
    if (software && !forced) {
      throw new Error(`only a software WebGPU adapter (${name}); wasm is faster on the CPU`);
    }
    // tfjs-backend-webgpu uses the WebGPU constants (GPUBufferUsage, ...) as globals, and registers
    // itself on import only if navigator.gpu exists: set both up before importing it.
    Object.assign(globalThis, dawn.globals);
    // navigator.gpu also keeps Dawn's instance alive for the life of the process.
    installNavigatorGpu(gpu);
    webgpuDevice = name;
    await import(TFJS_WEBGPU);
    if (!tf.findBackendFactory('webgpu')) {
      throw new Error(`${TFJS_WEBGPU} did not register a "webgpu" backend`);
    }
    await activate(tf, 'webgpu', logger);
    return { device: name };
  }
  await activate(tf, 'webgpu', logger);
  return webgpuDevice === undefined ? {} : { device: webgpuDevice };
}

async function loadWasm(tf: TfModule, logger: BackendLogger): Promise<BackendDetails> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (!wasmPathsSet) {
    // The binaries ship beside the package's Node entry point; point tfjs there so that it reads
    // them from disk (offline) instead of guessing a URL.
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    if (!existsSync(join(dist, 'tfjs-backend-wasm-simd.wasm'))) {
      throw new Error(`no wasm binaries in ${dist}`);
    }
    wasm.setWasmPaths(dist + sep);
    wasmPathsSet = true;
  }
  // No thread count to set: tfjs only uses the threaded SIMD build where the environment has
  // WASM_HAS_MULTITHREAD_SUPPORT, which it forces to false in Node (its pthread workers are blob:
  // URLs, which Node's Worker rejects). XNNPACK then runs single-threaded; see docs/tensor-backends.md.
  await withoutNewProcessListeners(() => activate(tf, 'wasm', logger));
  return {
    threads: wasm.getThreadsCount(),
    simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true,
  };
}

/** The real candidates, in {@link BACKEND_ORDER}; `forced` relaxes webgpu's pre-checks. */
export function backendCandidates(options: { forced?: BackendName | undefined; logger: BackendLogger }) {
  const { forced, logger } = options;
  const candidates: BackendCandidate[] = [
    { name: 'tensorflow-gpu', load: async () => loadNative(await importTf(), true, logger) },
    { name: 'webgpu', load: async () => loadWebGpu(await importTf(), forced === 'webgpu', logger) },
    { name: 'tensorflow', load: async () => loadNative(await importTf(), false, logger) },
    { name: 'wasm', load: async () => loadWasm(await importTf(), logger) },
    {
      name: 'cpu',
      load: async () => {
        const tf = await importTf();
        await activate(tf, 'cpu', logger);
        // Its first tensor would print a console banner recommending tfjs-node; the log above
        // already says why that was not used.
        const cpu = tf.backend() as { firstUse?: boolean };
        if (cpu.firstUse === true) cpu.firstUse = false;
        return { threads: 1 };
      },
    },
  ];
  return candidates;
}
