import './legend.css';
import { el } from '../../ui/element';
import type { LegendGroup, LegendItem } from './derive';

export interface LayerVisibility {
  setVisible(layerIds: string[], visible: boolean): void;
  /** Whether the group's layer is shown now, so re-rendering (a new language) keeps the reader's choice. */
  isVisible(layerId: string): boolean;
}

function swatch(group: LegendGroup, item: LegendItem): HTMLElement {
  const node = el('span', { class: `swatch swatch-${group.kind}${group.dashed ? ' swatch-dashed' : ''}`, 'aria-hidden': 'true' });
  node.style.setProperty('--swatch-color', item.color);
  node.style.setProperty('--swatch-opacity', String(Math.max(group.opacity, group.kind === 'fill' ? 0.45 : 0.6)));
  node.style.setProperty('--swatch-outline', group.outline ?? item.color);
  return node;
}

/**
 * Renders the legend groups into `container`, each with a checkbox that shows or hides the group's
 * layer and its companions. Re-rendering replaces the previous legend (a new style was loaded, or
 * the language changed).
 */
export function renderLegend(container: HTMLElement, groups: LegendGroup[], layers: LayerVisibility): void {
  const lists = groups.map((group, index) => {
    const toggleId = `legend-toggle-${index}`;
    const toggle = el('input', { type: 'checkbox', id: toggleId, checked: layers.isVisible(group.layerId), 'data-layer': group.layerId });
    toggle.addEventListener('change', () => layers.setVisible([group.layerId, ...group.companions], toggle.checked));
    return el(
      'section',
      { class: 'legend-group', 'aria-labelledby': `${toggleId}-label` },
      el('label', { class: 'legend-toggle', for: toggleId, id: `${toggleId}-label` }, toggle, el('span', {}, group.label)),
      el(
        'ul',
        { class: 'legend-items' },
        ...group.items.map((item) => el('li', { class: 'legend-item' }, swatch(group, item), el('span', {}, item.label))),
      ),
    );
  });
  container.replaceChildren(...lists);
}
