/**
 * A child process for the store's multi-process tests (run with `node --import tsx`):
 * `store-worker.ts <root> <segments|counter> <count> <label>`. It prints "ready", waits for a line
 * on stdin, then either appends `count` segments `<label>:<i>` to stream `agents/a1/transitions`,
 * or increments the document `counters/c` `count` times by compare-and-swap, retrying when it loses.
 * @module
 */
import { once } from 'node:events';
import { FsStore } from '../../src/store/fs-store.ts';
import { StorePreconditionError } from '../../src/store/store.ts';

interface Counter {
  n: number;
  log: string[];
}

const [root, mode, countText, label] = process.argv.slice(2);
if (!root || !mode || !countText || !label)
  throw new Error('usage: store-worker.ts <root> <mode> <count> <label>');
const count = Number(countText);
const store = new FsStore(root);
process.stdout.write('ready\n');
await once(process.stdin, 'data');

for (let i = 0; i < count; i++) {
  if (mode === 'segments') {
    await store.appendSegment('agents/a1/transitions', new TextEncoder().encode(`${label}:${i}`));
  } else if (mode === 'counter') {
    for (;;) {
      const { value, etag } = await store.getDoc<Counter>('counters', 'c');
      try {
        await store.putDoc(
          'counters',
          'c',
          { n: value.n + 1, log: [...value.log, `${label}:${i}`] },
          { ifMatch: etag },
        );
        break;
      } catch (err) {
        if (!(err instanceof StorePreconditionError)) throw err;
      }
    }
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}
process.stdout.write('done\n');
