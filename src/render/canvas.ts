/**
 * A small RGB raster with just the primitives the classic-control scenes need.
 *
 * Coordinates are continuous with a top-left origin: pixel (i, j) covers the square
 * [i, i+1) × [j, j+1), so its centre is (i + 0.5, j + 0.5). Everything is clipped to the image.
 * @module
 */

/** An RGB colour, each channel 0..255. */
export type Rgb = readonly [number, number, number];

/** A point in canvas coordinates (x right, y down). */
export type Point = readonly [number, number];

/** Vertical samples per pixel row when anti-aliasing: 4 gives smooth edges at a quarter of the cost of 16. */
const SUBROWS = 4;

/** How far a miter join may reach, in half-widths, before it is cut short (keeps sharp turns bounded). */
const MITER_LIMIT = 4;

/** An RGB image, row-major, 3 bytes per pixel, top-left origin. */
export class Canvas {
  /** Pixels as r, g, b bytes, row after row from the top. */
  readonly data: Uint8Array;
  /** Per-pixel coverage of the row being filled; reused so that filling allocates nothing per row. */
  readonly #cover: Float32Array;

  /**
   * @param width Width in pixels (a positive integer).
   * @param height Height in pixels (a positive integer).
   * @param background Initial colour of every pixel.
   * @param antialias Default for the drawing calls' `aa` argument.
   */
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
    readonly antialias = true,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
      throw new RangeError(`canvas size must be positive integers, got ${width}x${height}`);
    }
    this.data = new Uint8Array(width * height * 3);
    this.#cover = new Float32Array(width + 1);
    this.fill(background);
  }

  /** Paints every pixel with one colour. */
  fill(color: Rgb): void {
    const d = this.data;
    d[0] = color[0];
    d[1] = color[1];
    d[2] = color[2];
    // Doubling copies: log2(n) native memmoves instead of a byte loop.
    for (let done = 3; done < d.length; done *= 2) d.copyWithin(done, 0, Math.min(done, d.length - done));
  }

  /** A new canvas with the same size, pixels and anti-aliasing default; for caching static layers. */
  clone(): Canvas {
    const copy = new Canvas(this.width, this.height, [0, 0, 0], this.antialias);
    copy.data.set(this.data);
    return copy;
  }

  /** The colour of pixel (x, y) (integers), or undefined outside the image. */
  pixel(x: number, y: number): Rgb | undefined {
    if (
      !Number.isInteger(x) ||
      !Number.isInteger(y) ||
      x < 0 ||
      y < 0 ||
      x >= this.width ||
      y >= this.height
    ) {
      return undefined;
    }
    const i = (y * this.width + x) * 3;
    return [this.data[i]!, this.data[i + 1]!, this.data[i + 2]!];
  }

  /** Mixes `color` into pixel (x, y) with weight `alpha` in (0, 1]; the caller keeps x, y inside. */
  #blend(x: number, y: number, color: Rgb, alpha: number): void {
    const i = (y * this.width + x) * 3;
    const d = this.data;
    if (alpha >= 1) {
      d[i] = color[0];
      d[i + 1] = color[1];
      d[i + 2] = color[2];
      return;
    }
    // Uint8Array assignment truncates; +0.5 rounds instead, so a full-weight pass is exact.
    d[i] = d[i]! + (color[0] - d[i]!) * alpha + 0.5;
    d[i + 1] = d[i + 1]! + (color[1] - d[i + 1]!) * alpha + 0.5;
    d[i + 2] = d[i + 2]! + (color[2] - d[i + 2]!) * alpha + 0.5;
  }

  /**
   * Fills a polygon (convex, concave or self-intersecting, nonzero winding) by scanlines.
   * With anti-aliasing each row is sampled on {@link SUBROWS} sub-rows with exact horizontal
   * coverage at span ends; without, a pixel is painted when its centre is inside.
   * Polygons with a non-finite coordinate or fewer than 3 vertices draw nothing.
   */
  fillPolygon(points: readonly Point[], color: Rgb, aa = this.antialias): void {
    const n = points.length;
    if (n < 3) return;
    let yMin = Infinity;
    let yMax = -Infinity;
    for (const [x, y] of points) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
    const rowStart = Math.max(0, Math.floor(yMin));
    const rowEnd = Math.min(this.height, Math.ceil(yMax));
    const samples = aa ? SUBROWS : 1;
    const weight = 1 / samples;
    const xs: number[] = [];
    const dirs: number[] = [];
    const cover = this.#cover;

    for (let row = rowStart; row < rowEnd; row++) {
      let lo = this.width;
      let hi = -1;
      for (let s = 0; s < samples; s++) {
        const sy = row + (s + 0.5) / samples;
        crossings(points, sy, xs, dirs);
        // Walk the crossings left to right; a span is where the winding number is nonzero.
        let winding = 0;
        let start = 0;
        for (let k = 0; k < xs.length; k++) {
          const before = winding;
          winding += dirs[k]!;
          if (before === 0 && winding !== 0) start = xs[k]!;
          else if (before !== 0 && winding === 0) {
            const [a, b] = this.#addSpan(start, xs[k]!, weight, aa);
            if (a < lo) lo = a;
            if (b > hi) hi = b;
          }
        }
      }
      for (let x = lo; x <= hi; x++) {
        const c = cover[x]!;
        if (c > 0) {
          this.#blend(x, row, color, c > 0.999 ? 1 : c);
          cover[x] = 0;
        }
      }
    }
  }

  /** Adds coverage of [xa, xb) on the current row; returns the touched pixel range (empty: lo > hi). */
  #addSpan(xa: number, xb: number, weight: number, aa: boolean): [number, number] {
    const cover = this.#cover;
    const w = this.width;
    if (!aa) {
      // Pixels whose centre lies in [xa, xb).
      const first = Math.max(0, Math.ceil(xa - 0.5));
      const last = Math.min(w - 1, Math.ceil(xb - 0.5) - 1);
      for (let x = first; x <= last; x++) cover[x] = 1;
      return [first, last];
    }
    const a = Math.max(0, xa);
    const b = Math.min(w, xb);
    if (b <= a) return [w, -1];
    const ia = Math.floor(a);
    const ib = Math.floor(b);
    if (ia === ib) {
      cover[ia] = cover[ia]! + (b - a) * weight;
      return [ia, ia];
    }
    cover[ia] = cover[ia]! + (ia + 1 - a) * weight;
    for (let x = ia + 1; x < ib; x++) cover[x] = cover[x]! + weight;
    // ib may equal the width (b at the right edge): cover has that spare slot, never blended.
    cover[ib] = cover[ib]! + (b - ib) * weight;
    return [ia, Math.min(ib, w - 1)];
  }

  /**
   * Fills a disc centred at (cx, cy). Anti-aliased coverage is the clamped distance of the
   * pixel centre to the rim, a close and cheap stand-in for the exact area.
   */
  fillCircle(cx: number, cy: number, radius: number, color: Rgb, aa = this.antialias): void {
    if (!Number.isFinite(cx) || !Number.isFinite(cy) || !Number.isFinite(radius) || radius <= 0) return;
    const reach = radius + 1;
    const y0 = Math.max(0, Math.floor(cy - reach));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + reach));
    const x0 = Math.max(0, Math.floor(cx - reach));
    const x1 = Math.min(this.width - 1, Math.ceil(cx + reach));
    for (let y = y0; y <= y1; y++) {
      const dy = y + 0.5 - cy;
      for (let x = x0; x <= x1; x++) {
        const dx = x + 0.5 - cx;
        const d = Math.sqrt(dx * dx + dy * dy);
        const c = aa ? Math.min(1, radius + 0.5 - d) : d <= radius ? 1 : 0;
        if (c > 0) this.#blend(x, y, color, c);
      }
    }
  }

  /** Draws a straight segment of the given width as a filled rectangle (butt ends). */
  line(x0: number, y0: number, x1: number, y1: number, width: number, color: Rgb, aa = this.antialias): void {
    this.polyline(
      [
        [x0, y0],
        [x1, y1],
      ],
      width,
      color,
      aa,
    );
  }

  /**
   * Draws an open polyline of the given width as one polygon with miter joins, so joints are
   * not blended twice. Meant for smooth curves; very sharp turns get their miters cut short.
   */
  polyline(points: readonly Point[], width: number, color: Rgb, aa = this.antialias): void {
    const outline = strokeOutline(points, width / 2);
    if (outline) this.fillPolygon(outline, color, aa);
  }
}

