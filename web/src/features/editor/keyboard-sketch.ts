import type { Geometry } from '../../api/types';
import type { DrawTool } from './draw';

/**
 * A shape drawn without a mouse: vertices added one at a time where the map's centre cross is,
 * the last one taken back, then finished. Pure, so its rules are unit-tested: how many vertices
 * each shape needs, that the same place twice in a row is refused (it would make a zero-length
 * segment, which the server refuses in a polygon), and that a polygon closes itself.
 */
export type SketchStep =
  | { kind: 'added'; count: number }
  | { kind: 'same' }
  /** A point needs no more: it is finished at once. */
  | { kind: 'done'; geometry: Geometry };

export type SketchEnd = { kind: 'done'; geometry: Geometry } | { kind: 'short'; needed: number; count: number };

/** Vertices each shape needs at least. */
export const VERTICES_NEEDED: Record<DrawTool, number> = { point: 1, linestring: 2, polygon: 3 };

export class KeyboardSketch {
  private readonly points: Array<[number, number]> = [];

  constructor(readonly shape: DrawTool) {}

  get count(): number {
    return this.points.length;
  }

  add(at: [number, number]): SketchStep {
    if (this.shape === 'point') return { kind: 'done', geometry: { type: 'Point', coordinates: [at[0], at[1]] } };
    const last = this.points[this.points.length - 1];
    if (last && last[0] === at[0] && last[1] === at[1]) return { kind: 'same' };
    this.points.push([at[0], at[1]]);
    return { kind: 'added', count: this.points.length };
  }

  /** Takes back the last vertex; false when there was none. */
  undo(): boolean {
    return this.points.pop() !== undefined;
  }

  finish(): SketchEnd {
    const needed = VERTICES_NEEDED[this.shape];
    if (this.points.length < needed) return { kind: 'short', needed, count: this.points.length };
    const coordinates = this.points.map((p) => [p[0], p[1]]);
    if (this.shape === 'polygon') return { kind: 'done', geometry: { type: 'Polygon', coordinates: [[...coordinates, [...coordinates[0]!]]] } };
    return { kind: 'done', geometry: { type: 'LineString', coordinates } };
  }

  /** What to show on the map so far: the vertices and the line through them (null: nothing yet). */
  preview(): Geometry | null {
    if (this.points.length === 0) return null;
    if (this.points.length === 1) return { type: 'Point', coordinates: [...this.points[0]!] };
    const coordinates = this.points.map((p) => [p[0], p[1]]);
    return { type: 'LineString', coordinates: this.shape === 'polygon' && coordinates.length > 2 ? [...coordinates, coordinates[0]!] : coordinates };
  }
}
