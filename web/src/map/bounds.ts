import type { Bbox, Geometry } from '../api/types';

/** The lon/lat box around every coordinate of `geometries` (nulls skipped); null when there is none. */
export function geometryBounds(geometries: readonly (Geometry | null | undefined)[]): Bbox | null {
  let box: Bbox | null = null;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  geometries.forEach((g) => g && visit(g.coordinates));
  return box;
}
