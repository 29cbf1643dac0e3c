/**
 * Pictures of MuJoCo states without GPU or GL: the physical state's joint positions go through
 * MuJoCo's forward kinematics (`mj_kinematics` in the model's scratch data) and every geom is
 * drawn as its orthographic projection, far to near (painter's algorithm): spheres as discs,
 * capsules as two discs joined by their tangents (exactly a capsule's outline under an
 * orthographic projection), boxes as their visible shaded faces, cylinders and ellipsoids as the
 * convex hull of points on their surface. Planes become the floor: a chequered band below a floor
 * line in side views, a chequered floor in top and oblique views, so that motion shows even when
 * the camera follows the robot.
 *
 * The camera is fixed per env: side views (looking along +y, x to the right, z up) for the planar
 * robots, a top view for Reacher and Swimmer, an oblique view for the Ant. Most cameras follow the
 * root body, as Gymnasium's tracking cameras do.
 * @module
 */
import {
  compiledModel,
  GEOM_BOX,
  GEOM_CAPSULE,
  GEOM_CYLINDER,
  GEOM_ELLIPSOID,
  GEOM_PLANE,
  GEOM_SPHERE,
  type GeomPoses,
  type GeomTable,
  type MujocoModel,
} from '../../envs/mujoco/runtime.ts';
import { Canvas, type Point, type Rgb } from '../canvas.ts';
import type { Scene } from './frame.ts';

/** Gymnasium's default MuJoCo frame size. */
export const MUJOCO_WIDTH = 480;
export const MUJOCO_HEIGHT = 480;

type Vec3 = readonly [number, number, number];

/** How one env is looked at. */
export interface MujocoView {
  /**
   * `side`: looking along +y (x right, z up); `top`: looking down (x right, y up); `oblique`:
   * from `azimuth` degrees (0: from -y, positive: towards +x) and `elevation` degrees above the floor.
   */
  readonly camera: 'side' | 'top' | 'oblique';
  readonly azimuth?: number;
  readonly elevation?: number;
  readonly pixelsPerMetre: number;
  /** The world point at the centre of the image, before tracking. */
  readonly center: Vec3;
  /** Coordinates of `center` replaced by the root body's (body 1) position. */
  readonly track: readonly (0 | 1 | 2)[];
  /** Side of the floor's chequer squares, metres. */
  readonly chequer?: number;
}

const BACKGROUND: Rgb = [226, 233, 240];
const FLOOR_A: Rgb = [196, 186, 166];
const FLOOR_B: Rgb = [178, 167, 146];
const FLOOR_LINE: Rgb = [90, 80, 64];
const SHADOW: Rgb = [150, 141, 124];
const GOAL: Rgb = [214, 48, 49];
/** Limb colours: the root body's geoms take the first, each limb (a subtree under the root) the next. */
const PALETTE: readonly Rgb[] = [
  [196, 112, 48],
  [58, 110, 180],
  [72, 150, 88],
  [170, 80, 160],
  [200, 160, 40],
  [60, 160, 170],
  [150, 90, 60],
];
/** MuJoCo's default geom colour: geoms that kept it are coloured by limb instead. */
const DEFAULT_RGBA = [0.5, 0.5, 0.5, 1];

interface Camera {
  right: Vec3;
  up: Vec3;
  forward: Vec3;
  center: Vec3;
  scale: number;
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const normalize = (a: Vec3): Vec3 => {
  const n = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / n, a[1] / n, a[2] / n];
};

function camera(view: MujocoView, center: Vec3): Camera {
  const scale = view.pixelsPerMetre;
  if (view.camera === 'top') return { right: [1, 0, 0], up: [0, 1, 0], forward: [0, 0, -1], center, scale };
  const az = view.camera === 'side' ? 0 : ((view.azimuth ?? 0) * Math.PI) / 180;
  const el = view.camera === 'side' ? 0 : ((view.elevation ?? 30) * Math.PI) / 180;
  // From the target towards the camera.
  const back: Vec3 = [Math.cos(el) * Math.sin(az), -Math.cos(el) * Math.cos(az), Math.sin(el)];
  const forward: Vec3 = [-back[0], -back[1], -back[2]];
  const right = normalize(cross(forward, [0, 0, 1]));
  return { right, up: cross(right, forward), forward, center, scale };
}

/** World point -> canvas point, and its depth (larger: farther from the camera). */
function project(cam: Camera, p: Vec3): Point {
  const d: Vec3 = [p[0] - cam.center[0], p[1] - cam.center[1], p[2] - cam.center[2]];
  return [MUJOCO_WIDTH / 2 + cam.scale * dot(d, cam.right), MUJOCO_HEIGHT / 2 - cam.scale * dot(d, cam.up)];
}

