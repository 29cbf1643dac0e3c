/**
 * What the scenes share: the scene function type, and Gymnasium's drawing frame.
 *
 * Gymnasium draws every classic-control scene on a pygame surface (y down, integer pixel
 * coordinates at pixel centres) with y measured *up* from the bottom in world terms, then flips
 * the surface vertically. Scenes here are written in those same pygame coordinates and map them
 * through {@link Frame.point}, so the numbers in each scene read like Gymnasium's layout facts
 * and the final image has Gymnasium's orientation (world up = image up).
 * @module
 */
import type { Canvas, Point, Rgb } from '../canvas.ts';

/**
 * Draws one env's physical state (Gymnasium's `self.state` layout) to a fresh canvas.
 * `params` is the env's validated parameters object; no classic-control scene depends on it today.
 */
export type Scene = (physical: readonly number[], params: unknown) => Canvas;

/** Maps pygame coordinates of a surface `height` pixels tall to canvas coordinates after the flip. */
export class Frame {
  constructor(readonly height: number) {}

  /** Pygame point (x, y) -> canvas point: pixel centres line up, rows are flipped. */
  point(x: number, y: number): Point {
    return [x + 0.5, this.height - 0.5 - y];
  }

  /** Every pygame point mapped with {@link Frame.point}. */
  points(pts: readonly Point[]): Point[] {
    return pts.map(([x, y]) => this.point(x, y));
  }

  /** Gfxdraw's `hline`: pixels x1..x2 (inclusive) of pygame row y, one pixel thick. */
  hline(canvas: Canvas, x1: number, x2: number, y: number, color: Rgb): void {
    const row = this.height - 1 - y;
    canvas.line(Math.min(x1, x2), row + 0.5, Math.max(x1, x2) + 1, row + 0.5, 1, color);
  }

  /** Gfxdraw's `vline`: pixels y1..y2 (inclusive) of pygame column x, one pixel thick. */
  vline(canvas: Canvas, x: number, y1: number, y2: number, color: Rgb): void {
    const top = this.height - 1 - Math.max(y1, y2);
    const bottom = this.height - 1 - Math.min(y1, y2);
    canvas.line(x + 0.5, top, x + 0.5, bottom + 1, 1, color);
  }
}

/** Pygame's `Vector2.rotate_rad`: (x, y) rotated by `angle` radians (counter-clockwise for y up). */
export function rotate(x: number, y: number, angle: number): Point {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return [x * c - y * s, x * s + y * c];
}

/**
 * Corners of the rectangle [l, r] × [b, t] rotated by `angle` about the origin and moved to (ox, oy),
 * the way Gymnasium builds its carts, poles and links.
 */
export function rotatedBox(
  l: number,
  r: number,
  t: number,
  b: number,
  angle: number,
  ox: number,
  oy: number,
): Point[] {
  const corners: Point[] = [
    [l, b],
    [l, t],
    [r, t],
    [r, b],
  ];
  return corners.map(([x, y]) => {
    const [rx, ry] = rotate(x, y, angle);
    return [rx + ox, ry + oy];
  });
}

/** A state component as a number, NaN when absent, so a short state draws what it can. */
export function component(physical: readonly number[], i: number): number {
  return physical[i] ?? Number.NaN;
}

/**
 * Pygame's gfxdraw discs with integer radius r paint a (2r+1)-pixel-wide disc; our discs are
 * continuous, so the matching radius is half a pixel more.
 */
export function discRadius(r: number): number {
  return r + 0.5;
}
