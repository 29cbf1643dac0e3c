import { describe, expect, it } from 'vitest';
import { assertId, assertNonNegativeInteger, assertPositiveInteger, streamComponents } from './ids.ts';

describe('ids', () => {
  it('accept ordinary names', () => {
    for (const id of ['a', 'agents', 'external-envs', 'A1.b_c-d', '0', 'x'.repeat(128)]) {
      expect(() => assertId('id', id)).not.toThrow();
    }
  });

  it('refuse anything that could escape or alias a directory', () => {
    const bad = [
      '',
      '.',
      '..',
      '../x',
      'a/b',
      'a\\b',
      '.hidden',
      '-x',
      '_x',
      'a b',
      'é',
      'x'.repeat(129),
      'a\0',
    ];
    for (const id of bad) expect(() => assertId('id', id), id).toThrow(RangeError);
  });

  it('split stream names into validated components', () => {
    expect(streamComponents('agents/a1/transitions')).toEqual(['agents', 'a1', 'transitions']);
    for (const stream of [
      '',
      '/a',
      'a/',
      'a//b',
      'a/../b',
      'a/_segments',
      '/etc/passwd',
      'a/b/c/d/e/f/g/h/i',
    ]) {
      expect(() => streamComponents(stream), stream).toThrow(RangeError);
    }
  });

  it('check numbers', () => {
    expect(() => assertPositiveInteger('v', 1)).not.toThrow();
    for (const n of [0, -1, 1.5, Number.NaN, 2 ** 53])
      expect(() => assertPositiveInteger('v', n)).toThrow(RangeError);
    expect(() => assertNonNegativeInteger('after', 0)).not.toThrow();
    expect(() => assertNonNegativeInteger('after', -1)).toThrow(RangeError);
  });
});
