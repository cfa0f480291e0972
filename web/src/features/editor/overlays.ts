import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import type { Geometry } from '../../api/types';
import { DATA_SOURCE, type CoplanMap } from '../../map/create-map';
import { trueWidth } from './geometry';

/**
 * The editor's map layers, added to whatever style the server sent (and again after a new style
 * replaced them): the plan's conflicts from the tiles' `conflicts` layer, structures coloured by
 * what the plan does to them (relocate or trim), and the corridor of the path being drawn at its
 * true width with the rule set's clearance either side.
 */

/** Okabe-Ito, distinguishable with every common colour-vision deficiency. */
export const SEVERITY_COLOURS: Record<string, string> = {
  high: '#D55E00',
  medium: '#E69F00',
  low: '#56B4E9',
  data_quality: '#CC79A7',
};
export const OUTCOME_COLOURS = { relocate: '#D55E00', trim: '#F0E442' } as const;

const DRAFT_SOURCE = 'editor-draft';
/** What is drawn with the keyboard so far (Terra Draw draws what the pointer draws). */
const SKETCH_SOURCE = 'editor-sketch';
/** Conflicts drawn filled: what a corridor cuts. */
const CUT_TYPES = ['corridor_relocation', 'corridor_trim'];
/**
 * Walking access (4) and frontage (5) are reported for most structures of an unplanned
 * settlement: outlined, they would cover the map; the list and the figures still carry them.
 */
const AREA_WIDE_CHECKS = [4, 5];
const severityColour = ['match', ['get', 'severity'], ...Object.entries(SEVERITY_COLOURS).flat(), '#CC79A7'];
/** Structures' colours just above their fill (paths stay visible on top); conflicts above everything but the selection. */
const STRUCTURES_BEFORE = 'constraints-outline';
const CONFLICTS_BEFORE = 'constraints-selected';

export const OVERLAY_LAYERS = ['editor-structures-relocate', 'editor-structures-trim', 'editor-conflicts-fill', 'editor-conflicts-line', 'editor-conflicts-point'];

/** Structures whose UUID is among `ids`, filled with `colour`. */
const outcomeLayer = (id: string, colour: string, ids: string[]): LayerSpecification => ({
  id,
  type: 'fill',
  source: DATA_SOURCE,
  'source-layer': 'structures',
  filter: ['in', ['get', 'id'], ['literal', ids]],
  paint: { 'fill-color': colour, 'fill-opacity': 0.85 },
});

export class Overlays {
  private relocate: string[] = [];
  private trim: string[] = [];
  private draft: { geometry: Geometry | null; width: number } = { geometry: null, width: 0 };
  private clearance = 0;
  private sketch: Geometry | null = null;
  private lat = 0;

  constructor(private readonly map: CoplanMap) {
    map.on('style.load', () => this.add());
  }

