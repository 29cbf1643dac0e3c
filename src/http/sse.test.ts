import { describe, expect, it } from 'vitest';
import { eventStream, prefersEventStream, type SseMessage, sseFrame } from './sse.ts';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('event-stream negotiation', () => {
  it('wants a stream only when text/event-stream is named and not outranked', () => {
    expect(prefersEventStream('text/event-stream')).toBe(true);
    expect(prefersEventStream('text/event-stream, application/json')).toBe(true);
    expect(prefersEventStream('application/json;q=0.5, text/event-stream')).toBe(true);
    expect(prefersEventStream('text/event-stream;q=0.5, application/json')).toBe(false);
    expect(prefersEventStream('text/event-stream;q=0')).toBe(false);
    expect(prefersEventStream('*/*')).toBe(false);
    expect(prefersEventStream('application/msgpack')).toBe(false);
    expect(prefersEventStream(undefined)).toBe(false);
  });
});

describe('event streams', () => {
  it('frames id, event and (multi-line) data', () => {
    expect(sseFrame({ id: '3', event: 'progress', data: '{"a":1}' })).toBe(
      'id: 3\nevent: progress\ndata: {"a":1}\n\n',
    );
    expect(sseFrame({ data: 'a\nb' })).toBe('data: a\ndata: b\n\n');
  });

  it('sends every message and closes when the source ends', async () => {
    async function* source(): AsyncGenerator<SseMessage> {
      yield { id: '1', data: 'one' };
      yield { id: '2', data: 'two' };
    }
    expect(await readAll(eventStream(source))).toBe('id: 1\ndata: one\n\nid: 2\ndata: two\n\n');
  });

  it('sends keep-alive comments while the source is quiet', async () => {
    const shutdown = new AbortController();
    async function* source(signal: AbortSignal): AsyncGenerator<SseMessage> {
      yield { data: 'first' };
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    }
    const text = readAll(eventStream(source, { heartbeatMs: 10, shutdown: shutdown.signal }));
    setTimeout(() => shutdown.abort(), 80);
    const got = await text;
    expect(got.startsWith('data: first\n\n')).toBe(true);
    expect(got).toContain(': keep-alive\n\n');
  });

  it('aborts the source when the reader cancels, and when the request aborts', async () => {
    for (const how of ['cancel', 'request'] as const) {
      const request = new AbortController();
      let sourceSignal: AbortSignal | undefined;
      let finished = false;
      async function* source(signal: AbortSignal): AsyncGenerator<SseMessage> {
        sourceSignal = signal;
        try {
          yield { data: 'hello' };
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        } finally {
          finished = true;
        }
      }
      const reader = eventStream(source, { request: request.signal, heartbeatMs: 5 }).getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: hello\n\n');
      if (how === 'cancel') await reader.cancel();
      else request.abort();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(sourceSignal?.aborted).toBe(true);
      expect(finished).toBe(true);
      if (how === 'request') {
        // The stream ends cleanly (keep-alives may precede the end, nothing follows it).
        let result = await reader.read();
        while (!result.done) result = await reader.read();
      }
    }
  });

  it('cuts the stream off with an error when the source throws', async () => {
    const errors: unknown[] = [];
    async function* source(): AsyncGenerator<SseMessage> {
      yield { data: 'x' };
      throw new Error('disk gone');
    }
    await expect(readAll(eventStream(source, { onError: (err) => errors.push(err) }))).rejects.toThrow(
      'disk gone',
    );
    expect(errors).toHaveLength(1);
  });
});
