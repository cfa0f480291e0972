import type { MapGeoJSONFeature } from 'maplibre-gl';
import {
  type GeoJSONStoreFeatures,
  type SnapToCustom,
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawRenderMode,
  TerraDrawSelectMode,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Geometry } from '../../api/types';
import type { CoplanMap } from '../../map/create-map';
import { COORDINATE_DECIMALS, type Px, type SnapTargets, linesOf, roundGeometry, snapTo } from './geometry';
import type { TrueShapes } from './true-shapes';

/** What a pointer snaps to: footpaths (existing and planned) and structure corners. */
const SNAP_LAYERS = ['footpaths', 'footpaths-planned', 'structures-fill'];
/** How near (CSS px) the pointer must come to snap: a fingertip. */
const SNAP_TOLERANCE = 12;

export type DrawTool = 'linestring' | 'polygon' | 'point';

/** The Okabe-Ito blue and vermilion: what is being drawn, on any basemap and for every eye. */
const DRAW_COLOUR = '#0072B2';
const HANDLE_COLOUR = '#D55E00';

/**
 * Terra Draw on the MapLibre map: the drawing modes of the editor (a path's centre line, a
 * structure's or constraint's outline, a service's point) and the select mode that reshapes an
 * existing feature. Both snap to footpaths and structure corners drawn on the map. Coordinates
 * are rounded to 7 decimals, what Terra Draw and the API are given.
 */
export class DrawController {
  private draw: TerraDraw | null = null;
  private finished: ((id: string, geometry: Geometry) => void) | null = null;

  constructor(private readonly map: CoplanMap) {}

  /** The stored geometries snapping uses instead of the tiles' quantised ones (see TrueShapes). */
  shapes: TrueShapes | null = null;

  /** The snapping callback: the nearest corner or path within reach of the pointer, if any. */
  private readonly snap: SnapToCustom = (event) => this.snapAt([event.containerX, event.containerY]) ?? undefined;

  /**
   * What a vertex put at `p` (CSS px in the map's container) snaps to, as [lng, lat] rounded to
   * 7 decimals: a corner's or bend's stored coordinates exactly, a point along a path, or null.
   */
  snapAt(p: Px): [number, number] | null {
    const layers = SNAP_LAYERS.filter((id) => this.map.getLayer(id));
    if (layers.length === 0) return null;
    const around = this.map.queryRenderedFeatures(
      [
        [p[0] - SNAP_TOLERANCE, p[1] - SNAP_TOLERANCE],
        [p[0] + SNAP_TOLERANCE, p[1] + SNAP_TOLERANCE],
      ],
      { layers },
    );
    const targets = this.targets(around);
    const snapped = snapTo(p, targets, SNAP_TOLERANCE);
    if (!snapped) return null;
    const at = snapped.vertex === null ? this.map.unproject(snapped.px) : { lng: targets.lngLats[snapped.vertex]![0], lat: targets.lngLats[snapped.vertex]![1] };
    const f = 10 ** COORDINATE_DECIMALS;
    return [Math.round(at.lng * f) / f, Math.round(at.lat * f) / f];
  }

  private targets(features: MapGeoJSONFeature[]): SnapTargets & { lngLats: Array<[number, number]> } {
    const out = { vertices: [] as Px[], segments: [] as Array<readonly [Px, Px]>, lngLats: [] as Array<[number, number]> };
    const seen = new Set<unknown>();
    for (const f of features) {
      const stored = this.shapes?.get(f.properties?.id);
      if (stored && seen.has(f.properties?.id)) continue;
      seen.add(f.properties?.id);
      for (const line of linesOf(stored ?? (f.geometry as Geometry))) {
        const px = line.map(([lng, lat]) => {
          const q = this.map.project([lng!, lat!]);
          return [q.x, q.y] as Px;
        });
        // a path snaps along its length; a structure at its corners (its walls would pull a path sideways)
        const isPath = f.sourceLayer === 'footpaths';
        px.forEach((v, i) => {
          out.vertices.push(v);
          out.lngLats.push([line[i]![0]!, line[i]![1]!]);
          if (isPath && i > 0) out.segments.push([px[i - 1]!, v]);
        });
      }
    }
    return out;
  }

