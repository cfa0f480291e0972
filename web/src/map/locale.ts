import { t } from '../i18n/i18n';
import type { CoplanMap } from './create-map';

/** MapLibre's own UI strings (control tooltips, the map's accessible name) in the current language. */
export function mapUiStrings(): Record<string, string> {
  return {
    'Map.Title': t('map.title'),
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'AttributionControl.ToggleAttribution': t('map.attribution'),
  };
}

/**
 * MapLibre reads its UI strings once, when a control is added; after a change of language the
 * labels it set are replaced here, on the same elements, so nothing is rebuilt.
 */
export function relabelMap(map: CoplanMap): void {
  const strings = mapUiStrings();
  map.getCanvas().setAttribute('aria-label', strings['Map.Title']!);
  const container = map.getContainer();
  for (const [selector, key] of [
    ['.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn'],
    ['.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut'],
    ['.maplibregl-ctrl-attrib-button', 'AttributionControl.ToggleAttribution'],
  ] as const) {
    const button = container.querySelector<HTMLElement>(selector);
    if (!button) continue;
    button.title = strings[key]!;
    button.setAttribute('aria-label', strings[key]!);
  }
}
