import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { COMPANION_KEY, LEGEND_KEY, deriveLegend } from '../../src/features/legend/derive';

const TEMPLATE = fileURLToPath(new URL('../../../server/src/main/resources/style/coplan-style.json', import.meta.url));
const style = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as StyleSpecification;

/** The coded values the API promises, per attribute (the server contract). */
const CONTRACT: Record<string, string[]> = {
  use: ['residential', 'mixed', 'commercial', 'religious', 'school', 'health', 'public', 'utility', 'under_construction', 'other'],
  class: ['footpath', 'lane', 'road'],
  state: ['existing', 'proposed', 'agreed', 'built'],
  type: [
    'water_point', 'toilet', 'toilet_block', 'electricity_connection', 'electricity_pole', 'street_light', 'high_mast_light',
    'fire_hydrant', 'fire_point', 'waste_skip', 'stormwater_drain', 'sewer', 'social_facility', 'public_space',
  ],
  kind: [
    'flood_zone', 'flood_line', 'watercourse', 'drain', 'steep_slope', 'unstable_soil', 'wetland', 'water_body',
    'erosion_gully', 'servitude', 'dolomite', 'landfill',
  ],
  severity: ['no_build', 'conditional', 'advisory'],
};
const SOURCE_LAYERS = ['structures', 'footpaths', 'services', 'constraints'];
/** Derived layers of the tiles: structures as density up to zoom 14 (TileJSON's structure_density). */
const DERIVED_LAYERS = ['structure_density'];

/** Every ["match", ["get", attr], labels...] in an expression tree, as [attr, label] pairs. */
function matchLabels(expr: unknown, out: Array<[string, string]> = []): Array<[string, string]> {
  if (expr && typeof expr === 'object' && !Array.isArray(expr)) {
    Object.values(expr).forEach((e) => matchLabels(e, out));
    return out;
  }
  if (!Array.isArray(expr)) return out;
  if (expr[0] === 'match' && Array.isArray(expr[1]) && expr[1][0] === 'get') {
    for (let i = 2; i + 1 < expr.length; i += 2) {
      for (const label of [expr[i]].flat()) out.push([String(expr[1][1]), String(label)]);
    }
  }
  expr.forEach((e) => matchLabels(e, out));
  return out;
}

