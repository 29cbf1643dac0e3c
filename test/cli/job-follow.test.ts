import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/cli/errors.ts';
import { ApiClient, ServerProblemError, ServerUnreachableError } from '../../src/cli/http-client.ts';
import { followJob, type JobEventData } from '../../src/cli/job-follow.ts';
import { UnknownEnvError } from '../../src/envs/errors.ts';

const frame = (seq: number, type: string) =>
  `id: ${seq}\nevent: ${type}\ndata: ${JSON.stringify({ seq, time: '2026-01-01T00:00:00Z', type })}\n\n`;

describe('following a job', () => {
  let server: Server;
  let client: ApiClient;
  const seen: Array<string | undefined> = [];
  beforeAll(async () => {
    // Job "flaky": the first stream stops after two events; a reconnection gets the rest.
    server = createServer((req, res) => {
      if (!req.url?.startsWith('/v1/jobs/flaky/')) {
        res.writeHead(404, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ type: 'https://modelgym.dev/problems/unknown-job', detail: 'no job' }));
        return;
      }
      const last = req.headers['last-event-id'] as string | undefined;
      seen.push(last);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (last === undefined) res.end(`: hi\n\n${frame(1, 'started')}${frame(2, 'progress')}`);
      else res.end(`${frame(3, 'log')}${frame(4, 'succeeded')}${frame(5, 'never')}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reopens a stream that ended early with Last-Event-ID, and stops at the terminal event', async () => {
    const events: JobEventData[] = [];
    const end = await followJob(client, 'flaky', (e) => events.push(e), { retryMs: 10 });
    expect(events.map((e) => e.type)).toEqual(['started', 'progress', 'log', 'succeeded']);
    expect(end.type).toBe('succeeded');
    expect(seen).toEqual([undefined, '2']);
  });

  it('does not retry a refusal', async () => {
    await expect(followJob(client, 'nope', () => {}, { retryMs: 10 })).rejects.toBeInstanceOf(
      ServerProblemError,
    );
  });
});

describe('failure messages and exit codes', () => {
  it('maps errors to one line and a code', () => {
    expect(describeFailure(new UnknownEnvError('X-v0'))).toEqual({
      message: 'no environment "X-v0" is registered',
      exitCode: 2,
    });
    expect(describeFailure(new ServerProblemError(404, 'unknown-env', 'no env'))).toEqual({
      message: 'the server refused (404 unknown-env): no env',
      exitCode: 2,
    });
    expect(describeFailure(new ServerProblemError(503, 'shutting-down', 'bye')).exitCode).toBe(1);
    expect(describeFailure(new ServerUnreachableError('cannot reach')).exitCode).toBe(1);
    expect(describeFailure(new DOMException('aborted', 'AbortError'))).toEqual({
      message: 'interrupted',
      exitCode: 130,
    });
    expect(describeFailure(new Error('boom'))).toEqual({ message: 'boom', exitCode: 1 });
  });
});
