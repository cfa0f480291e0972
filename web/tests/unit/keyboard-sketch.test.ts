import { describe, expect, it } from 'vitest';
import { snapTo } from '../../src/features/editor/geometry';
import { KeyboardSketch } from '../../src/features/editor/keyboard-sketch';
import { defaultsOf } from '../../src/features/editor/schema';

describe('drawing with the keyboard', () => {
  it('places a point at once', () => {
    expect(new KeyboardSketch('point').add([39.24, -6.8])).toEqual({ kind: 'done', geometry: { type: 'Point', coordinates: [39.24, -6.8] } });
  });

  it('builds a line vertex by vertex, takes the last back, and refuses to finish short', () => {
    const s = new KeyboardSketch('linestring');
    expect(s.finish()).toEqual({ kind: 'short', needed: 2, count: 0 });
    expect(s.add([1, 1])).toEqual({ kind: 'added', count: 1 });
    expect(s.preview()).toEqual({ type: 'Point', coordinates: [1, 1] });
    expect(s.add([1, 1])).toEqual({ kind: 'same' });
    expect(s.add([2, 2])).toEqual({ kind: 'added', count: 2 });
    expect(s.add([3, 2])).toEqual({ kind: 'added', count: 3 });
    expect(s.undo()).toBe(true);
    expect(s.finish()).toEqual({ kind: 'done', geometry: { type: 'LineString', coordinates: [[1, 1], [2, 2]] } });
    expect(s.undo()).toBe(true);
    expect(s.undo()).toBe(true);
    expect(s.undo()).toBe(false);
  });

  it('closes a polygon of at least three corners', () => {
    const s = new KeyboardSketch('polygon');
    s.add([0, 0]);
    s.add([1, 0]);
    expect(s.finish()).toEqual({ kind: 'short', needed: 3, count: 2 });
    s.add([1, 1]);
    expect(s.preview()).toEqual({ type: 'LineString', coordinates: [[0, 0], [1, 0], [1, 1], [0, 0]] });
    expect(s.finish()).toEqual({ kind: 'done', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } });
  });
});

describe('shapes of a layer', () => {
  it('starts a service line as a drain and a constraint line as a servitude; points and areas as before', () => {
    expect(defaultsOf('services', 'linestring').type).toBe('stormwater_drain');
    expect(defaultsOf('services', 'point').type).toBe('water_point');
    expect(defaultsOf('constraints', 'linestring').kind).toBe('servitude');
    expect(defaultsOf('constraints', 'polygon').kind).toBe('flood_zone');
    expect(defaultsOf('footpaths', 'linestring').class).toBe('footpath');
  });
});

describe('snapping', () => {
  it('names the vertex snapped to, so its exact coordinates are used', () => {
    const targets = { vertices: [[10, 10] as const, [100, 100] as const], segments: [[[0, 105], [200, 105]] as const] };
    expect(snapTo([103, 98], targets, 12)).toEqual({ px: [100, 100], vertex: 1 });
    expect(snapTo([150, 100], targets, 12)).toEqual({ px: [150, 105], vertex: null });
    expect(snapTo([150, 130], targets, 12)).toBeNull();
  });
});
