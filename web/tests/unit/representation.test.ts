import { describe, expect, it } from 'vitest';
import type { Representation, Unit } from '../../src/features/representation/representation-api';
import { UNIT_ID, buildTree, clickEffect, dragBox, parentLevel, suggestId } from '../../src/features/representation/tree';

const unit = (id: string, level: Unit['level'], parentId: string | null = null, households = 0): Unit => ({
  id,
  level,
  name: `Name of ${id}`,
  parentId,
  representative: null,
  structures: households,
  households,
});

const rep: Representation = {
  segments: [unit('S02', 'segment'), unit('S01', 'segment')],
  clusters: [unit('K002', 'cluster', 'S01'), unit('K001', 'cluster', 'S01'), unit('K003', 'cluster', null), unit('K004', 'cluster', 'S02')],
  cells: [unit('C10', 'cell', 'K001', 12), unit('C2', 'cell', 'K001', 9), unit('C3', 'cell', 'K002'), unit('C4', 'cell', 'gone'), unit('C5', 'cell', null)],
};

describe('the representation tree', () => {
  it('nests cells in clusters in segments, each level in natural id order', () => {
    const tree = buildTree(rep);
    expect(tree.segments.map((s) => s.unit.id)).toEqual(['S01', 'S02']);
    expect(tree.segments[0]!.children.map((c) => c.unit.id)).toEqual(['K001', 'K002']);
    expect(tree.segments[0]!.children[0]!.children.map((c) => c.unit.id)).toEqual(['C2', 'C10']);
    expect(tree.segments[1]!.children.map((c) => c.unit.id)).toEqual(['K004']);
    expect(tree.segments[1]!.children[0]!.children).toEqual([]);
  });

  it('keeps units whose parent is not named or not there apart, so none is lost from the list', () => {
    const tree = buildTree(rep);
    expect(tree.orphanClusters.map((c) => c.unit.id)).toEqual(['K003']);
    expect(tree.orphanCells.map((c) => c.unit.id)).toEqual(['C4', 'C5']);
  });

  it('knows the level a unit belongs to', () => {
    expect(parentLevel('cell')).toBe('cluster');
    expect(parentLevel('cluster')).toBe('segment');
    expect(parentLevel('segment')).toBeNull();
  });
});

describe('new unit ids', () => {
  it('suggests one past the highest id of the demo pattern, padded as the demo pads', () => {
    const demo: Representation = {
      segments: [unit('S01', 'segment'), unit('S09', 'segment')],
      clusters: [unit('K099', 'cluster'), unit('river-side', 'cluster')],
      cells: [unit('C0001', 'cell'), unit('C0812', 'cell'), unit('Cx', 'cell')],
    };
    expect(suggestId('segment', demo)).toBe('S10');
    expect(suggestId('cluster', demo)).toBe('K100');
    expect(suggestId('cell', demo)).toBe('C0813');
    expect(suggestId('cell', { segments: [], clusters: [], cells: [] })).toBe('C0001');
  });

  it('checks ids as the server does', () => {
    expect(UNIT_ID.test('C0001')).toBe(true);
    expect(UNIT_ID.test('cell_12.b-3')).toBe(true);
    expect(UNIT_ID.test('-C1')).toBe(false);
    expect(UNIT_ID.test('C 1')).toBe(false);
    expect(UNIT_ID.test('')).toBe(false);
    expect(UNIT_ID.test('x'.repeat(64))).toBe(false);
  });
});

describe('picking structures for a cell', () => {
  const members = new Set(['a', 'b']);

  it('puts clicked structures in and takes clicked members out', () => {
    expect(clickEffect(['c'], members, true)).toEqual({ add: ['c'], remove: [] });
    expect(clickEffect(['a'], members, true)).toEqual({ add: [], remove: ['a'] });
  });

  it('only adds what a box holds, each once', () => {
    expect(clickEffect(['a', 'c', 'd', 'c'], members, false)).toEqual({ add: ['c', 'd'], remove: [] });
    expect(clickEffect(['a', 'b'], members, false)).toEqual({ add: [], remove: [] });
  });

  it('spans a box from any two corners', () => {
    expect(dragBox({ x: 50, y: 10 }, { x: 20, y: 40 })).toEqual([
      [20, 10],
      [50, 40],
    ]);
  });
});
