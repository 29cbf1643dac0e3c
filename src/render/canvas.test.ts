import { describe, expect, it } from 'vitest';
import { Canvas, type Point, type Rgb } from './canvas.ts';

const WHITE: Rgb = [255, 255, 255];
const RED: Rgb = [255, 0, 0];

/** How many pixels are not white. */
function painted(c: Canvas): number {
  let n = 0;
  for (let i = 0; i < c.data.length; i += 3) {
    if (c.data[i] !== 255 || c.data[i + 1] !== 255 || c.data[i + 2] !== 255) n++;
  }
  return n;
}

describe('Canvas', () => {
  it('starts filled with the background, row-major RGB', () => {
    const c = new Canvas(4, 3, [1, 2, 3]);
    expect(c.data.length).toBe(36);
    expect(c.pixel(3, 2)).toEqual([1, 2, 3]);
    expect(c.pixel(4, 0)).toBeUndefined();
    expect(() => new Canvas(0, 3)).toThrow(RangeError);
    const odd = new Canvas(7, 5, [9, 8, 7]);
    expect(odd.data).toEqual(Uint8Array.from({ length: 105 }, (_, i) => [9, 8, 7][i % 3]!));
    const copy = odd.clone();
    copy.fill(WHITE);
    expect(odd.pixel(6, 4)).toEqual([9, 8, 7]);
  });

  it('fills a rectangle exactly on pixel edges, with or without anti-aliasing', () => {
    for (const aa of [false, true]) {
      const c = new Canvas(10, 10);
      const rect: Point[] = [
        [2, 3],
        [6, 3],
        [6, 5],
        [2, 5],
      ];
      c.fillPolygon(rect, RED, aa);
      expect(painted(c)).toBe(8);
      expect(c.pixel(2, 3)).toEqual(RED);
      expect(c.pixel(5, 4)).toEqual(RED);
      expect(c.pixel(6, 4)).toEqual(WHITE);
      expect(c.pixel(2, 5)).toEqual(WHITE);
    }
  });

  it('blends partly covered pixels when anti-aliasing', () => {
    const c = new Canvas(4, 1);
    c.fillPolygon(
      [
        [0, 0],
        [1.5, 0],
        [1.5, 1],
        [0, 1],
      ],
      [0, 0, 0],
    );
    expect(c.pixel(0, 0)).toEqual([0, 0, 0]);
    expect(c.pixel(1, 0)).toEqual([128, 128, 128]);
    expect(c.pixel(2, 0)).toEqual(WHITE);
  });

  it('leaves the notch of a concave polygon empty', () => {
    const c = new Canvas(10, 10, WHITE, false);
    // A "U": the notch is x 3..7, y 0..6.
    const u: Point[] = [
      [0, 0],
      [3, 0],
      [3, 6],
      [7, 6],
      [7, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ];
    c.fillPolygon(u, RED);
    expect(c.pixel(5, 2)).toEqual(WHITE);
    expect(c.pixel(1, 2)).toEqual(RED);
    expect(c.pixel(8, 2)).toEqual(RED);
    expect(c.pixel(5, 8)).toEqual(RED);
    expect(painted(c)).toBe(100 - 24);
  });

  it('clips shapes that leave the image, and ignores non-finite ones', () => {
    const c = new Canvas(10, 10);
    c.fillPolygon(
      [
        [-50, -50],
        [5, -50],
        [5, 50],
        [-50, 50],
      ],
      RED,
    );
    expect(painted(c)).toBe(50);
    c.fillCircle(1e6, 1e6, 5, RED);
    c.fillPolygon(
      [
        [0, 0],
        [Number.NaN, 5],
        [9, 9],
      ],
      RED,
    );
    c.fillCircle(Number.POSITIVE_INFINITY, 2, 3, RED);
    expect(painted(c)).toBe(50);
  });

  it('fills a disc of about πr² pixels', () => {
    const c = new Canvas(40, 40, WHITE, false);
    c.fillCircle(20, 20, 10, RED);
    expect(Math.abs(painted(c) - Math.PI * 100)).toBeLessThan(20);
    expect(c.pixel(20, 20)).toEqual(RED);
    expect(c.pixel(20, 31)).toEqual(WHITE);
  });

  it('strokes lines and polylines with their width', () => {
    const c = new Canvas(20, 20, WHITE, false);
    c.line(0, 10, 20, 10, 2, RED);
    expect(painted(c)).toBe(40);
    const p = new Canvas(20, 20, WHITE, false);
    p.polyline(
      [
        [2, 2],
        [10, 2],
        [10, 2],
        [10, 18],
      ],
      2,
      RED,
    );
    expect(p.pixel(5, 1)).toEqual(RED);
    expect(p.pixel(5, 2)).toEqual(RED);
    expect(p.pixel(10, 12)).toEqual(RED);
    expect(p.pixel(5, 5)).toEqual(WHITE);
    // The miter fills the corner square.
    expect(p.pixel(10, 1)).toEqual(RED);
  });
});