  /** Starts Terra Draw on the current style (again after a new style replaced its layers). */
  start(onFinish: (id: string, geometry: Geometry) => void): void {
    this.stop();
    this.finished = onFinish;
    const snapping = { toCustom: this.snap };
    const editable = { draggable: true, midpoints: true, deletable: true, snappable: snapping };
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map, coordinatePrecision: COORDINATE_DECIMALS }),
      modes: [
        new TerraDrawRenderMode({ modeName: 'static', styles: {} }),
        new TerraDrawLineStringMode({ snapping, styles: { lineStringColor: DRAW_COLOUR, lineStringWidth: 3, closingPointColor: HANDLE_COLOUR } }),
        new TerraDrawPolygonMode({ snapping, styles: { fillColor: DRAW_COLOUR, fillOpacity: 0.25, outlineColor: DRAW_COLOUR, outlineWidth: 3 } }),
        new TerraDrawPointMode({ styles: { pointColor: DRAW_COLOUR, pointWidth: 8, pointOutlineColor: '#FFFFFF', pointOutlineWidth: 2 } }),
        new TerraDrawSelectMode({
          // the editor's own keys (Delete deletes the feature on the server, Escape cancels); Terra Draw's would act on the sketch alone
          keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
          allowManualDeselection: false,
          flags: {
            linestring: { feature: { draggable: false, coordinates: editable } },
            polygon: { feature: { draggable: false, coordinates: editable } },
            point: { feature: { draggable: true } },
          },
          styles: { selectedLineStringColor: HANDLE_COLOUR, selectedPolygonOutlineColor: HANDLE_COLOUR, selectionPointColor: HANDLE_COLOUR, midPointColor: DRAW_COLOUR },
        }),
      ],
    });
    draw.start();
    draw.setMode('static');
    draw.on('finish', (id, context) => {
      if (context.action !== 'draw') return;
      const feature = draw.getSnapshotFeature(id);
      if (feature) this.finished?.(String(id), roundGeometry(feature.geometry as Geometry));
    });
    this.draw = draw;
  }

  stop(): void {
    if (!this.draw) return;
    try {
      if (this.draw.enabled) this.draw.stop();
    } catch (e) {
      // a style that went away took the adapter's layers with it; nothing is left to stop
      console.warn('terra draw stop', e);
    }
    this.draw = null;
  }

  /** Whether the pointer has a shape under way (Terra Draw holds its first vertices). */
  get sketching(): boolean {
    return (this.draw?.getSnapshot().length ?? 0) > 0;
  }

  get active(): boolean {
    return this.draw !== null && this.draw.getMode() !== 'static';
  }

  /** Starts drawing a new feature with `tool`; anything half-drawn is dropped. */
  drawNew(tool: DrawTool): void {
    if (!this.draw) return;
    this.draw.clear();
    this.draw.setMode(tool);
  }

  /** Puts an existing feature's geometry under the select mode's handles; answers its draw id. */
  reshape(geometry: Geometry): string | null {
    if (!this.draw) return null;
    this.draw.clear();
    const mode = geometry.type === 'LineString' ? 'linestring' : geometry.type === 'Polygon' ? 'polygon' : geometry.type === 'Point' ? 'point' : null;
    if (!mode) return null;
    this.draw.setMode('select');
    const id = crypto.randomUUID();
    const feature = { id, type: 'Feature', geometry: roundGeometry(geometry), properties: { mode } } as GeoJSONStoreFeatures;
    const [result] = this.draw.addFeatures([feature]);
    if (!result?.valid) return null;
    this.draw.selectFeature(id);
    return id;
  }

  /** The current geometry of a drawn or reshaped feature. */
  geometry(id: string): Geometry | null {
    const f = this.draw?.getSnapshotFeature(id);
    return f ? roundGeometry(f.geometry as Geometry) : null;
  }

  /** Leaves drawing: nothing drawn stays, the map is the map's again. */
  idle(): void {
    if (!this.draw) return;
    this.draw.setMode('static');
    this.draw.clear();
  }

  /** Keeps a finished drawing on screen without handles while its form is open. */
  hold(): void {
    this.draw?.setMode('static');
  }
}
