import { describe, expect, it } from 'vitest';
import { changeList, totalChanges } from '../../src/features/plans/change-list';
import type { ChangedFeature, ChangesDocument } from '../../src/features/plans/plans-api';
import { geometryBounds } from '../../src/map/bounds';

const line = (id: string, coords: number[][], name?: string): ChangedFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'LineString', coordinates: coords },
  properties: { class: 'footpath', width_m: 1.5, ...(name === undefined ? {} : { name }) },
});
const point = (id: string, x: number, y: number): ChangedFeature => ({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [x, y] }, properties: { type: 'water_point' } });
const fc = (...features: ChangedFeature[]) => ({ type: 'FeatureCollection' as const, features });
const none = { added: fc(), modified: { before: fc(), after: fc() }, removed: fc() };

const doc: ChangesDocument = {
  settlement: 'tandale',
  plan: 'widen',
  basedOn: 'baseline',
  timeStamp: '2026-01-01T00:00:00Z',
  summary: {},
  collections: {
    structures: { ...none, removed: fc({ type: 'Feature', id: 's1', geometry: { type: 'Polygon', coordinates: [[[1, 1], [2, 1], [2, 2], [1, 1]]] }, properties: { name: '' } }) },
    footpaths: {
      added: fc(line('f-b', [[0, 0], [1, 1]]), line('f-a', [[0, 0], [0, 1]], 'Zebra lane'), line('f-c', [[0, 0], [1, 0]], 'Akiba path')),
      modified: { before: fc(line('f-m', [[10, 10], [11, 11]])), after: fc(line('f-m', [[12, 9], [13, 10]], 'Moved')) },
      removed: fc(),
    },
    services: { ...none, added: fc(point('p1', 5, 6)) },
    constraints: none,
  },
};

describe('a plan change list', () => {
  const list = changeList(doc);

  it('lists only layers with changes, in the legend order, with their counts', () => {
    expect(list.map((l) => l.layer)).toEqual(['footpaths', 'services', 'structures']);
    expect(list[0]!.counts).toEqual({ added: 3, modified: 1, removed: 0 });
    expect(list[2]!.counts).toEqual({ added: 0, modified: 0, removed: 1 });
    expect(totalChanges(list)).toBe(6);
  });

  it('orders added, modified, removed; named before unnamed; blank names count as none', () => {
    expect(list[0]!.entries.map((e) => [e.action, e.id, e.name])).toEqual([
      ['added', 'f-c', 'Akiba path'],
      ['added', 'f-a', 'Zebra lane'],
      ['added', 'f-b', null],
      ['modified', 'f-m', 'Moved'],
    ]);
    expect(list[2]!.entries[0]!.name).toBeNull();
  });

  it('zooms a modified feature to where it was and where it is now', () => {
    const moved = list[0]!.entries.find((e) => e.id === 'f-m')!;
    expect(moved.bbox).toEqual([10, 9, 13, 11]);
    expect(moved.feature.properties.name).toBe('Moved');
    expect(list[1]!.entries[0]!.bbox).toEqual([5, 6, 5, 6]);
  });

  it('is empty for the baseline and a plan without changes', () => {
    expect(changeList({ ...doc, collections: { footpaths: none, structures: none } })).toEqual([]);
    expect(changeList({ ...doc, collections: {} })).toEqual([]);
  });
});

describe('geometryBounds', () => {
  it('covers every part of every geometry and skips nulls', () => {
    expect(
      geometryBounds([
        { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, -2], [6, -2], [6, -1], [5, -2]]]] },
        null,
        { type: 'Point', coordinates: [-3, 4] },
      ]),
    ).toEqual([-3, -2, 6, 4]);
    expect(geometryBounds([null])).toBeNull();
  });
});
