import { inflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from './png.ts';

interface Chunk {
  type: string;
  data: Uint8Array;
  crc: number;
}

/** Splits a PNG into chunks after checking its signature; an independent reader of the format. */
function readChunks(png: Uint8Array): Chunk[] {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  let at = 8;
  while (at < png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    const crc = view.getUint32(at + 8 + length);
    // The CRC covers the type and the data.
    expect(crc, `${type} CRC`).toBe(zlibCrc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data, crc });
    at += 12 + length;
  }
  expect(at).toBe(png.length);
  return chunks;
}

/** Decodes what encodePng writes (filter 0 only) back to width, height and RGB bytes. */
function decode(png: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
  const chunks = readChunks(png);
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0]!.data;
  const hv = new DataView(ihdr.buffer, ihdr.byteOffset, ihdr.byteLength);
  const width = hv.getUint32(0);
  const height = hv.getUint32(4);
  expect([...ihdr.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  const raw = inflateSync(chunks[1]!.data);
  const stride = width * 3;
  expect(raw.length).toBe((stride + 1) * height);
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (stride + 1)]).toBe(0);
    rgb.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, rgb };
}

describe('crc32', () => {
  it('matches the standard check value and zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });
});

describe('encodePng', () => {
  it('round-trips pixels through a decoder', () => {
    const width = 7;
    const height = 5;
    const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37 + 11) & 0xff);
    const out = decode(encodePng(width, height, rgb));
    expect(out.width).toBe(width);
    expect(out.height).toBe(height);
    expect(out.rgb).toEqual(rgb);
  });

  it('encodes a 1x1 image', () => {
    const out = decode(encodePng(1, 1, Uint8Array.of(1, 2, 3)));
    expect([...out.rgb]).toEqual([1, 2, 3]);
  });

  it('rejects a size that does not match the data', () => {
    expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow(RangeError);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(RangeError);
    expect(() => encodePng(1.5, 2, new Uint8Array(9))).toThrow(RangeError);
  });
});
