import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { BASEMAP_ID, withBasemap } from '../../src/map/basemap';
import { fitPadding, usableBbox } from '../../src/map/camera';
import { hatchPattern, isKnownPattern } from '../../src/map/patterns';

const style: StyleSpecification = {
  version: 8,
  sources: { coplan: { type: 'vector', url: 'https://example.org/tiles.json' } },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#eee' } },
    { id: 'structures-fill', type: 'fill', source: 'coplan', 'source-layer': 'structures' },
  ],
};

describe('withBasemap', () => {
  it('leaves the style alone when the deployment has no basemap', () => {
    expect(withBasemap(style, null, 'http://localhost')).toBe(style);
  });

  it('draws the raster beneath the data, above the background, with its attribution', () => {
    const url = 'https://tiles.example.org/{z}/{x}/{y}.png';
    const out = withBasemap(style, { url, attribution: '© Example' }, 'http://localhost');
    expect(out.layers.map((l) => l.id)).toEqual(['background', BASEMAP_ID, 'structures-fill']);
    expect(out.sources[BASEMAP_ID]).toMatchObject({ type: 'raster', tiles: [url], tileSize: 256, attribution: '© Example' });
    expect(style.layers).toHaveLength(2);
  });

  it('makes a site-relative template absolute without escaping the braces', () => {
    const out = withBasemap(style, { url: '/basemap/{z}/{x}/{y}.png', attribution: 'x' }, 'http://127.0.0.1:8080');
    expect(out.sources[BASEMAP_ID]).toMatchObject({ tiles: ['http://127.0.0.1:8080/basemap/{z}/{x}/{y}.png'] });
  });
});

describe('camera', () => {
  it('accepts real bboxes and refuses broken ones', () => {
    expect(usableBbox([39.235, -6.813, 39.251, -6.788])).toBe(true);
    expect(usableBbox([39.24, -6.8, 39.24, -6.8])).toBe(true);
    expect(usableBbox([39.251, -6.813, 39.235, -6.788])).toBe(false);
    expect(usableBbox([0, -91, 1, 0])).toBe(false);
    expect(usableBbox([0, 0, Number.NaN, 1])).toBe(false);
    expect(usableBbox(undefined)).toBe(false);
  });

  it('keeps the settlement clear of the toolbar, tighter on phones', () => {
    const phone = fitPadding(390, 844);
    const desk = fitPadding(1920, 1080);
    expect(phone.top).toBeGreaterThan(phone.bottom);
    expect(desk.left).toBeGreaterThan(phone.left);
  });
});

describe('hatchPattern', () => {
  it('draws a tileable diagonal hatch for the no-build pattern', () => {
    const image = hatchPattern('coplan-hatch-no-build', 16)!;
    expect(image).toMatchObject({ width: 16, height: 16 });
    expect(image.data).toHaveLength(16 * 16 * 4);
    const alpha = (x: number, y: number) => image.data[(y * 16 + x) * 4 + 3];
    expect(alpha(0, 0)).toBeGreaterThan(0);
    expect(alpha(4, 0)).toBe(0);
    // Tileable: the pattern repeats across the edge.
    for (let y = 0; y < 16; y++) expect(alpha(0, y)).toBe(alpha(8, y));
  });

  it('knows only its own patterns', () => {
    expect(isKnownPattern('coplan-hatch-no-build')).toBe(true);
    expect(hatchPattern('something-else')).toBeNull();
  });
});
