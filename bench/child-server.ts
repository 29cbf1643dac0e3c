import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A server started in its own process (its own core), and how to stop it. */
export interface ChildServer {
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` and waits for a JSON log line carrying the port (`{port}` or modelgym's
 * `{url}` "listening" line).
 */
export function startChild(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`server ${args.join(' ')} did not start`)), 30_000);
    lines.on('line', (line) => {
      let port: number | undefined;
      try {
        const parsed = JSON.parse(line) as { port?: number; url?: string };
        port = parsed.port ?? (parsed.url ? Number(new URL(parsed.url).port) : undefined);
      } catch {
        return;
      }
      if (!port) return;
      clearTimeout(timer);
      // Stop parsing log lines: the benchmark client shares this process.
      lines.close();
      child.stdout!.resume();
      resolve({
        port,
        process: child,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}