function depth(cam: Camera, p: Vec3): number {
  return dot([p[0] - cam.center[0], p[1] - cam.center[1], p[2] - cam.center[2]], cam.forward);
}

/** Convex hull (Andrew's monotone chain), counter-clockwise in canvas coordinates. */
function hull(points: Point[]): Point[] {
  const pts = points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  pts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const turn = (o: Point, a: Point, b: Point) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && turn(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && turn(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Outline of two discs of radius r about a and b joined by their common tangents. */
function stadium(a: Point, b: Point, r: number, segments = 12): Point[] {
  const theta = Math.atan2(b[1] - a[1], b[0] - a[0]);
  const out: Point[] = [];
  for (let i = 0; i <= segments; i++) {
    const t = theta - Math.PI / 2 + (Math.PI * i) / segments;
    out.push([b[0] + r * Math.cos(t), b[1] + r * Math.sin(t)]);
  }
  for (let i = 0; i <= segments; i++) {
    const t = theta + Math.PI / 2 + (Math.PI * i) / segments;
    out.push([a[0] + r * Math.cos(t), a[1] + r * Math.sin(t)]);
  }
  return out;
}

const shade = (c: Rgb, k: number): Rgb => [
  Math.max(0, Math.min(255, Math.round(c[0] * k))),
  Math.max(0, Math.min(255, Math.round(c[1] * k))),
  Math.max(0, Math.min(255, Math.round(c[2] * k))),
];
const lighten = (c: Rgb, k: number): Rgb => [
  Math.round(c[0] + (255 - c[0]) * k),
  Math.round(c[1] + (255 - c[1]) * k),
  Math.round(c[2] + (255 - c[2]) * k),
];

/** Each geom's colour: its own when the model gives one, else its limb's. */
function geomColours(g: GeomTable): Rgb[] {
  const limbOf = (body: number): number => {
    // The limb is the ancestor whose parent is a root body (a child of the world).
    let b = body;
    if (b === 0) return -1;
    while (g.parent[b]! !== 0 && g.parent[g.parent[b]!]! !== 0) b = g.parent[b]!;
    return g.parent[b]! === 0 ? 0 : b;
  };
  const limbs = new Map<number, number>();
  const colours: Rgb[] = [];
  for (let i = 0; i < g.ngeom; i++) {
    const rgba = Array.from(g.rgba.subarray(4 * i, 4 * i + 4));
    if (rgba.some((v, k) => Math.abs(v - DEFAULT_RGBA[k]!) > 1e-6)) {
      colours.push([Math.round(rgba[0]! * 255), Math.round(rgba[1]! * 255), Math.round(rgba[2]! * 255)]);
      continue;
    }
    const limb = limbOf(g.body[i]!);
    if (limb < 0) {
      colours.push([120, 120, 120]);
      continue;
    }
    if (!limbs.has(limb)) limbs.set(limb, limbs.size);
    colours.push(PALETTE[limbs.get(limb)! % PALETTE.length]!);
  }
  return colours;
}

/** A geom ready to draw: its depth and how to paint it. */
interface Item {
  depth: number;
  paint(canvas: Canvas): void;
}

const OUTLINE_PX = 1.2;

function closed(poly: Point[]): Point[] {
  return poly.length ? [...poly, poly[0]!] : poly;
}

/** The draw items of one geom (none for planes and types we do not draw). */
function geomItem(
  cam: Camera,
  type: number,
  size: Float64Array,
  pos: Vec3,
  m: Float64Array,
  colour: Rgb,
): Item | undefined {
  const col = (j: number): Vec3 => [m[j]!, m[3 + j]!, m[6 + j]!];
  const at = (k: readonly [number, number, number]): Vec3 => {
    const [a, b, c] = [col(0), col(1), col(2)];
    return [
      pos[0] + k[0] * a[0] + k[1] * b[0] + k[2] * c[0],
      pos[1] + k[0] * a[1] + k[1] * b[1] + k[2] * c[1],
      pos[2] + k[0] * a[2] + k[1] * b[2] + k[2] * c[2],
    ];
  };
  const d = depth(cam, pos);
  const dark = shade(colour, 0.55);
  const s = cam.scale;
  switch (type) {
    case GEOM_SPHERE:
    case GEOM_CAPSULE: {
      const r = s * size[0]!;
      const half = type === GEOM_CAPSULE ? size[1]! : 0;
      const a = project(cam, at([0, 0, -half]));
      const b = project(cam, at([0, 0, half]));
      return {
        depth: d,
        paint(canvas) {
          canvas.fillPolygon(stadium(a, b, r + OUTLINE_PX), dark);
          canvas.fillPolygon(stadium(a, b, r), colour);
          // A highlight along the upper-left flank suggests the round surface.
          const off = -0.35 * r;
          const hi = stadium([a[0] + off, a[1] + off], [b[0] + off, b[1] + off], 0.35 * r);
          if (r > 2) canvas.fillPolygon(hi, lighten(colour, 0.35));
        },
      };
    }
    case GEOM_BOX: {
      const faces: { normal: Vec3; corners: Vec3[] }[] = [];
      for (let axis = 0; axis < 3; axis++) {
        for (const sign of [-1, 1]) {
          const u = (axis + 1) % 3;
          const v = (axis + 2) % 3;
          const corners: Vec3[] = [];
          for (const [cu, cv] of [
            [-1, -1],
            [1, -1],
            [1, 1],
            [-1, 1],
          ] as const) {
            const k: [number, number, number] = [0, 0, 0];
            k[axis] = sign * size[axis]!;
            k[u] = cu * size[u]!;
            k[v] = cv * size[v]!;
            corners.push(at(k));
          }
          const c = col(axis);
          faces.push({ normal: [sign * c[0], sign * c[1], sign * c[2]], corners });
        }
      }
      const light = normalize([-0.4, -0.6, 0.7]);
      return {
        depth: d,
        paint(canvas) {
          for (const f of faces) {
            if (dot(f.normal, cam.forward) >= 0) continue;
            const poly = f.corners.map((p) => project(cam, p));
            canvas.fillPolygon(poly, shade(colour, 0.65 + 0.35 * Math.max(0, dot(f.normal, light))));
            canvas.polyline(closed(poly), 1, dark);
          }
        },
      };
    }
    case GEOM_CYLINDER:
    case GEOM_ELLIPSOID: {
      const pts: Point[] = [];
      const n = 24;
      if (type === GEOM_CYLINDER) {
        for (const z of [-size[1]!, size[1]!]) {
          for (let i = 0; i < n; i++) {
            const t = (2 * Math.PI * i) / n;
            pts.push(project(cam, at([size[0]! * Math.cos(t), size[0]! * Math.sin(t), z])));
          }
        }
      } else {
        for (let i = 0; i <= 8; i++) {
          const phi = (Math.PI * i) / 8;
          for (let j = 0; j < n; j++) {
            const t = (2 * Math.PI * j) / n;
            pts.push(
              project(
                cam,
                at([
                  size[0]! * Math.sin(phi) * Math.cos(t),
                  size[1]! * Math.sin(phi) * Math.sin(t),
                  size[2]! * Math.cos(phi),
                ]),
              ),
            );
          }
        }
      }
      const poly = hull(pts);
      return {
        depth: d,
        paint(canvas) {
          canvas.fillPolygon(poly, colour);
          canvas.polyline(closed(poly), OUTLINE_PX, dark);
        },
      };
    }
    default:
      return undefined;
  }
}

/** The floor of a side view: a chequered band below the line z = floorZ. */
function sideFloor(canvas: Canvas, cam: Camera, floorZ: number, square: number): void {
  const [, y0] = project(cam, [cam.center[0], 0, floorZ]);
  if (!Number.isFinite(y0) || y0 >= MUJOCO_HEIGHT) return;
  const top = Math.max(0, y0);
  canvas.fillPolygon(
    [
      [0, top],
      [MUJOCO_WIDTH, top],
      [MUJOCO_WIDTH, MUJOCO_HEIGHT],
      [0, MUJOCO_HEIGHT],
    ],
    FLOOR_A,
  );
  const halfWidth = MUJOCO_WIDTH / 2 / cam.scale;
  const first = Math.floor((cam.center[0] - halfWidth) / square);
  const last = Math.ceil((cam.center[0] + halfWidth) / square);
  if (last - first > 400) return;
  for (let k = first; k <= last; k++) {
    if (k % 2 === 0) continue;
    const [xa] = project(cam, [k * square, 0, floorZ]);
    const [xb] = project(cam, [(k + 1) * square, 0, floorZ]);
    canvas.fillPolygon(
      [
        [xa, top],
        [xb, top],
        [xb, MUJOCO_HEIGHT],
        [xa, MUJOCO_HEIGHT],
      ],
      FLOOR_B,
    );
  }
  canvas.line(0, y0, MUJOCO_WIDTH, y0, 2, FLOOR_LINE);
}

/** A chequered floor at z = floorZ seen from above (top or oblique view), within `extent` of the centre. */
function planeFloor(
  canvas: Canvas,
  cam: Camera,
  floorZ: number,
  square: number,
  extent: readonly [number, number],
  origin: readonly [number, number],
): void {
  const reach = (Math.hypot(MUJOCO_WIDTH, MUJOCO_HEIGHT) / cam.scale) * 1.2;
  const x0 = Math.max(origin[0] - extent[0], cam.center[0] - reach);
  const x1 = Math.min(origin[0] + extent[0], cam.center[0] + reach);
  const y0 = Math.max(origin[1] - extent[1], cam.center[1] - reach);
  const y1 = Math.min(origin[1] + extent[1], cam.center[1] + reach);
  if (!(x0 < x1 && y0 < y1)) return;
  const quad = (ax: number, bx: number, ay: number, by: number): Point[] => [
    project(cam, [ax, ay, floorZ]),
    project(cam, [bx, ay, floorZ]),
    project(cam, [bx, by, floorZ]),
    project(cam, [ax, by, floorZ]),
  ];
  canvas.fillPolygon(quad(x0, x1, y0, y1), FLOOR_A);
  const i0 = Math.floor(x0 / square);
  const j0 = Math.floor(y0 / square);
  if ((x1 - x0) / square > 200 || (y1 - y0) / square > 200) return;
  for (let i = i0; i * square < x1; i++) {
    for (let j = j0; j * square < y1; j++) {
      if ((i + j) % 2 === 0) continue;
      const ax = Math.max(i * square, x0);
      const bx = Math.min((i + 1) * square, x1);
      const ay = Math.max(j * square, y0);
      const by = Math.min((j + 1) * square, y1);
      if (ax < bx && ay < by) canvas.fillPolygon(quad(ax, bx, ay, by), FLOOR_B);
    }
  }
}

/** A marker on the floor: a flat disc with a ring, at (x, y, z). */
function floorMarker(canvas: Canvas, cam: Camera, x: number, y: number, z: number, radius: number): void {
  const ring = (r: number) =>
    Array.from({ length: 32 }, (_, i): Point => {
      const t = (2 * Math.PI * i) / 32;
      return project(cam, [x + r * Math.cos(t), y + r * Math.sin(t), z]);
    });
  canvas.fillPolygon(ring(radius), GOAL);
  canvas.fillPolygon(ring(radius * 0.6), lighten(GOAL, 0.8));
  canvas.fillPolygon(ring(radius * 0.3), GOAL);
}

/** Shadows of the spheres and capsules straight below them on the floor (oblique views: height cues). */
function shadows(canvas: Canvas, cam: Camera, table: GeomTable, poses: GeomPoses, floorZ: number): void {
  for (let i = 0; i < table.ngeom; i++) {
    const type = table.type[i]!;
    if (type !== GEOM_SPHERE && type !== GEOM_CAPSULE) continue;
    const half = type === GEOM_CAPSULE ? table.size[3 * i + 1]! : 0;
    const end = (sign: number): Point => {
      const x = poses.xpos[3 * i]! + sign * half * poses.xmat[9 * i + 2]!;
      const y = poses.xpos[3 * i + 1]! + sign * half * poses.xmat[9 * i + 5]!;
      return project(cam, [x, y, floorZ]);
    };
    canvas.fillPolygon(stadium(end(-1), end(1), 0.9 * cam.scale * table.size[3 * i]!), SHADOW);
  }
}

/** The first `nq` position entries of a physical state (`[time, qpos, ...]`), missing ones from `qpos0`. */
function qposOf(model: MujocoModel, physical: readonly number[]): number[] {
  return Array.from({ length: model.nq }, (_, i) => {
    const v = physical[1 + i];
    return typeof v === 'number' ? v : model.qpos0[i]!;
  });
}

/** A goal `[x, y]` in the parameters (tasks/AntGoal-v0 with its task applied), if any. */
function goalOf(params: unknown): [number, number] | undefined {
  const goal = (params as { goal?: unknown } | null | undefined)?.goal;
  if (
    Array.isArray(goal) &&
    goal.length === 2 &&
    goal.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    return [goal[0], goal[1]];
  }
  return undefined;
}

/**
 * The scene of one compiled model (by its `compileModel` name) seen through `view`. Until the
 * model is compiled (the MuJoCo envs not loaded) the scene is the empty background.
 */
export function mujocoScene(modelName: string, view: MujocoView): Scene {
  let colours: Rgb[] | undefined;
  return (physical, params) => {
    const canvas = new Canvas(MUJOCO_WIDTH, MUJOCO_HEIGHT, BACKGROUND);
    const model = compiledModel(modelName);
    if (!model) return canvas;
    const table = model.geoms();
    colours ??= geomColours(table);
    const poses = model.geomPoses(qposOf(model, physical));
    const center: [number, number, number] = [...view.center];
    // Track the root body (body 1, the first child of the world).
    for (const k of view.track) {
      const v = table.parent.length > 1 ? poses.bodyXpos[3 + k]! : Number.NaN;
      if (Number.isFinite(v)) center[k] = v;
    }
    const cam = camera(view, center);
    const square = view.chequer ?? 0.5;

    // The floor: the first plane geom.
    for (let i = 0; i < table.ngeom; i++) {
      if (table.type[i] !== GEOM_PLANE) continue;
      const z = poses.xpos[3 * i + 2]!;
      if (view.camera === 'side') sideFloor(canvas, cam, z, square);
      else {
        const ext: [number, number] = [table.size[3 * i]! || 1e4, table.size[3 * i + 1]! || 1e4];
        planeFloor(canvas, cam, z, square, ext, [poses.xpos[3 * i]!, poses.xpos[3 * i + 1]!]);
        const goal = goalOf(params);
        if (goal) floorMarker(canvas, cam, goal[0], goal[1], z, 0.25);
        if (view.camera === 'oblique') shadows(canvas, cam, table, poses, z);
      }
      break;
    }

    const items: Item[] = [];
    for (let i = 0; i < table.ngeom; i++) {
      const item = geomItem(
        cam,
        table.type[i]!,
        table.size.subarray(3 * i, 3 * i + 3),
        [poses.xpos[3 * i]!, poses.xpos[3 * i + 1]!, poses.xpos[3 * i + 2]!],
        poses.xmat.subarray(9 * i, 9 * i + 9),
        colours[i]!,
      );
      if (item && Number.isFinite(item.depth)) items.push(item);
    }
    items.sort((a, b) => b.depth - a.depth);
    for (const item of items) item.paint(canvas);
    return canvas;
  };
}

const cheetah = mujocoScene('half_cheetah', {
  camera: 'side',
  pixelsPerMetre: 150,
  center: [0, 0, 0.45],
  track: [0],
});
const ant = mujocoScene('ant', {
  camera: 'oblique',
  azimuth: 30,
  elevation: 35,
  pixelsPerMetre: 85,
  center: [0, 0, 0.3],
  track: [0, 1],
  chequer: 1,
});

/** Env id -> scene, for every MuJoCo env (the v5 envs and the MuJoCo task envs). */
export const MUJOCO_SCENES: Readonly<Record<string, Scene>> = Object.freeze({
  'Reacher-v5': mujocoScene('reacher', {
    camera: 'top',
    pixelsPerMetre: 850,
    center: [0, 0, 0],
    track: [],
    chequer: 0.1,
  }),
  'InvertedPendulum-v5': mujocoScene('inverted_pendulum', {
    camera: 'side',
    pixelsPerMetre: 200,
    center: [0, 0, 0.25],
    track: [],
  }),
  'InvertedDoublePendulum-v5': mujocoScene('inverted_double_pendulum', {
    camera: 'side',
    pixelsPerMetre: 180,
    center: [0, 0, 0.55],
    track: [],
  }),
  'HalfCheetah-v5': cheetah,
  'Hopper-v5': mujocoScene('hopper', {
    camera: 'side',
    pixelsPerMetre: 140,
    center: [0, 0, 0.95],
    track: [0],
  }),
  'Swimmer-v5': mujocoScene('swimmer', {
    camera: 'top',
    pixelsPerMetre: 90,
    center: [0, 0, 0],
    track: [0, 1],
  }),
  'Walker2d-v5': mujocoScene('walker2d', {
    camera: 'side',
    pixelsPerMetre: 140,
    center: [0, 0, 0.95],
    track: [0],
  }),
  'Ant-v5': ant,
  'tasks/HalfCheetahVel-v0': cheetah,
  'tasks/HalfCheetahDir-v0': cheetah,
  'tasks/HalfCheetahDisabledJoint-v0': cheetah,
  'tasks/HalfCheetahDamping-v0': cheetah,
  'tasks/HalfCheetahRandParams-v0': cheetah,
  'tasks/AntDir-v0': ant,
  'tasks/AntDir2D-v0': ant,
  'tasks/AntGoal-v0': ant,
  'tasks/AntCrippledLeg-v0': ant,
});
