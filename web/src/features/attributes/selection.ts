import type { LngLat, MapGeoJSONFeature, PointLike } from 'maplibre-gl';
import { fetchItem } from '../../api/client';
import { explainProblem } from '../../api/explain';
import type { ItemFeature, TileLayer } from '../../api/types';
import { t } from '../../i18n/i18n';
import { DATA_SOURCE, type CoplanMap } from '../../map/create-map';
import { formatFeature, isTileLayer, layerNoun } from './format';
import type { FeaturePanel } from './panel';

/** Half the side of the box a tap searches, in CSS px: a fingertip, not a pixel. */
const TAP_TOLERANCE = 8;

export interface SelectionContext {
  /** The layers a click may select (the legend's layers). */
  layers(): string[];
  settlementId(): string;
  planId(): string;
  /** True while clicks on the map belong to something else (the editor drawing). */
  paused?(): boolean;
  /** A feature's record is in the panel (the editor offers to change it). */
  onShown?(layer: TileLayer, item: ItemFeature): void;
  onCleared?(): void;
}

interface Selected {
  sourceLayer: string;
  id: number | string;
  /** Where it was tapped, to keep it in view when the panel narrows the map. */
  at: LngLat;
}

/**
 * Click, tap, or Enter on the focused map (for the feature under the centre cross) → the topmost feature of an interactive layer is highlighted through the
 * `selected` feature state (keyed by the tiles' integer feature id) and its full record is
 * fetched from the items endpoint (keyed by its `id` property, the UUID) into the panel.
 */
export class FeatureSelection {
  private selected: Selected | null = null;
  private request: AbortController | null = null;
  /** The record in the panel, to show it again in another language. */
  private shown: { layer: TileLayer; item: ItemFeature } | null = null;

  constructor(
    private readonly map: CoplanMap,
    private readonly panel: FeaturePanel,
    private readonly context: SelectionContext,
  ) {
    map.on('click', (e) => {
      if (!this.context.paused?.()) this.selectAt(e.point, e.lngLat);
    });
    map.on('mousemove', (e) => {
      if (this.context.paused?.()) return;
      map.getCanvas().style.cursor = this.featureAt(e.point, 0) ? 'pointer' : '';
    });
    map.getCanvas().addEventListener('keydown', (e) => {
      if ((e.key !== 'Enter' && e.key !== ' ') || this.context.paused?.()) return;
      e.preventDefault();
      const canvas = map.getCanvas();
      const centre: [number, number] = [canvas.clientWidth / 2, canvas.clientHeight / 2];
      this.selectAt(centre, map.unproject(centre));
    });
    map.on('resize', () => {
      if (this.selected && !map.getBounds().contains(this.selected.at)) map.easeTo({ center: this.selected.at, duration: 300 });
    });
  }

  /** Shows the open record again (the language changed). */
  refresh(): void {
    if (this.shown && this.panel.isOpen) this.panel.showFeature(formatFeature(this.shown.layer, this.shown.item));
  }

  /** Forgets the selection (the panel was closed or a new style replaced the old one). */
  clear(): void {
    this.request?.abort();
    this.request = null;
    this.shown = null;
    if (this.selected && this.map.getSource(DATA_SOURCE)) {
      this.map.removeFeatureState({ source: DATA_SOURCE, sourceLayer: this.selected.sourceLayer, id: this.selected.id }, 'selected');
    }
    this.selected = null;
    this.context.onCleared?.();
  }

  /** What is under the pointer; failing that, the topmost feature within `tolerance` px (a fingertip). */
  private featureAt(point: PointLike, tolerance: number): MapGeoJSONFeature | undefined {
    const layers = this.context.layers().filter((id) => this.map.getLayer(id));
    if (layers.length === 0) return undefined;
    const [x, y] = Array.isArray(point) ? point : [point.x, point.y];
    const exact = this.map.queryRenderedFeatures([x, y], { layers })[0];
    if (exact || tolerance === 0) return exact;
    return this.map.queryRenderedFeatures(
      [
        [x - tolerance, y - tolerance],
        [x + tolerance, y + tolerance],
      ],
      { layers },
    )[0];
  }

  private selectAt(point: PointLike, at: LngLat): void {
    const feature = this.featureAt(point, TAP_TOLERANCE);
    const layer = feature?.sourceLayer;
    const uuid = feature?.properties?.id;
    if (!feature || feature.id === undefined || !isTileLayer(layer) || typeof uuid !== 'string') {
      this.panel.close();
      return;
    }
    this.choose(layer, feature.id, uuid, at);
  }

  /**
   * Selects feature `uuid` of `layer` if the loaded tiles hold it (the caller zoomed to it and
   * waited for the map to settle), as a click on it would; false when it is not on the map.
   */
  select(layer: TileLayer, uuid: string): boolean {
    if (!this.map.getSource(DATA_SOURCE)) return false;
    const feature = this.map
      .querySourceFeatures(DATA_SOURCE, { sourceLayer: layer, filter: ['==', ['get', 'id'], uuid] })
      .find((f) => f.id !== undefined);
    if (!feature) return false;
    this.choose(layer, feature.id!, uuid, this.map.getCenter());
    return true;
  }

  private choose(layer: TileLayer, tileId: number | string, uuid: string, at: LngLat): void {
    this.clear();
    this.selected = { sourceLayer: layer, id: tileId, at };
    this.map.setFeatureState({ source: DATA_SOURCE, sourceLayer: layer, id: tileId }, { selected: true });
    void this.load(layer, uuid);
  }

  private async load(layer: TileLayer, uuid: string): Promise<void> {
    const request = new AbortController();
    this.request = request;
    this.panel.showLoading(layerNoun(layer));
    try {
      const item = await fetchItem(this.context.settlementId(), this.context.planId(), layer, uuid, request.signal);
      if (this.request !== request) return;
      this.shown = { layer, item };
      this.panel.showFeature(formatFeature(layer, item));
      this.context.onShown?.(layer, item);
    } catch (e) {
      if (request.signal.aborted) return;
      this.panel.showError(t('panel.loadFailed'), explainProblem(e));
    }
  }
}