/** The x of every edge crossing the horizontal line y = sy, sorted, with +1/-1 for the edge's direction. */
function crossings(points: readonly Point[], sy: number, xs: number[], dirs: number[]): void {
  xs.length = 0;
  dirs.length = 0;
  const n = points.length;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = points[i]!;
    const [bx, by] = points[(i + 1) % n]!;
    // Half-open in y so a vertex shared by two edges is counted once.
    if ((ay <= sy && sy < by) || (by <= sy && sy < ay)) {
      const x = ax + ((sy - ay) * (bx - ax)) / (by - ay);
      const dir = by > ay ? 1 : -1;
      // Insertion sort: a row crosses only a handful of edges.
      let k = xs.length;
      xs.push(x);
      dirs.push(dir);
      while (k > 0 && xs[k - 1]! > x) {
        xs[k] = xs[k - 1]!;
        dirs[k] = dirs[k - 1]!;
        k--;
      }
      xs[k] = x;
      dirs[k] = dir;
    }
  }
}

/** The outline of a stroked polyline: the left offsets forward, then the right offsets back. */
function strokeOutline(points: readonly Point[], half: number): Point[] | undefined {
  // Consecutive duplicates have no direction; drop them.
  const pts: Point[] = [];
  for (const p of points) {
    const last = pts[pts.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  const n = pts.length;
  if (n < 2 || !(half > 0)) return undefined;
  const normals: Point[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const [ax, ay] = pts[i]!;
    const [bx, by] = pts[i + 1]!;
    const len = Math.hypot(bx - ax, by - ay);
    normals.push([-(by - ay) / len, (bx - ax) / len]);
  }
  const left: Point[] = [];
  const right: Point[] = [];
  for (let i = 0; i < n; i++) {
    const before = normals[Math.max(0, i - 1)]!;
    const after = normals[Math.min(normals.length - 1, i)]!;
    // Miter: the average normal, lengthened by 1/cos of half the turn so the stroke keeps its width.
    let mx = before[0] + after[0];
    let my = before[1] + after[1];
    const m = Math.hypot(mx, my);
    if (m < 1e-9) {
      mx = after[0];
      my = after[1];
    } else {
      const cosHalf = (mx / m) * after[0] + (my / m) * after[1];
      const stretch = Math.min(MITER_LIMIT, 1 / Math.max(cosHalf, 1e-9));
      mx = (mx / m) * stretch;
      my = (my / m) * stretch;
    }
    const [px, py] = pts[i]!;
    left.push([px + mx * half, py + my * half]);
    right.push([px - mx * half, py - my * half]);
  }
  return [...left, ...right.reverse()];
}
