import { afterEach, describe, expect, it } from 'vitest';
import type { ItemFeature } from '../../src/api/types';
import { formatFeature, formatMeasure, isTileLayer } from '../../src/features/attributes/format';
import { setLocale } from '../../src/i18n/i18n';

/** A square of `side` metres on the sphere the area formula uses (R = 6378137 m), at Tandale's latitude. */
function square(lon: number, lat: number, side: number): ItemFeature['geometry'] {
  const metresPerDegree = (6378137 * Math.PI) / 180;
  const dLat = side / metresPerDegree;
  const dLon = side / (metresPerDegree * Math.cos((lat * Math.PI) / 180));
  return {
    type: 'Polygon',
    coordinates: [[[lon, lat], [lon + dLon, lat], [lon + dLon, lat + dLat], [lon, lat + dLat], [lon, lat]]],
  };
}

const structure: ItemFeature = {
  type: 'Feature',
  id: '5f0c3c1e-1111-4d6b-9a52-000000000001',
  geometry: square(39.24, -6.8, 10),
  properties: { name: null, use: 'under_construction', households: 3, people: 14, storeys: 2, material: null, cell: 'C12' },
};

const rowsOf = (view: ReturnType<typeof formatFeature>) => Object.fromEntries(view.rows.map((r) => [r.label, r.value]));

describe('formatFeature', () => {
  it('shows a structure with human labels, in the order a reader wants, and its footprint area in m²', () => {
    const view = formatFeature('structures', structure);
    expect(view.rows.map((r) => r.label)).toEqual([
      'Use', 'Households', 'People', 'Storeys', 'Building material', 'Cell', 'Footprint area',
    ]);
    expect(rowsOf(view)).toMatchObject({ Use: 'Under construction', Households: '3', People: '14', Storeys: '2', Cell: 'C12' });
    expect(rowsOf(view)['Footprint area']).toBe('100 m²');
  });

  it('says "Not recorded" for missing values and flags them', () => {
    const material = formatFeature('structures', structure).rows.find((r) => r.key === 'material')!;
    expect(material).toMatchObject({ value: 'Not recorded', missing: true });
  });

  it('titles a feature by its name, else by what it is', () => {
    expect(formatFeature('structures', structure)).toMatchObject({ kicker: 'Structure', title: 'Under construction' });
    const named = { ...structure, properties: { ...structure.properties, name: '  Mtambani Mosque ', use: 'religious' } };
    expect(formatFeature('structures', named)).toMatchObject({ kicker: 'Structure · Religious', title: 'Mtambani Mosque' });
  });

  it('gives widths and setbacks in metres and measures line length', () => {
    const path: ItemFeature = {
      type: 'Feature',
      id: 'p1',
      geometry: { type: 'LineString', coordinates: [[39.24, -6.8], [39.2409, -6.8]] },
      properties: { class: 'footpath', width_m: 1.5, surface: 'earth', state: 'proposed' },
    };
    const rows = rowsOf(formatFeature('footpaths', path));
    expect(rows).toMatchObject({ Class: 'Footpath', Width: '1.5 m', Surface: 'Earth', State: 'Proposed' });
    expect(rows.Length).toBe('99 m');
    const drain: ItemFeature = { type: 'Feature', id: 'c1', geometry: null, properties: { kind: 'drain', severity: 'no_build', setback_m: '3' } };
    expect(rowsOf(formatFeature('constraints', drain))).toMatchObject({ Kind: 'Drain', Severity: 'No-build', Setback: '3 m' });
  });

  it('shows properties it does not know, humanised, with units from the key', () => {
    const service: ItemFeature = {
      type: 'Feature',
      id: 's1',
      geometry: { type: 'Point', coordinates: [39.24, -6.8] },
      properties: { id: 's1', type: 'water_point', state: 'existing', capacity: 25, catchment_area_m2: 12345.6, walk_m: 180, working: true },
    };
    const view = formatFeature('services', service);
    expect(rowsOf(view)).toMatchObject({ Type: 'Water point', Capacity: '25 households', 'Catchment area': '12,346 m²', Walk: '180 m', Working: 'Yes' });
    expect(view.rows.some((r) => r.key === 'id')).toBe(false);
  });

  it('explains estimated occupancy, capacity in households, and who changed the record when', () => {
    const estimated = { ...structure, properties: { ...structure.properties, occupancy_estimated: true, version: 3, updated_at: '2026-03-04T10:15:00Z', updated_by: 'amina' } };
    const view = formatFeature('structures', estimated);
    const rows = rowsOf(view);
    expect(rows['Occupancy figures']).toBe('Estimated from footprint');
    expect(rows['Last changed']).toMatch(/2026/);
    expect(rows['Changed by']).toBe('amina');
    expect(view.rows.slice(-3).map((r) => r.label)).toEqual(['Version', 'Last changed', 'Changed by']);
    const tap: ItemFeature = { type: 'Feature', id: 't', geometry: null, properties: { type: 'water_point', state: 'built', capacity: 25, sector: 'Water and sanitation' } };
    expect(rowsOf(formatFeature('services', tap))).toMatchObject({ Capacity: '25 households', Sector: 'Water and sanitation', State: 'Built' });
  });

  it('keeps hostile text as text', () => {
    const hostile = { ...structure, properties: { ...structure.properties, name: '<img src=x onerror=alert(1)>' } };
    expect(formatFeature('structures', hostile).title).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('formatFeature in Swahili', () => {
  afterEach(() => setLocale('en'));

  it('labels rows, values, counts and dates in Swahili, and keeps names as typed', () => {
    setLocale('sw');
    const tap: ItemFeature = {
      type: 'Feature',
      id: 't',
      geometry: null,
      properties: { name: 'Bomba la Mtogole', type: 'water_point', state: 'proposed', capacity: 25, updated_at: '2026-03-05T10:15:00Z', material: null },
    };
    const view = formatFeature('services', tap);
    expect(view).toMatchObject({ kicker: 'Huduma · Kituo cha maji', title: 'Bomba la Mtogole' });
    const rows = rowsOf(view);
    expect(rows).toMatchObject({ Aina: 'Kituo cha maji', Hali: 'Inayopendekezwa', Uwezo: 'kaya 25', 'Vifaa vya ujenzi': 'Haijarekodiwa' });
    expect(rows['Ilibadilishwa mwisho']).toMatch(/Mac 2026/);
    expect(rowsOf(formatFeature('structures', structure))).toMatchObject({ Matumizi: 'Linajengwa', Kaya: '3', Watu: '14', 'Eneo la jengo': '100 m²' });
  });
});

describe('formatMeasure', () => {
  it('rounds to one decimal below 10 and to whole units above', () => {
    expect(formatMeasure(1.25, 'm')).toBe('1.3 m');
    expect(formatMeasure(9.94, 'm²')).toBe('9.9 m²');
    expect(formatMeasure(1234.5, 'm²')).toBe('1,235 m²');
  });
});

describe('isTileLayer', () => {
  it('knows the four tile layers and nothing else', () => {
    expect(['structures', 'footpaths', 'services', 'constraints'].every(isTileLayer)).toBe(true);
    expect(isTileLayer('constructor')).toBe(false);
    expect(isTileLayer(undefined)).toBe(false);
  });
});
