import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Basemap } from '../api/types';

export const BASEMAP_ID = 'basemap';

/**
 * Returns the style with the deployment's raster basemap drawn beneath every data layer
 * (just above the background), or the style unchanged when there is no basemap.
 * MapLibre needs absolute tile URLs; `new URL()` would escape the `{z}` braces, so a
 * site-relative template is prefixed with the origin by plain concatenation.
 */
export function withBasemap(style: StyleSpecification, basemap: Basemap | null, origin: string): StyleSpecification {
  if (!basemap) return style;
  const tiles = basemap.url.startsWith('/') ? origin + basemap.url : basemap.url;
  const layers = [...style.layers];
  const afterBackground = layers.findLastIndex((l) => l.type === 'background') + 1;
  layers.splice(afterBackground, 0, { id: BASEMAP_ID, type: 'raster', source: BASEMAP_ID });
  return {
    ...style,
    sources: {
      ...style.sources,
      [BASEMAP_ID]: { type: 'raster', tiles: [tiles], tileSize: 256, maxzoom: 19, attribution: basemap.attribution },
    },
    layers,
  };
}
