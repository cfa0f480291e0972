import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { colourItems, deriveLegend, interactiveLayerIds } from '../../src/features/legend/derive';

const fixture: StyleSpecification = {
  version: 8,
  sources: { coplan: { type: 'vector', url: 'TILEJSON_URL' } },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#eee' } },
    {
      id: 'paths-casing',
      type: 'line',
      source: 'coplan',
      'source-layer': 'footpaths',
      metadata: { 'coplan:companion-of': 'paths' },
      paint: { 'line-color': '#888' },
    },
    {
      id: 'paths',
      type: 'line',
      source: 'coplan',
      'source-layer': 'footpaths',
      metadata: { 'coplan:legend': 'Paths' },
      paint: { 'line-color': '#fff', 'line-dasharray': [2, 1] },
    },
    {
      id: 'services',
      type: 'circle',
      source: 'coplan',
      'source-layer': 'services',
      metadata: { 'coplan:legend': 'Services', 'coplan:legend-labels': { fire_point: 'Fire safety' } },
      paint: {
        'circle-color': [
          'case',
          ['boolean', ['feature-state', 'selected'], false],
          '#000',
          ['match', ['get', 'type'], 'water_point', '#0072B2', ['toilet', 'toilet_block'], '#009E73', 'fire_hydrant', '#D55E00', 'fire_point', '#D55E00', '#999'],
        ],
        'circle-stroke-color': '#111',
        'circle-opacity': 0.8,
      },
    },
    { id: 'services-selected', type: 'circle', source: 'coplan', 'source-layer': 'services', paint: { 'circle-color': '#000' } },
  ],
};

describe('deriveLegend', () => {
  const legend = deriveLegend(fixture);

  it('makes one group per layer with a legend label, topmost layer first', () => {
    expect(legend.map((g) => [g.layerId, g.label, g.kind])).toEqual([
      ['services', 'Services', 'circle'],
      ['paths', 'Paths', 'line'],
    ]);
  });

  it('reads swatches from a match on an attribute, merging values that share a colour', () => {
    const services = legend[0]!;
    expect(services.items).toEqual([
      { label: 'Water point', color: '#0072B2', values: ['water_point'] },
      { label: 'Toilet, Toilet block', color: '#009E73', values: ['toilet', 'toilet_block'] },
      { label: 'Fire safety', color: '#D55E00', values: ['fire_hydrant', 'fire_point'] },
    ]);
    expect(services.outline).toBe('#111');
    expect(services.opacity).toBe(0.8);
  });

  it('uses the group label for a constant colour and notes dashes and companions', () => {
    const paths = legend[1]!;
    expect(paths.items).toEqual([{ label: 'Paths', color: '#fff', values: [] }]);
    expect(paths.dashed).toBe(true);
    expect(paths.companions).toEqual(['paths-casing']);
  });

  it('makes exactly the legend layers clickable', () => {
    expect(interactiveLayerIds(fixture)).toEqual(['services', 'paths']);
  });

  it('derives the real template into the groups a planner reads', () => {
    const path = fileURLToPath(new URL('../../../server/src/main/resources/style/coplan-style.json', import.meta.url));
    const groups = deriveLegend(JSON.parse(readFileSync(path, 'utf8')));
    expect(groups.map((g) => g.label)).toEqual([
      'Services',
      'Service lines',
      'Planned paths',
      'Structures by use',
      'Paths and roads',
      'Constraint lines',
      'Setbacks (to scale)',
      'Constraint areas',
    ]);
    const constraints = groups.find((g) => g.layerId === 'constraints-fill')!;
    expect(constraints.items.map((i) => i.label)).toEqual(['No-build', 'Conditional', 'Advisory']);
    expect(constraints.companions).toEqual(['constraints-hatch', 'constraints-outline']);
    const structures = groups.find((g) => g.layerId === 'structures-fill')!;
    expect(structures.items[0]).toMatchObject({ label: 'Residential', values: ['residential'] });
    expect(structures.outline).toMatch(/^#/);
  });
});

describe('deriveLegend in another language', () => {
  it('reads coplan:legend-<language> and its labels, and falls back to English (and the message files) where a layer has none', () => {
    const translated: StyleSpecification = {
      ...fixture,
      layers: fixture.layers.map((l) =>
        l.id === 'services'
          ? { ...l, metadata: { ...(l.metadata as object), 'coplan:legend-sw': 'Huduma', 'coplan:legend-labels-sw': { fire_point: 'Usalama wa moto' } } }
          : l,
      ),
    } as StyleSpecification;
    const [services, paths] = deriveLegend(translated, 'sw');
    expect(services!.label).toBe('Huduma');
    expect(services!.items.map((i) => i.label)).toEqual(['Kituo cha maji', 'Choo, Jengo la vyoo', 'Usalama wa moto']);
    expect(paths!.label).toBe('Paths');
    expect(deriveLegend(translated, 'en')[0]!.label).toBe('Services');
  });
});

describe('colourItems', () => {
  it('looks through zoom interpolation to the last colour', () => {
    expect(colourItems(['interpolate', ['linear'], ['zoom'], 10, '#aaa', 16, '#bbb'], 'X')).toEqual([
      { label: 'X', color: '#bbb', values: [] },
    ]);
  });

  it('gives nothing for expressions it cannot explain rather than a wrong swatch', () => {
    expect(colourItems(['to-color', ['get', 'colour']], 'X')).toEqual([]);
    expect(colourItems(undefined, 'X')).toEqual([]);
  });
});
