import { expect, it } from 'vitest';
import { initTensorBackend, resetTensorBackendForTesting } from './backend.ts';

// Its own file: emscripten installs its listeners only on the wasm backend's first initialisation.
it('loading wasm leaves no uncaughtException / unhandledRejection listeners (emscripten adds rethrowing ones)', async () => {
  const count = () => [
    process.listenerCount('uncaughtException'),
    process.listenerCount('unhandledRejection'),
  ];
  const before = count();
  try {
    await expect(initTensorBackend({ force: 'wasm' })).resolves.toMatchObject({ name: 'wasm' });
    expect(count()).toEqual(before);
  } finally {
    resetTensorBackendForTesting();
  }
});
