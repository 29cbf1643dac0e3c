import { describe, expect, it } from 'vitest';
import { readEvents, SseParser } from '../../src/cli/sse-client.ts';

const text =
  ': keep-alive\n\nid: 1\nevent: started\ndata: {"seq":1}\n\n' +
  'id: 2\r\nevent: log\r\ndata: line one\r\ndata: line two\r\n\r\n' +
  'retry: 10\ndata\n\nid: 3\nevent: succeeded\ndata: {"seq":3}\n\nid: 4\ndata: cut off';

const expected = [
  { id: '1', event: 'started', data: '{"seq":1}' },
  { id: '2', event: 'log', data: 'line one\nline two' },
  // The id carries over to later events, as in EventSource.
  { id: '2', data: '' },
  { id: '3', event: 'succeeded', data: '{"seq":3}' },
];

describe('event-stream parsing', () => {
  it('parses whole frames, CRLF and LF, comments and multi-line data', () => {
    expect(new SseParser().push(text)).toEqual(expected);
  });

  it('gives the same events however the text is split (one character at a time included)', () => {
    for (const size of [1, 2, 7, 64]) {
      const parser = new SseParser();
      const events = [];
      for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
      expect(events, `chunks of ${size}`).toEqual(expected);
    }
  });

  it('reads a response body, dropping an event cut off at its end', async () => {
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // Split mid-frame.
        controller.enqueue(bytes.subarray(0, 40));
        controller.enqueue(bytes.subarray(40));
        controller.close();
      },
    });
    const events = [];
    for await (const event of readEvents(body)) events.push(event);
    expect(events).toEqual(expected);
  });
});
