import type { FeatureCollection, Geometry as GeoJsonGeometry } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import type { CoplanMap } from '../../map/create-map';
import type { ChangeEntry } from './change-list';

const SOURCE = 'plan-change-focus';
/** Reddish purple of the Okabe-Ito palette: apart from every layer colour, 4.5:1 on the light map. */
const COLOUR = '#A0457E';

/**
 * Outlines the change picked in the change list, dashed, above the plan's layers: also where a
 * removed feature was, which the plan's own tiles no longer have. A new style (another plan) drops
 * the outline with its sources; the next pick adds them again.
 */
export function showChangeFocus(map: CoplanMap, entry: ChangeEntry | null): void {
  const data: FeatureCollection = {
    type: 'FeatureCollection',
    features: entry?.feature.geometry ? [{ type: 'Feature', geometry: entry.feature.geometry as GeoJsonGeometry, properties: {} }] : [],
  };
  const source = map.getSource(SOURCE) as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    return;
  }
  if (!entry || !map.isStyleLoaded()) return;
  map.addSource(SOURCE, { type: 'geojson', data });
  map.addLayer({
    id: `${SOURCE}-line`,
    type: 'line',
    source: SOURCE,
    paint: { 'line-color': COLOUR, 'line-width': 3, 'line-dasharray': [2, 1.5] },
  });
  map.addLayer({
    id: `${SOURCE}-point`,
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': COLOUR, 'circle-stroke-width': 3 },
  });
}
