import type { Geometry } from '../../api/types';

/**
 * Geometry helpers of the editor, pure so they are unit-tested without a map: coordinate
 * rounding (Terra Draw refuses coordinates with more decimals than it was set up with, and the
 * API stores what it is sent), metres to screen pixels, and snapping in screen space.
 */

/** 7 decimals of a degree: about 1 cm on the ground, well below what a footpath plan needs. */
export const COORDINATE_DECIMALS = 7;

const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

type Nested = number | Nested[];
const roundNested = (value: Nested, decimals: number): Nested =>
  Array.isArray(value) ? value.map((v) => roundNested(v, decimals)) : round(value, decimals);

/** The geometry with every coordinate rounded to `decimals` (and heights dropped). */
export function roundGeometry<G extends Geometry>(geometry: G, decimals = COORDINATE_DECIMALS): G {
  const flat = (c: Nested): Nested => (Array.isArray(c) && typeof c[0] === 'number' ? (c as number[]).slice(0, 2) : Array.isArray(c) ? c.map(flat) : c);
  return { ...geometry, coordinates: roundNested(flat(geometry.coordinates as Nested), decimals) } as G;
}

/** Metres per CSS pixel of MapLibre (512 px tiles) at the equator and zoom 0. */
const METRES_PER_PIXEL_Z0 = 78271.51696402048;

/** Screen pixels one metre on the ground takes at `zoom` and latitude `lat` (Web Mercator). */
export function pixelsPerMetre(zoom: number, lat: number): number {
  return 2 ** zoom / (METRES_PER_PIXEL_Z0 * Math.cos((lat * Math.PI) / 180));
}

/**
 * A MapLibre `line-width` expression that draws a line `metres` wide on the ground at every
 * zoom (exponential base 2 between two zooms is exact for Web Mercator); `metres` is itself an
 * expression (the feature's `width_m`), so one layer draws each path at its own width.
 */
export function trueWidth(metres: unknown, lat: number): unknown[] {
  return ['interpolate', ['exponential', 2], ['zoom'], 10, ['*', metres, pixelsPerMetre(10, lat)], 24, ['*', metres, pixelsPerMetre(24, lat)]];
}

export type Px = readonly [number, number];

/** The nearest point of segment ab to p. */
export function nearestOnSegment(p: Px, a: Px, b: Px): [number, number] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return [a[0] + t * dx, a[1] + t * dy];
}

const distance = (a: Px, b: Px): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** What the pointer may snap to, in screen pixels: corners and vertices, and the lines between them. */
export interface SnapTargets {
  vertices: Px[];
  segments: Array<readonly [Px, Px]>;
}

/** What `p` snaps to: the point on screen and, when it is a vertex, that vertex's index in `targets.vertices`. */
export interface Snap {
  px: [number, number];
  vertex: number | null;
}

/**
 * What the pointer at `p` snaps to within `tolerance` px, or null: a vertex (a structure's
 * corner, a path's bend or end) wins over a point along a line, because corners are what
 * planners aim for and a line passes close to every corner it ends at. A vertex is answered by
 * index, so the caller can use its exact coordinates rather than the screen position's.
 */
export function snapTo(p: Px, targets: SnapTargets, tolerance: number): Snap | null {
  let best: Snap | null = null;
  let bestDistance = tolerance;
  targets.vertices.forEach((v, i) => {
    const d = distance(p, v);
    if (d <= bestDistance) {
      best = { px: [v[0], v[1]], vertex: i };
      bestDistance = d;
    }
  });
  if (best) return best;
  for (const [a, b] of targets.segments) {
    const q = nearestOnSegment(p, a, b);
    const d = distance(p, q);
    if (d <= bestDistance) {
      best = { px: q, vertex: null };
      bestDistance = d;
    }
  }
  return best;
}

/** Where the pointer at `p` snaps to on screen (see snapTo), or null. */
export function snapPoint(p: Px, targets: SnapTargets, tolerance: number): [number, number] | null {
  return snapTo(p, targets, tolerance)?.px ?? null;
}

/** The lines and rings of a geometry (a point has none). */
export function linesOf(geometry: Geometry): number[][][] {
  switch (geometry.type) {
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
    default:
      return [];
  }
}

/** [minLon, minLat, maxLon, maxLat] of a geometry. */
export function bboxOf(geometry: Geometry): [number, number, number, number] {
  const points: number[][] =
    geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'MultiPoint' ? geometry.coordinates : linesOf(geometry).flat();
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    box[0] = Math.min(box[0], x!);
    box[1] = Math.min(box[1], y!);
    box[2] = Math.max(box[2], x!);
    box[3] = Math.max(box[3], y!);
  }
  return box;
}
