/**
 * Server-sent events: when a request asks for a stream, and a streamed response that ends when
 * its source ends, when the client goes away, or at server shutdown. `text/event-stream` is no
 * codec format (codec.ts): operations whose spec offers it skip the codec's negotiation when
 * the client prefers it, and their handler answers with `eventStream`.
 * @module
 */
import { parseAccept } from './codec.ts';

const codecTypes = new Set([
  'application/json',
  'application/msgpack',
  'application/x-msgpack',
  'application/vnd.msgpack',
]);

/**
 * True when Accept names `text/event-stream` with a q at least that of every JSON or msgpack
 * type it names (wildcards do not count: `*∕*` alone means a plain body).
 */
export function prefersEventStream(accept: string | undefined): boolean {
  if (!accept) return false;
  let stream = 0;
  let codec = 0;
  for (const { type, q } of parseAccept(accept)) {
    if (!(q > 0)) continue;
    if (type === 'text/event-stream') stream = Math.max(stream, q);
    else if (codecTypes.has(type)) codec = Math.max(codec, q);
  }
  return stream > 0 && stream >= codec;
}

/** One event of a stream. */
export interface SseMessage {
  /** The `id:` field, which a reconnecting client sends back as `Last-Event-ID`. */
  id?: string;
  /** The `event:` field (the event's type). */
  event?: string;
  /** The `data:` field; multi-line text becomes several `data:` lines. */
  data: string;
}

/** The wire text of one message, blank line included. */
export function sseFrame(message: SseMessage): string {
  let frame = '';
  if (message.id !== undefined) frame += `id: ${message.id}\n`;
  if (message.event !== undefined) frame += `event: ${message.event}\n`;
  for (const line of message.data.split(/\r\n|\r|\n/)) frame += `data: ${line}\n`;
  return `${frame}\n`;
}

/** Options of `eventStream`. */
export interface EventStreamOptions {
  /** Aborted when the client went away (the request's signal). */
  request?: AbortSignal;
  /** Aborted at server shutdown: the stream ends, and the client reconnects elsewhere. */
  shutdown?: AbortSignal;
  /** A comment line is sent this often so that proxies keep an idle stream open. Default 15 s. */
  heartbeatMs?: number;
  /** Called when the source throws (the stream is then cut off). */
  onError?: (err: unknown) => void;
}

const encoder = new TextEncoder();

/** The headers of an event-stream response. */
export const eventStreamHeaders: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  // Tells nginx-style proxies not to buffer the stream.
  'X-Accel-Buffering': 'no',
};

/**
 * The body of a `text/event-stream` response (send it with `eventStreamHeaders`): the messages
 * `source` yields. The source gets a signal
 * that aborts when the client goes away (stream cancelled or request aborted) or at shutdown;
 * it must then return soon. The stream closes when the source returns. Frames are produced as
 * the client reads them (backpressure), and the heartbeat timer lives only while the stream is
 * open.
 */
export function eventStream(
  source: (signal: AbortSignal) => AsyncIterable<SseMessage>,
  options: EventStreamOptions = {},
): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const external = [options.request, options.shutdown].filter((s): s is AbortSignal => s !== undefined);
  const onExternalAbort = () => stop.abort();
  let heartbeat: NodeJS.Timeout | undefined;
  let wantMore: (() => void) | undefined;
  const finish = () => {
    clearInterval(heartbeat);
    for (const signal of external) signal.removeEventListener('abort', onExternalAbort);
    stop.abort();
    wantMore?.();
  };
  for (const signal of external) {
    if (signal.aborted) stop.abort();
    else signal.addEventListener('abort', onExternalAbort, { once: true });
  }

  // Set once the reader cancelled the stream: nothing may be enqueued or closed after that.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!cancelled) controller.enqueue(encoder.encode(text));
      };
      heartbeat = setInterval(() => send(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
      const pump = async () => {
        try {
          for await (const message of source(stop.signal)) {
            if (stop.signal.aborted) break;
            send(sseFrame(message));
            // Wait for the reader before producing more (stop also releases the wait).
            while ((controller.desiredSize ?? 1) <= 0 && !stop.signal.aborted) {
              await new Promise<void>((resolve) => {
                wantMore = resolve;
              });
              wantMore = undefined;
            }
          }
          if (!cancelled) controller.close();
        } catch (err) {
          if (cancelled) return;
          if (stop.signal.aborted) controller.close();
          else {
            options.onError?.(err);
            controller.error(err);
          }
        } finally {
          finish();
        }
      };
      void pump();
    },
    pull() {
      wantMore?.();
    },
    cancel() {
      cancelled = true;
      finish();
    },
  });
}