  /** Adds the layers to the current style if it lacks them. */
  add(): void {
    const map = this.map;
    if (!map.getSource(DATA_SOURCE) || map.getLayer('editor-conflicts-line')) return;
    this.lat = map.getCenter().lat;
    const before = (id: string): string | undefined => (map.getLayer(id) ? id : undefined);
    const layers: LayerSpecification[] = [
      outcomeLayer('editor-structures-relocate', OUTCOME_COLOURS.relocate, this.relocate),
      outcomeLayer('editor-structures-trim', OUTCOME_COLOURS.trim, this.trim),
      {
        id: 'editor-conflicts-fill',
        type: 'fill',
        source: DATA_SOURCE,
        'source-layer': 'conflicts',
        // the part of a structure a corridor takes (and a service in a corridor): what the plan cuts
        filter: ['all', ['==', ['geometry-type'], 'Polygon'], ['in', ['get', 'type'], ['literal', CUT_TYPES]]],
        paint: { 'fill-color': severityColour as never, 'fill-opacity': 0.6 },
      },
      {
        id: 'editor-conflicts-line',
        type: 'line',
        source: DATA_SOURCE,
        'source-layer': 'conflicts',
        filter: ['!', ['in', ['get', 'check'], ['literal', AREA_WIDE_CHECKS]]],
        paint: { 'line-color': severityColour as never, 'line-width': 2, 'line-dasharray': [2, 1] },
      },
      {
        id: 'editor-conflicts-point',
        type: 'circle',
        source: DATA_SOURCE,
        'source-layer': 'conflicts',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-radius': 7, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': severityColour as never, 'circle-stroke-width': 3 },
      },
    ];
    layers.forEach((l) => map.addLayer(l, before(l.id.startsWith('editor-structures') ? STRUCTURES_BEFORE : CONFLICTS_BEFORE)));
    map.addSource(DRAFT_SOURCE, { type: 'geojson', data: this.draftData() });
    // the draft under Terra Draw's own line, which the adapter adds on top
    map.addLayer({
      id: 'editor-draft-clearance',
      type: 'line',
      source: DRAFT_SOURCE,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#0072B2', 'line-opacity': 0.18, 'line-width': trueWidth(['+', ['get', 'width_m'], ['*', 2, ['get', 'clearance_m']]], this.lat) as never },
    });
    map.addLayer({
      id: 'editor-draft-corridor',
      type: 'line',
      source: DRAFT_SOURCE,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#0072B2', 'line-opacity': 0.45, 'line-width': trueWidth(['get', 'width_m'], this.lat) as never },
    });
    map.addSource(SKETCH_SOURCE, { type: 'geojson', data: this.sketchData() });
    map.addLayer({ id: 'editor-sketch-line', type: 'line', source: SKETCH_SOURCE, paint: { 'line-color': '#0072B2', 'line-width': 3 } });
    map.addLayer({
      id: 'editor-sketch-vertex',
      type: 'circle',
      source: SKETCH_SOURCE,
      paint: { 'circle-radius': 5, 'circle-color': '#D55E00', 'circle-stroke-color': '#FFFFFF', 'circle-stroke-width': 2 },
    });
  }

  /** The keyboard's sketch: its line and its vertices (null: none). */
  setSketch(geometry: Geometry | null): void {
    this.sketch = geometry;
    (this.map.getSource(SKETCH_SOURCE) as GeoJSONSource | undefined)?.setData(this.sketchData());
  }

  private sketchData(): GeoJSON.FeatureCollection {
    const g = this.sketch;
    if (!g) return { type: 'FeatureCollection', features: [] };
    const line = g.type === 'LineString' ? g.coordinates : g.type === 'Polygon' ? g.coordinates[0]! : null;
    const vertices = line ?? (g.type === 'Point' ? [g.coordinates] : []);
    return {
      type: 'FeatureCollection',
      features: [
        ...(line ? [{ type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: line }, properties: {} }] : []),
        ...vertices.map((c) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: c }, properties: {} })),
      ],
    };
  }

  /** Which structures the plan relocates and which it trims (their UUIDs). */
  setOutcomes(relocate: string[], trim: string[]): void {
    this.relocate = relocate;
    this.trim = trim;
    if (this.map.getLayer('editor-structures-relocate')) {
      this.map.setFilter('editor-structures-relocate', ['in', ['get', 'id'], ['literal', relocate]]);
      this.map.setFilter('editor-structures-trim', ['in', ['get', 'id'], ['literal', trim]]);
    }
  }

  setClearance(metres: number): void {
    this.clearance = metres;
    this.updateDraft();
  }

  /** The corridor of the path being drawn (null: none). */
  setDraft(geometry: Geometry | null, width: number): void {
    this.draft = { geometry, width };
    this.updateDraft();
  }

  private draftData(): GeoJSON.FeatureCollection {
    const { geometry, width } = this.draft;
    if (!geometry || geometry.type !== 'LineString' || !(width > 0)) return { type: 'FeatureCollection', features: [] };
    return { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: { width_m: width, clearance_m: this.clearance } }] };
  }

  private updateDraft(): void {
    (this.map.getSource(DRAFT_SOURCE) as GeoJSONSource | undefined)?.setData(this.draftData());
  }
}
