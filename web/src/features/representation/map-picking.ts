import type { PointLike } from 'maplibre-gl';
import type { CoplanMap } from '../../map/create-map';
import { dragBox } from './tree';

/** Half the side of the box a tap searches, in CSS px: a fingertip, not a pixel. */
const TAP_TOLERANCE = 6;

export interface PickHooks {
  /** Structures (their UUIDs) were clicked (`toggle`: a click, which may take a member out) or boxed (adds only). */
  picked(ids: string[], toggle: boolean): void;
  /** A click or box found no structure (zoomed out too far, or beside them). */
  missed(): void;
  /** True while clicks on the map belong to something else (the editor drawing). */
  paused(): boolean;
}

/**
 * Picking structures on the map for a cell while assigning: a click (or a tap) on a footprint,
 * Enter or Space on the focused map for the footprint under its centre, and Shift-drag for a box
 * (MapLibre's own Shift-drag box zoom is off meanwhile). Everything else (panning, zooming with
 * the keyboard) works as usual.
 */
export class MapPicking {
  private active = false;
  private box: HTMLDivElement | null = null;
  private start: { x: number; y: number } | null = null;

  constructor(
    private readonly map: CoplanMap,
    private readonly hooks: PickHooks,
  ) {
    map.on('click', (e) => {
      if (!this.active || e.originalEvent.shiftKey || hooks.paused()) return;
      this.report(this.at([e.point.x, e.point.y], TAP_TOLERANCE), true);
    });
    map.getCanvas().addEventListener('keydown', (e) => {
      if (!this.active || (e.key !== 'Enter' && e.key !== ' ') || hooks.paused()) return;
      e.preventDefault();
      const canvas = map.getCanvas();
      this.report(this.at([canvas.clientWidth / 2, canvas.clientHeight / 2], TAP_TOLERANCE), true);
    });
    map.getCanvasContainer().addEventListener('mousedown', (e) => this.boxStart(e), true);
  }

  get isActive(): boolean {
    return this.active;
  }

  setActive(on: boolean): void {
    if (on === this.active) return;
    this.active = on;
    if (on) this.map.boxZoom.disable();
    else this.map.boxZoom.enable();
    this.map.getCanvas().style.cursor = on ? 'crosshair' : '';
    this.boxEnd(null);
  }

  /** Every structure drawn in the current view. */
  inView(): string[] {
    const canvas = this.map.getCanvas();
    return this.query([
      [0, 0],
      [canvas.clientWidth, canvas.clientHeight],
    ]);
  }

  /** The footprints' fills: an outline's line width would reach a pixel past the footprint into a box. */
  private layers(): string[] {
    return (this.map.getStyle()?.layers ?? []).filter((l) => l.type === 'fill' && l['source-layer'] === 'structures').map((l) => l.id);
  }

  private query(where: PointLike | [[number, number], [number, number]]): string[] {
    const layers = this.layers();
    if (layers.length === 0) return [];
    const ids = this.map
      .queryRenderedFeatures(where as PointLike, { layers })
      .map((f) => f.properties?.id)
      .filter((id): id is string => typeof id === 'string');
    return [...new Set(ids)];
  }

  /** The footprint under the point; failing that, the nearest within a fingertip's box. */
  private at(point: [number, number], tolerance: number): string[] {
    const exact = this.query(point);
    if (exact.length > 0) return exact.slice(0, 1);
    const [x, y] = point;
    return this.query([
      [x - tolerance, y - tolerance],
      [x + tolerance, y + tolerance],
    ]).slice(0, 1);
  }

  private report(ids: string[], toggle: boolean): void {
    if (ids.length === 0) this.hooks.missed();
    else this.hooks.picked(ids, toggle);
  }

  private point(e: MouseEvent): { x: number; y: number } {
    const rect = this.map.getCanvasContainer().getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  private boxStart(e: MouseEvent): void {
    if (!this.active || !e.shiftKey || e.button !== 0 || this.hooks.paused()) return;
    e.preventDefault();
    e.stopPropagation();
    this.map.dragPan.disable();
    this.start = this.point(e);
    const move = (m: MouseEvent): void => this.boxMove(m);
    const up = (u: MouseEvent): void => {
      document.removeEventListener('mousemove', move);
      document.removeEventListener('mouseup', up);
      this.boxEnd(u);
    };
    document.addEventListener('mousemove', move);
    document.addEventListener('mouseup', up);
  }

  private boxMove(e: MouseEvent): void {
    if (!this.start) return;
    if (!this.box) {
      this.box = document.createElement('div');
      this.box.className = 'representation-box';
      this.map.getCanvasContainer().append(this.box);
    }
    const [[x0, y0], [x1, y1]] = dragBox(this.start, this.point(e));
    Object.assign(this.box.style, { left: `${x0}px`, top: `${y0}px`, width: `${x1 - x0}px`, height: `${y1 - y0}px` });
  }

  private boxEnd(e: MouseEvent | null): void {
    const start = this.start;
    this.start = null;
    this.box?.remove();
    this.box = null;
    this.map.dragPan.enable();
    if (!start || !e) return;
    const end = this.point(e);
    // a Shift-click without a drag is a click
    if (Math.abs(end.x - start.x) < 3 && Math.abs(end.y - start.y) < 3) this.report(this.at([end.x, end.y], TAP_TOLERANCE), true);
    else this.report(this.query(dragBox(start, end)), false);
  }
}
