/**
 * The entry of every job worker thread. Plain JavaScript on purpose: on Node 20 a worker whose
 * entry is a `.ts` file fails ("Unknown file extension") even with `execArgv: ['--import', 'tsx']`
 * or with the tsx loader inherited from a parent run by `tsx`, and a parent under vitest has no
 * tsx loader at all. Registering tsx's ESM hooks here, inside the worker, makes `worker.ts` and
 * the handler modules (`.ts` or `.js`) load the same way under `tsx`, `bin/modelgym.js` and vitest.
 */
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
