import { describe, expect, it } from 'vitest';
import { parseJson } from './json.ts';
import { DecodeError, type DecodeLimits } from './limits.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

function refusal(text: string, limits?: DecodeLimits): DecodeError {
  try {
    parseJson(utf8(text), limits);
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    return err as DecodeError;
  }
  throw new Error(`parsed ${text.slice(0, 80)}`);
}

describe('JSON bodies within limits', () => {
  it('parses what JSON.parse parses', () => {
    const docs = ['{"a": [1, 2.5, "x", null, true], "b": {}}', '[]', '"s"', '3', ' { "k" : [ [ ] , { } ] } '];
    for (const text of docs) expect(parseJson(utf8(text))).toEqual(JSON.parse(text));
    expect(() => parseJson(utf8('{"a":'))).toThrow(SyntaxError);
  });

  it('refuses nesting deeper than the limit (64 by default), without recursing', () => {
    const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;
    expect(parseJson(utf8(nested(64)))).toBeInstanceOf(Array);
    const err = refusal(nested(65));
    expect([err.limit, err.message]).toEqual([
      'depth',
      'nesting deeper than 64 levels of arrays and objects',
    ]);
    expect(refusal(`{"action": ${nested(4000)}}`).limit).toBe('depth');
    expect(refusal(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`).limit).toBe('depth');
    expect(refusal('['.repeat(100_000)).limit).toBe('depth');
  });

  it('counts brackets outside strings only, escapes included', () => {
    const inString = `{"s": "${'['.repeat(200)}", "t": "\\"[[[[", "u": "\\\\"}`;
    expect(parseJson(utf8(inString), { maxDepth: 1, maxItems: 10 })).toEqual(JSON.parse(inString));
    // An escaped backslash ends the string: the brackets after it count.
    expect(refusal(`["\\\\", ${'['.repeat(3)}${']'.repeat(3)}]`, { maxDepth: 3, maxItems: 10 }).limit).toBe(
      'depth',
    );
  });

  it('refuses more array elements and object members than the limit', () => {
    const limits = { maxDepth: 64, maxItems: 10 };
    expect(parseJson(utf8('[[1, 2, 3], [4, 5, 6], 7]'), limits)).toHaveLength(3);
    expect(parseJson(utf8(JSON.stringify({ a: [1, 2, 3, 4, 5, 6, 7, 8, 9] })), limits)).toBeDefined();
    expect(parseJson(utf8(JSON.stringify(new Array(10).fill(0))), limits)).toHaveLength(10);
    expect(parseJson(utf8('[[], {}, [ ], { }, "]", "}"]'), limits)).toHaveLength(6);
    const err = refusal(JSON.stringify(new Array(11).fill(0)), limits);
    expect([err.limit, err.message]).toEqual([
      'items',
      'more than 10 array elements and object members in all',
    ]);
    expect(refusal(JSON.stringify({ a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }), limits).limit).toBe('items');
    expect(refusal(JSON.stringify(new Array(11).fill([])), limits).limit).toBe('items');
  });
});