describe('the style template', () => {
  it('is valid per the MapLibre style spec', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('needs nothing from the internet: one vector source to be filled in, no glyphs, sprite or symbol layers', () => {
    expect(style.sources).toEqual({ coplan: { type: 'vector', url: 'TILEJSON_URL' } });
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers.filter((l) => l.type === 'symbol')).toEqual([]);
    expect(style.layers[0]).toMatchObject({ type: 'background' });
  });

  it('keeps its layer ids stable', () => {
    expect(style.layers.map((l) => l.id)).toEqual([
      'background',
      'constraints-fill',
      'constraints-hatch',
      'constraints-setback',
      'constraints-line',
      'structures-density',
      'footpaths-casing',
      'footpaths',
      'structures-fill',
      'structures-outline',
      'constraints-outline',
      'footpaths-planned',
      'services-line',
      'services-point',
      'constraints-selected',
      'footpaths-selected',
      'structures-selected-halo',
      'structures-selected',
      'services-line-selected',
      'services-selected',
    ]);
  });

  it('only reads the tile layers and coded values the API promises', () => {
    for (const layer of style.layers) {
      if (layer.type === 'background') continue;
      expect([...SOURCE_LAYERS, ...DERIVED_LAYERS]).toContain((layer as { 'source-layer': string })['source-layer']);
    }
    const labels = matchLabels(style.layers);
    expect(labels.length).toBeGreaterThan(30);
    for (const [attribute, value] of labels) {
      expect(CONTRACT[attribute], `attribute ${attribute}`).toBeDefined();
      expect(CONTRACT[attribute], `${attribute}=${value}`).toContain(value);
    }
  });

  it('gives every structure use and service type its own legend entry', () => {
    const legend = deriveLegend(style);
    const valuesOf = (id: string) => legend.find((g) => g.layerId === id)!.items.flatMap((i) => i.values);
    expect(valuesOf('structures-fill').sort()).toEqual([...CONTRACT.use!].sort());
    const serviceValues = [...valuesOf('services-point'), ...valuesOf('services-line')];
    for (const type of CONTRACT.type!) {
      if (type === 'stormwater_drain' || type === 'sewer') expect(valuesOf('services-line')).toContain(type);
      else expect(serviceValues).toContain(type);
    }
  });

  it('highlights a selected feature of every source layer through feature-state', () => {
    const highlighted = style.layers
      .filter((l) => JSON.stringify((l as { paint?: unknown }).paint ?? {}).includes('"feature-state","selected"'))
      .map((l) => (l as { 'source-layer': string })['source-layer']);
    expect(new Set(highlighted)).toEqual(new Set(SOURCE_LAYERS));
  });

  it('names only existing layers as companions, and only legend layers at that', () => {
    const ids = new Set(style.layers.filter((l) => typeof l.metadata === 'object' && (l.metadata as Record<string, unknown>)[LEGEND_KEY]).map((l) => l.id));
    const companions = style.layers
      .map((l) => (l.metadata as Record<string, unknown> | undefined)?.[COMPANION_KEY])
      .filter((c): c is string => typeof c === 'string');
    expect(companions.length).toBeGreaterThan(0);
    for (const c of companions) expect(ids).toContain(c);
  });

  it('draws structures as density cells up to zoom 14, where the tiles carry no footprints, under the structures legend', () => {
    const density = style.layers.find((l) => l.id === 'structures-density') as unknown as {
      'source-layer': string;
      maxzoom: number;
      metadata: Record<string, unknown>;
      paint: Record<string, unknown[]>;
    };
    expect(density['source-layer']).toBe('structure_density');
    // the server's tiles carry structure_density up to z14 and footprints from z15 (TileSchema)
    expect(density.maxzoom).toBe(15);
    expect(density.metadata[COMPANION_KEY]).toBe('structures-fill');
    const opacity = density.paint['fill-opacity']!;
    expect(opacity.slice(0, 3)).toEqual(['interpolate', ['linear'], ['get', 'per_ha']]);
    const levels = opacity.slice(3).filter((_, i) => i % 2 === 1) as number[];
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(levels[0]).toBeGreaterThan(0);
  });

  it('draws setbacks to scale: twice setback_m (both sides) in pixels at every zoom', () => {
    const setback = style.layers.find((l) => l.id === 'constraints-setback') as unknown as { paint: Record<string, unknown[]> };
    const width = setback.paint['line-width']!;
    expect(width.slice(0, 3)).toEqual(['interpolate', ['exponential', 2], ['zoom']]);
    const factor = (z: number) => Number((width[width.indexOf(z) + 1] as unknown[])[2]);
    const pxPerMetre = (z: number) => (2 ** z * 512) / 40075016.686;
    for (const z of [12, 22]) expect(Math.abs(factor(z) - 2 * pxPerMetre(z)) / pxPerMetre(z), `z${z}`).toBeLessThan(1e-3);
  });

  it('draws paths at their surveyed width from z15: metres × 2^z × 512 px / earth circumference', () => {
    const footpaths = style.layers.find((l) => l.id === 'footpaths')!;
    const width = (footpaths as unknown as { paint: Record<string, unknown[]> }).paint['line-width']!;
    expect(width.slice(0, 3)).toEqual(['interpolate', ['exponential', 2], ['zoom']]);
    const factor = (stop: unknown): number => {
      const product = JSON.stringify(stop).match(/"width_m".*?\],(\d+\.\d+)\]/);
      return Number(product?.[1]);
    };
    const pxPerMetre = (z: number) => (2 ** z * 512) / 40075016.686;
    for (const z of [15, 22]) {
      const k = factor(width[width.indexOf(z) + 1]);
      expect(Math.abs(k - pxPerMetre(z)) / pxPerMetre(z), `z${z}`).toBeLessThan(1e-4);
    }
  });
});
