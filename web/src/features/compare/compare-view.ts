import './compare.css';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { RequestTransformFunction } from 'maplibre-gl';
import { fetchStyle } from '../../api/client';
import { explainProblem } from '../../api/explain';
import type { Basemap } from '../../api/types';
import { onLocaleChange, t } from '../../i18n/i18n';
import { withBasemap } from '../../map/basemap';
import { type CoplanMap, DATA_SOURCE, createMap } from '../../map/create-map';
import { el } from '../../ui/element';
import type { Plan } from '../plans/plans-api';
import { comparisonChart } from './chart-view';
import { type Impact, fetchComparison } from './compare-api';
import { metricsTable } from './metrics-table';
import { syncCameras } from './sync';

declare global {
  interface Window {
    /** The two maps of the comparison, for browser tests. */
    coplanCompareMaps?: [CoplanMap, CoplanMap];
  }
}

export interface CompareRequest {
  settlementId: string;
  plans: Plan[];
  pair: readonly [string, string];
  /** Where the main map was, so the comparison starts at the same place. */
  camera: { center: [number, number]; zoom: number };
}

export interface CompareView {
  open(request: CompareRequest): Promise<void>;
  /** Hides the comparison (the address no longer asks for it). */
  hide(): void;
  readonly isOpen: boolean;
}

export interface CompareHooks {
  basemap: Basemap | null;
  transformRequest: RequestTransformFunction;
  /** Another plan was picked for a side: the page updates the address, which opens the new pair. */
  choose(pair: [string, string]): void;
  /** The reader closed the comparison (button or Escape): the page goes back to the map. */
  closed(pair: readonly [string, string]): void;
}

/**
 * Two plans side by side: twin MapLibre maps that move together, the impact measures of both in a
 * table, and a chart of households displaced against households newly served. It covers the
 * map page while open; the address holds the pair (`#sid/compare/a/b`).
 */
