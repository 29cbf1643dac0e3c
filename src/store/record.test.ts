import { describe, expect, it } from 'vitest';
import { StoreCorruptionError } from './errors.ts';
import { assertSha256Hex, isSha256Hex, sha256Hex } from './hashing.ts';
import { decodeJsonRecord, decodeRecord, encodeJson, encodeJsonRecord, encodeRecord } from './record.ts';

const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('hashing', () => {
  it('computes the standard SHA-256 in lowercase hex', () => {
    expect(sha256Hex('abc')).toBe(abc);
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(abc);
  });

  it('accepts only lowercase 64-digit hex as an address', () => {
    expect(isSha256Hex(abc)).toBe(true);
    expect(isSha256Hex(abc.toUpperCase())).toBe(false);
    expect(isSha256Hex(abc.slice(1))).toBe(false);
    expect(() => assertSha256Hex(`../${abc.slice(3)}`)).toThrow(RangeError);
  });
});

describe('records', () => {
  it('round-trip binary bodies, the empty one included', () => {
    for (const body of [new Uint8Array([0, 10, 255, 13]), new Uint8Array()]) {
      const decoded = decodeRecord(encodeRecord(body), 'r', 'p');
      expect(decoded.body).toEqual(body);
      expect(decoded.sha256).toBe(sha256Hex(body));
    }
  });

  it('detect a flipped body byte, a damaged header and truncation', () => {
    const good = encodeRecord('{"a":1}');
    const flippedBody = good.slice();
    flippedBody[flippedBody.length - 1]! ^= 1;
    const flippedHeader = good.slice();
    flippedHeader[20]! ^= 1;
    for (const bad of [flippedBody, flippedHeader, good.subarray(0, 30), good.subarray(0, good.length - 1)]) {
      expect(() => decodeRecord(bad, 'doc x', '/p')).toThrow(StoreCorruptionError);
    }
  });

  it('report unparsable JSON with a valid checksum as corruption', () => {
    const error = (() => {
      try {
        decodeJsonRecord(encodeRecord('{not json'), 'doc x', '/p');
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(StoreCorruptionError);
    expect(error).toMatchObject({
      code: 'corrupt-data',
      resource: 'doc x',
      reason: 'unparsable JSON',
      path: '/p',
    });
  });

  it('round-trip JSON values', () => {
    const value = { a: [1, -2.5, 'x', null, true], b: { c: 'é' } };
    expect(decodeJsonRecord(encodeJsonRecord(value).bytes, 'r', 'p').value).toEqual(value);
  });

  it('refuse values JSON would silently change', () => {
    expect(() => encodeJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => encodeJson([Number.POSITIVE_INFINITY])).toThrow(TypeError);
    expect(() => encodeJson(undefined)).toThrow(TypeError);
  });
});
