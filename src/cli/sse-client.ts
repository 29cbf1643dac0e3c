/**
 * Reading `text/event-stream` bodies (the job events stream): an incremental frame parser, as
 * the WHATWG EventSource spec reads fields (`id`, `event`, `data`; comments and `retry` ignored).
 * @module
 */

/** One dispatched event. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** Feeds text in as it arrives; returns the events completed so far. */
export class SseParser {
  #buffer = '';
  #id: string | undefined;
  #event: string | undefined;
  #data: string[] = [];

  /** Parses `chunk` (any split); returns the events it completed. */
  push(chunk: string): SseEvent[] {
    this.#buffer += chunk;
    const out: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      // A lone \r at the end may be the first half of \r\n: wait for more.
      if (!match || (match[0] === '\r' && match.index === this.#buffer.length - 1)) break;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const event = this.#line(line);
      if (event) out.push(event);
    }
    return out;
  }

  #line(line: string): SseEvent | undefined {
    if (line === '') {
      if (this.#data.length === 0) {
        this.#event = undefined;
        return undefined;
      }
      const event: SseEvent = {
        data: this.#data.join('\n'),
        ...(this.#id !== undefined ? { id: this.#id } : {}),
        ...(this.#event !== undefined ? { event: this.#event } : {}),
      };
      this.#data = [];
      this.#event = undefined;
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    return undefined;
  }
}

/** The events of a response body, as they arrive. */
export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    yield* parser.push(decoder.decode(chunk, { stream: true }));
  }
  // An event the body ended in the middle of is dropped, as EventSource does.
  yield* parser.push(decoder.decode());
}
