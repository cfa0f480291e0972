import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { api, fetchStyle } from '../api/client';
import { explainProblem } from '../api/explain';
import type { Basemap, Bbox, TileLayer } from '../api/types';
import { FeatureSelection } from '../features/attributes/selection';
import { Editor } from '../features/editor/editor';
import { featurePanel } from '../features/attributes/panel';
import { deriveLegend, interactiveLayerIds } from '../features/legend/derive';
import { renderLegend } from '../features/legend/legend-view';
import { type RepresentationPanel, representationPanel } from '../features/representation/representation-panel';
import { onLocaleChange, t } from '../i18n/i18n';
import { withBasemap } from '../map/basemap';
import { type CoplanMap, createMap, fitSettlement, markReadyWhenIdle } from '../map/create-map';
import { relabelMap } from '../map/locale';
import { byId } from '../ui/element';
import type { StatusLine } from '../ui/status';

declare global {
  interface Window {
    /** The MapLibre map, for browser tests and for poking at from the console. */
    coplanMap?: CoplanMap;
    /** The page, for browser tests (showing a proposal before the plans panel exists). */
    coplanPage?: MapPage;
  }
}

/** One plan of one settlement, as the map shows it. */
export interface PlanView {
  settlementId: string;
  settlementName: string;
  bbox: Bbox;
  planId: string;
}

export interface MapPage {
  readonly map: CoplanMap;
  /** Zooms to `bbox` and, when `select` is set, selects feature `id` of `layer` there (a plan's change list). */
  locate(target: { layer: TileLayer; id: string; bbox: Bbox; select: boolean }): void;
  /** What is on the map now (or loading). */
  current(): PlanView;
  /** Shows another plan (another settlement from the picker): new style, legend and view. */
  show(view: PlanView): Promise<void>;
  /** The editor and live consequences of the plan shown. */
  readonly editor: Editor;
  /** Cells, clusters and segments, and assigning structures to cells on the map. */
  readonly representation: RepresentationPanel;
}

const PHONE = window.matchMedia('(max-width: 640px)');

async function loadStyle(view: PlanView, basemap: Basemap | null): Promise<StyleSpecification> {
  return withBasemap(await fetchStyle(view.settlementId, view.planId), basemap, window.location.origin);
}

/**
 * The map with its legend and feature panel, for one plan at a time. Requests MapLibre makes to
 * our origin carry the page's credentials (a share link's token) through the API client.
 */
export async function openMapPage(first: PlanView, basemap: Basemap | null, status: StatusLine): Promise<MapPage> {
  let current = first;
  let style = await loadStyle(first, basemap);
  // presentation mode of the plan on the map (with the share link's token when opened from one)
  const presentLink = (view: PlanView): void => {
    const link = byId<HTMLAnchorElement>('present-link');
    const query = new URLSearchParams({ settlement: view.settlementId, plan: view.planId });
    if (api.shareToken) query.set('share', api.shareToken);
    link.href = `/present.html?${query.toString()}`;
    link.hidden = false;
  };
  presentLink(first);
  const map = createMap(byId('map'), style, {
    onError: () => status.fail(t('status.mapIncomplete')),
    transformRequest: api.transformRequest,
  });
  window.coplanMap = map;
  const legendPanel = byId<HTMLDetailsElement>('legend-panel');
  legendPanel.open = !PHONE.matches;
  /** On wide screens the open legend hides the map's left edge: fit the settlement beside it. */
  const covered = (): { left?: number } =>
    legendPanel.open && window.innerWidth >= 900 ? { left: legendPanel.getBoundingClientRect().right } : {};
  fitSettlement(map, first.bbox, false, covered());
  markReadyWhenIdle(map);

  let interactive = interactiveLayerIds(style);
  const showLegend = (): void =>
    renderLegend(byId('legend'), deriveLegend(style), {
      setVisible: (ids, visible) =>
        ids.filter((id) => map.getLayer(id)).forEach((id) => map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none')),
      isVisible: (id) => !map.getLayer(id) || map.getLayoutProperty(id, 'visibility') !== 'none',
    });
  showLegend();

  let selection: FeatureSelection | null = null;
  const panel = featurePanel(byId('feature-panel'), () => selection?.clear());
  const editor = new Editor(map, { status, closeFeaturePanel: () => panel.close() });
  editor.show(first.settlementId, first.planId);
  const representation = representationPanel(byId('representation-panel'), byId<HTMLButtonElement>('representation-button'), map, {
    settlementId: () => current.settlementId,
    closeFeaturePanel: () => panel.close(),
    editorBusy: () => editor.busy,
  });
  selection = new FeatureSelection(map, panel, {
    layers: () => interactive,
    settlementId: () => current.settlementId,
    planId: () => current.planId,
    // while the representation panel is open, clicks on the map pick structures for a cell
    paused: () => editor.busy || representation.isOpen,
    onShown: (layer, item) => editor.featureShown(layer, item),
    onCleared: () => editor.featureCleared(),
  });

  onLocaleChange(() => {
    showLegend();
    selection?.refresh();
    relabelMap(map);
  });

  let loads = 0;
  const page: MapPage = {
    map,
    editor,
    representation,
    current: () => current,
    locate({ layer, id, bbox, select }) {
      const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      map.fitBounds(bbox, { padding: 80, maxZoom: 19, duration: still ? 0 : 500 });
      // after the move and its tiles, when querySourceFeatures can find it
      if (select) map.once('idle', () => selection?.select(layer, id));
      map.triggerRepaint();
    },
    async show(view) {
      const load = ++loads;
      const sameSettlement = view.settlementId === current.settlementId;
      current = view;
      if (!sameSettlement) representation.settlementChanged();
      presentLink(view);
      document.body.dataset.mapReady = 'false'; // at once: the old map must not pass for the new one
      panel.close();
      selection?.clear();
      status.progress(t('status.loadingSettlement', { name: view.settlementName }));
      try {
        const next = await loadStyle(view, basemap);
        if (load !== loads) return; // a later choice overtook this one
        style = next;
      } catch (e) {
        if (load === loads) status.fail(t('status.settlementFailed', { name: view.settlementName, reason: explainProblem(e) }));
        return;
      }
      interactive = interactiveLayerIds(style);
      markReadyWhenIdle(map);
      editor.styleChanging();
      editor.show(view.settlementId, view.planId);
      map.setStyle(style, { diff: false });
      map.once('idle', () => status.clear());
      // another plan of the same settlement keeps the place: that is how plans are looked at
      if (!sameSettlement) fitSettlement(map, view.bbox, true, covered());
      showLegend();
    },
  };
  window.coplanPage = page;
  return page;
}
