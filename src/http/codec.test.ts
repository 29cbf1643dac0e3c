import { describe, expect, it } from 'vitest';
import { stringifyJson } from '../wire/json.ts';
import { defaultDecodeLimits } from '../wire/limits.ts';
import { decodeBody, encodeBody, requestFormat, responseFormat } from './codec.ts';
import { ApiError } from './problems.ts';
import { loadSpec } from './spec.ts';

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ApiError ? err.kind : 'other';
  }
  return undefined;
}

describe('content negotiation', () => {
  it('reads the request format from Content-Type, parameters ignored', () => {
    expect(requestFormat('application/json; charset=utf-8')).toBe('json');
    expect(requestFormat('application/msgpack')).toBe('msgpack');
    expect(requestFormat('application/x-msgpack')).toBe('msgpack');
    expect(kindOf(() => requestFormat('text/plain'))).toBe('unsupported-media-type');
    expect(kindOf(() => requestFormat(undefined))).toBe('unsupported-media-type');
  });

  it('answers in the best accepted format, else in the request format', () => {
    expect(responseFormat(undefined, 'msgpack')).toBe('msgpack');
    expect(responseFormat('application/json', 'msgpack')).toBe('json');
    expect(responseFormat('application/msgpack, application/json;q=0.5', 'json')).toBe('msgpack');
    expect(responseFormat('application/json;q=0.2, application/msgpack', 'json')).toBe('msgpack');
    expect(responseFormat('*/*', 'msgpack')).toBe('msgpack');
    expect(kindOf(() => responseFormat('text/html', 'json'))).toBe('not-acceptable');
    expect(kindOf(() => responseFormat('application/json;q=0', 'json'))).toBe('not-acceptable');
  });
});

describe('bodies', () => {
  it('writes non-finite numbers and bytes as JSON text', () => {
    const text = stringifyJson({
      low: [Number.NEGATIVE_INFINITY, 0],
      high: [Number.POSITIVE_INFINITY, Number.NaN],
      b: new Uint8Array([1, 2, 255]),
    });
    expect(JSON.parse(text)).toEqual({ low: ['-inf', 0], high: ['inf', 'nan'], b: 'AQL/' });
  });

  it('keeps IEEE floats and bin in msgpack', () => {
    const { bytes } = encodeBody({ x: Number.POSITIVE_INFINITY, b: new Uint8Array([7]) }, 'msgpack');
    const back = decodeBody(bytes as Uint8Array, 'msgpack') as { x: number; b: Uint8Array };
    expect(back.x).toBe(Number.POSITIVE_INFINITY);
    expect([...back.b]).toEqual([7]);
  });

  it('refuses undecodable bodies with malformed-body', () => {
    expect(kindOf(() => decodeBody(new TextEncoder().encode('{"a":'), 'json'))).toBe('malformed-body');
    expect(kindOf(() => decodeBody(new Uint8Array([0x91]), 'msgpack'))).toBe('malformed-body');
    expect(kindOf(() => decodeBody(new Uint8Array([0x01, 0x02]), 'msgpack'))).toBe('malformed-body');
  });

  it('refuses bodies over the depth and item limits, naming the limit, in both encodings', () => {
    const deep = {
      json: new TextEncoder().encode(`${'['.repeat(65)}${']'.repeat(65)}`),
      msgpack: new Uint8Array([...new Array(65).fill(0x91), 0x01]),
    };
    const wide = { json: new TextEncoder().encode('[1,2,3]'), msgpack: new Uint8Array([0x93, 1, 2, 3]) };
    for (const format of ['json', 'msgpack'] as const) {
      const depth = detailOf(() => decodeBody(deep[format], format));
      expect(depth).toMatch(
        /^body is over a limit: nesting deeper than 64 levels .*\(x-limits\.max_body_depth\)$/,
      );
      const items = detailOf(() => decodeBody(wide[format], format, { maxDepth: 64, maxItems: 2 }));
      expect(items).toMatch(/more than 2 array elements .*\(x-limits\.max_body_items\)$/);
      expect(decodeBody(wide[format], format, { maxDepth: 64, maxItems: 3 })).toEqual([1, 2, 3]);
    }
    expect(detailOf(() => decodeBody(new Uint8Array([0xd4, 0x42, 0x01]), 'msgpack'))).toMatch(
      /^body is not valid msgpack: msgpack extension type 66/,
    );
  });

  it("uses the spec's x-limits as the default decode limits", () => {
    const limits = loadSpec()['x-limits'];
    expect(defaultDecodeLimits).toEqual({ maxDepth: limits.max_body_depth, maxItems: limits.max_body_items });
  });
});

function detailOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ApiError && err.kind === 'malformed-body' ? err.detail : 'other';
  }
  return undefined;
}
