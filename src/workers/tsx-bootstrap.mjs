/**
 * Entry of worker threads that run TypeScript modules. Plain JavaScript on purpose: on Node 20 a
 * worker whose entry is a `.ts` file fails ("Unknown file extension") even with the tsx loader in
 * `execArgv`, and a parent under vitest has no tsx loader at all. Registering tsx's ESM hooks here,
 * inside the worker, then importing `workerData.entry` (a file URL string) works the same under
 * `tsx`, `bin/modelgym.js` and vitest.
 */
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