export function compareView(hooks: CompareHooks): CompareView {
  const title = el('h2', { id: 'compare-title', class: 'compare-title', tabindex: '-1' });
  const closeButton = el('button', { type: 'button', class: 'button', id: 'compare-close' });
  const pickers = [0, 1].map((side) => el('select', { id: `compare-plan-${side === 0 ? 'a' : 'b'}` }));
  const pickerLabels = pickers.map((p) => el('label', { for: p.id, class: 'compare-picker-label' }));
  const containers = [0, 1].map((side) => el('div', { class: 'compare-map', id: `compare-map-${side === 0 ? 'a' : 'b'}`, role: 'region' }));
  const sides = [0, 1].map((side) => el('div', { class: 'compare-side' }, el('div', { class: 'compare-picker' }, pickerLabels[side]!, pickers[side]!), containers[side]!));
  const state = el('p', { class: 'compare-state', role: 'status', id: 'compare-state' });
  const tableHeading = el('h3', { class: 'compare-heading' });
  const tableBox = el('div', { class: 'compare-table-box' });
  const chartHeading = el('h3', { class: 'compare-heading' });
  const chartBox = el('figure', { class: 'compare-chart-box' });
  const root = el(
    'section',
    { id: 'compare-view', class: 'compare-view', 'aria-labelledby': title.id, hidden: true },
    el('header', { class: 'compare-header' }, title, closeButton),
    el('div', { class: 'compare-maps' }, ...sides),
    state,
    el('div', { class: 'compare-results' }, el('section', {}, tableHeading, tableBox), el('section', {}, chartHeading, chartBox)),
  );
  document.body.append(root);

  let maps: [CoplanMap, CoplanMap] | null = null;
  let shown: [string, string] = ['', ''];
  let settlementId = '';
  let plans: Plan[] = [];
  let impacts: Impact[] | null = null;
  let request: AbortController | null = null;
  let opener: HTMLElement | null = null;

  const planName = (id: string): string => (id === 'baseline' ? t('plan.baseline') : (plans.find((p) => p.id === id)?.name ?? id));
  const label = (): void => {
    title.textContent = t('compare.title');
    closeButton.textContent = t('compare.close');
    pickerLabels[0]!.textContent = t('compare.left');
    pickerLabels[1]!.textContent = t('compare.right');
    tableHeading.textContent = t('compare.tableTitle');
    chartHeading.textContent = t('compare.chart.title');
    pickers.forEach((select, side) => {
      select.replaceChildren(...plans.map((p) => el('option', { value: p.id }, planName(p.id))));
      select.value = shown[side]!;
      containers[side]!.setAttribute('aria-label', t('compare.mapOf', { plan: planName(shown[side]!) }));
    });
    renderResults();
  };
  const renderResults = (): void => {
    if (!impacts) return;
    tableBox.replaceChildren(metricsTable(impacts, planName));
    chartBox.replaceChildren(comparisonChart(impacts, planName), el('figcaption', { class: 'compare-chart-caption' }, t('compare.chart.caption')));
  };
  const markReady = (): void => {
    const loaded = maps?.every((m) => m.getSource(DATA_SOURCE) && m.isSourceLoaded(DATA_SOURCE) && m.loaded());
    if (loaded && impacts) document.body.dataset.compareReady = 'true';
  };

  const styleOf = async (pid: string): Promise<StyleSpecification> => withBasemap(await fetchStyle(settlementId, pid), hooks.basemap, window.location.origin);

  async function loadMetrics(): Promise<void> {
    request?.abort();
    const mine = new AbortController();
    request = mine;
    impacts = null;
    tableBox.replaceChildren();
    chartBox.replaceChildren();
    state.textContent = t('compare.analysing');
    try {
      const answer = await fetchComparison(settlementId, shown, mine.signal);
      if (request !== mine) return;
      impacts = answer;
      state.textContent = '';
      renderResults();
      markReady();
    } catch (e) {
      if (mine.signal.aborted) return;
      state.textContent = t('compare.failed', { reason: explainProblem(e) });
    }
  }

  const hide = (): void => {
    if (root.hidden) return;
    request?.abort();
    root.hidden = true;
    delete document.body.dataset.compare;
    document.body.dataset.compareReady = 'false';
    opener?.focus();
  };
  const close = (): void => {
    if (!root.hidden) hooks.closed(shown);
  };
  closeButton.addEventListener('click', close);
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !(e.target instanceof HTMLSelectElement)) close();
  });
  pickers.forEach((select) =>
    select.addEventListener('change', () => hooks.choose([pickers[0]!.value, pickers[1]!.value])),
  );
  onLocaleChange(() => {
    if (!root.hidden) label();
  });

  return {
    get isOpen() {
      return !root.hidden;
    },
    hide,
    async open(req) {
      const wasOpen = !root.hidden;
      if (!wasOpen) opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const sameSettlement = req.settlementId === settlementId;
      const previous = shown;
      settlementId = req.settlementId;
      plans = req.plans;
      shown = [req.pair[0], req.pair[1]];
      document.body.dataset.compareReady = 'false';
      document.body.dataset.compare = 'open';
      root.hidden = false;
      label();
      if (!wasOpen) title.focus();
      const styles = await Promise.all(shown.map((pid, side) => (maps && sameSettlement && previous[side] === pid ? null : styleOf(pid))));
      if (!maps) {
        const made = styles.map((style, side) =>
          createMap(containers[side]!, style!, { onError: (m) => (state.textContent = m), transformRequest: hooks.transformRequest }),
        ) as [CoplanMap, CoplanMap];
        made[0].jumpTo(req.camera);
        made[1].jumpTo(req.camera);
        syncCameras(made[0], made[1]);
        made.forEach((m) => m.on('idle', markReady));
        maps = made;
        window.coplanCompareMaps = made;
      } else {
        const twins = maps;
        styles.forEach((style, side) => style && twins[side]!.setStyle(style, { diff: false }));
        twins.forEach((m) => m.resize());
        if (!wasOpen || !sameSettlement) twins[0].jumpTo(req.camera);
      }
      await loadMetrics();
    },
  };
}
