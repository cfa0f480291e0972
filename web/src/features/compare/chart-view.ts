import { formatNumber, t } from '../../i18n/i18n';
import { SERIES_COLOURS, type Series, chartLayout } from './chart-scale';
import type { Impact } from './compare-api';

const NS = 'http://www.w3.org/2000/svg';
/** Room for the row labels on the left, the plot, and the numbers after the longest bar. */
const LABEL_WIDTH = 210;
const PLOT_WIDTH = 300;
const VALUE_ROOM = 56;
const PLAN_LABEL = 22;
const AXIS = 28;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const SERIES_LABELS: Readonly<Record<Series, string>> = {
  displaced: 'compare.chart.displaced',
  water: 'compare.chart.water',
  toilet: 'compare.chart.toilet',
  fire: 'compare.chart.fire',
};

/**
 * Households displaced against households newly served, per plan, as a plain SVG bar chart: every
 * bar labelled with its measure and its number, so it reads without colour, and the SVG is one
 * image to screen readers with a sentence per plan (the table beside it has every figure).
 */
export function comparisonChart(impacts: readonly Impact[], planName: (id: string) => string): SVGSVGElement {
  const layout = chartLayout(impacts, PLOT_WIDTH);
  const width = LABEL_WIDTH + PLOT_WIDTH + VALUE_ROOM;
  const rowsTop = (g: number): number => (g + 1) * PLAN_LABEL;
  const height = layout.height + impacts.length * PLAN_LABEL + AXIS;
  const title = svg('title', { id: 'compare-chart-title' }, t('compare.chart.title'));
  const desc = svg(
    'desc',
    { id: 'compare-chart-desc' },
    impacts
      .map((i) =>
        t('compare.chart.summary', {
          plan: planName(i.plan),
          displaced: formatNumber(i.relocated.households),
          water: formatNumber(i.brings.householdsNewlyWithinWater),
          toilet: formatNumber(i.brings.householdsNewlyWithinToilet),
          fire: formatNumber(i.brings.householdsNewlyWithinFire),
        }),
      )
      .join(' '),
  );
  const root = svg('svg', {
    id: 'compare-chart',
    class: 'compare-chart',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': 'compare-chart-title compare-chart-desc',
  });
  root.append(title, desc);

  const plotBottom = height - AXIS + 6;
  for (const tick of layout.ticks) {
    const x = LABEL_WIDTH + tick.x;
    root.append(
      svg('line', { x1: x, x2: x, y1: PLAN_LABEL - 4, y2: plotBottom, class: tick.value === 0 ? 'chart-axis' : 'chart-grid' }),
      svg('text', { x, y: height - 6, 'text-anchor': 'middle', class: 'chart-tick' }, formatNumber(tick.value)),
    );
  }
  layout.groups.forEach((group, g) => {
    const top = rowsTop(g);
    root.append(svg('text', { x: 0, y: group.y + top - 7, class: 'chart-plan' }, planName(group.plan)));
    for (const bar of group.bars) {
      const y = bar.y + top;
      const mid = y + layout.barHeight / 2;
      const row = svg('g', { 'data-plan': group.plan, 'data-series': bar.series, 'data-value': bar.value });
      row.append(
        svg('text', { x: LABEL_WIDTH - 8, y: mid, 'text-anchor': 'end', 'dominant-baseline': 'central', class: 'chart-label' }, t(SERIES_LABELS[bar.series])),
        svg('rect', { x: LABEL_WIDTH, y, width: Math.max(bar.length, 0), height: layout.barHeight, fill: SERIES_COLOURS[bar.series], rx: 2 }),
        svg('text', { x: LABEL_WIDTH + bar.length + 6, y: mid, 'dominant-baseline': 'central', class: 'chart-value' }, formatNumber(bar.value)),
      );
      root.append(row);
    }
  });
  return root;
}
