import type { FilterSpecification } from 'maplibre-gl';
import { DATA_SOURCE, type CoplanMap } from '../../map/create-map';

/** Blue of the Okabe-Ito palette: apart from the structures' use colours and the editor's orange and yellow. */
const COLOUR = '#0072B2';
const FILL = 'representation-cell-fill';
const LINE = 'representation-cell-line';
/** Above the structures' own fill, under paths, as the editor's outcome colours. */
const BEFORE = 'constraints-outline';

/**
 * The structures of the picked cell, filled blue with a dark outline, from the tiles' own
 * `structures` layer filtered by the structures' UUIDs (the `id` property, the same in every plan),
 * so no geometry is fetched. Added again after a new style (another plan) replaced the layers.
 */
export class CellHighlight {
  private ids: string[] = [];

  constructor(private readonly map: CoplanMap) {
    map.on('style.load', () => this.add());
  }

  /** Highlights these structures (none: nothing). */
  show(ids: readonly string[]): void {
    this.ids = [...ids];
    if (!this.add()) {
      this.map.setFilter(FILL, this.filter());
      this.map.setFilter(LINE, this.filter());
    }
  }

  private filter(): FilterSpecification {
    return ['in', ['get', 'id'], ['literal', this.ids]];
  }

  /** Adds the layers when the style lacks them; false when they were there already. */
  private add(): boolean {
    const map = this.map;
    if (map.getLayer(FILL)) return false;
    if (!map.getSource(DATA_SOURCE)) return true;
    const before = map.getLayer(BEFORE) ? BEFORE : undefined;
    map.addLayer({ id: FILL, type: 'fill', source: DATA_SOURCE, 'source-layer': 'structures', filter: this.filter(), paint: { 'fill-color': COLOUR, 'fill-opacity': 0.7 } }, before);
    map.addLayer({ id: LINE, type: 'line', source: DATA_SOURCE, 'source-layer': 'structures', filter: this.filter(), paint: { 'line-color': '#000000', 'line-width': 1.5 } }, before);
    return true;
  }
}
