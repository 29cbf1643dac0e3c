import { describe, expect, it } from 'vitest';
import { fromStorable, toStorable } from './storable.ts';

describe('storable documents', () => {
  it('round-trips non-finite numbers through JSON', () => {
    const value = {
      low: [-Infinity, 0, Number.NaN],
      high: [Infinity, 1.5],
      name: 'inf',
      nested: [{ x: -Infinity }],
    };
    const stored = JSON.parse(JSON.stringify(toStorable(value)));
    expect(stored.low[0]).toEqual({ $float: '-inf' });
    expect(fromStorable(stored)).toEqual(value);
  });
});
