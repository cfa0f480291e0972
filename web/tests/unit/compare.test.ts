import { describe, expect, it } from 'vitest';
import { SERIES, SERIES_COLOURS, chartLayout, niceCeiling, ticks } from '../../src/features/compare/chart-scale';
import type { Impact } from '../../src/features/compare/compare-api';
import { difference, metricRows } from '../../src/features/compare/metrics';
import { type Camera, syncCameras } from '../../src/features/compare/sync';
import { LOCALES, MESSAGES } from '../../src/i18n/i18n';
import { contrast, rgb } from './support/contrast';

const impact = (plan: string, relocated: number, water: number, toilet = 0, fire = 0, path = 0): Impact => ({
  plan,
  relocated: { structures: relocated > 0 ? 1 : 0, households: relocated, people: relocated * 4 },
  trimmed: { structures: 2, households: 3, people: 9 },
  byReason: {},
  byGroup: {},
  brings: {
    householdsNewlyWithinWater: water,
    householdsNewlyWithinToilet: toilet,
    householdsNewlyWithinFire: fire,
    householdsWithinWater: 100 + water,
    householdsWithinToilet: 50 + toilet,
    householdsWithinFire: 70 + fire,
    pathLengthAddedM: path,
  },
});

describe('the comparison table', () => {
  const rows = metricRows([impact('baseline', 0, 0), impact('widen', 12, 30, 4, 2, 187.3)]);
  const row = (key: string) => rows.find((r) => r.key === `compare.metric.${key}`)!;

  it('takes each value from the impact of its plan, in the order of the plans', () => {
    expect(row('relocatedHouseholds').values).toEqual([0, 12]);
    expect(row('relocatedPeople').values).toEqual([0, 48]);
    expect(row('relocatedStructures').values).toEqual([0, 1]);
    expect(row('trimmedHouseholds').values).toEqual([3, 3]);
    expect(row('newlyWater').values).toEqual([0, 30]);
    expect(row('newlyToilet').values).toEqual([0, 4]);
    expect(row('newlyFire').values).toEqual([0, 2]);
    expect(row('withinWater').values).toEqual([100, 130]);
    expect(row('pathAdded').values).toEqual([0, 187.3]);
    expect(rows.map((r) => r.key)).toHaveLength(new Set(rows.map((r) => r.key)).size);
  });

  it('names every measure in every language', () => {
    for (const key of [...rows.map((r) => r.key), ...SERIES.map((s) => `compare.chart.${s}`)]) {
      for (const locale of LOCALES) expect(MESSAGES[locale][key], `${locale}: ${key}`).toBeTruthy();
    }
  });

  it('judges the second plan against the first by what is good for residents', () => {
    expect(difference(row('relocatedHouseholds'))).toEqual({ delta: 12, verdict: 'worse' });
    expect(difference(row('newlyWater'))).toEqual({ delta: 30, verdict: 'better' });
    expect(difference(row('trimmedHouseholds'))).toEqual({ delta: 0, verdict: 'same' });
    const fewer = metricRows([impact('a', 5, 0), impact('b', 2, 0)]).find((r) => r.key === 'compare.metric.relocatedHouseholds')!;
    expect(difference(fewer)).toEqual({ delta: -3, verdict: 'better' });
  });

  it('does not call rounding noise in metres a change, and has no difference beyond two plans', () => {
    const metres = metricRows([impact('a', 0, 0, 0, 0, 0.1), impact('b', 0, 0, 0, 0, 0.3)]).find((r) => r.key === 'compare.metric.pathAdded')!;
    expect(difference(metres)).toEqual({ delta: 0.2, verdict: 'better' });
    expect(difference(metricRows([impact('a', 1, 1), impact('b', 1, 1), impact('c', 1, 1)])[0]!)).toBeNull();
  });
});

describe('the chart of households displaced and newly served', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.4, 1, 3, 7, 10, 11, 48, 180, 2001].map(niceCeiling)).toEqual([1, 0.5, 1, 5, 10, 10, 20, 50, 200, 5000]);
  });

  it('ticks in whole households from zero to the ceiling', () => {
    expect(ticks(50)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(5000)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  });

  it('puts every plan on one scale, bars proportional to households', () => {
    const layout = chartLayout([impact('baseline', 0, 0), impact('widen', 12, 40, 4)], 400);
    expect(layout.ceiling).toBe(50);
    const widen = layout.groups[1]!;
    expect(widen.plan).toBe('widen');
    expect(widen.bars.map((b) => [b.series, b.value, b.length])).toEqual([
      ['displaced', 12, 96],
      ['water', 40, 320],
      ['toilet', 4, 32],
      ['fire', 0, 0],
    ]);
    expect(layout.groups[0]!.bars.every((b) => b.length === 0)).toBe(true);
    expect(widen.y).toBeGreaterThan(layout.groups[0]!.bars.at(-1)!.y + layout.barHeight);
    expect(layout.height).toBe(widen.bars.at(-1)!.y + layout.barHeight);
    expect(layout.ticks.at(-1)).toEqual({ value: 50, x: 400 });
  });

  it('draws each series in a colour that stands out from the white page (3:1 for graphics)', () => {
    for (const s of SERIES) expect(contrast(rgb(SERIES_COLOURS[s]), [255, 255, 255]), s).toBeGreaterThanOrEqual(3);
    expect(new Set(Object.values(SERIES_COLOURS)).size).toBe(SERIES.length);
  });
});

/** A camera that behaves as MapLibre's does for this purpose: `jumpTo` fires `move` synchronously. */
class FakeCamera implements Camera {
  center = { lng: 0, lat: 0 };
  zoom = 14;
  bearing = 0;
  jumps = 0;
  private listeners = new Set<() => void>();
  getCenter = () => this.center;
  getZoom = () => this.zoom;
  getBearing = () => this.bearing;
  jumpTo(o: { center: [number, number]; zoom: number; bearing: number }): void {
    this.jumps++;
    this.center = { lng: o.center[0], lat: o.center[1] };
    this.zoom = o.zoom;
    this.bearing = o.bearing;
    this.listeners.forEach((l) => l());
  }
  on(_: 'move', l: () => void): void {
    this.listeners.add(l);
  }
  off(_: 'move', l: () => void): void {
    this.listeners.delete(l);
  }
}

describe('twin maps', () => {
  it('move together whichever one is moved, without echoing back', () => {
    const [a, b] = [new FakeCamera(), new FakeCamera()];
    const untie = syncCameras(a, b);
    a.jumpTo({ center: [39.25, -6.8], zoom: 17, bearing: 0 });
    expect([b.center, b.zoom]).toEqual([{ lng: 39.25, lat: -6.8 }, 17]);
    expect([a.jumps, b.jumps]).toEqual([1, 1]);
    b.jumpTo({ center: [39.26, -6.81], zoom: 16.5, bearing: 0 });
    expect([a.center, a.zoom]).toEqual([{ lng: 39.26, lat: -6.81 }, 16.5]);
    expect([a.jumps, b.jumps]).toEqual([2, 2]);
    untie();
    a.jumpTo({ center: [1, 2], zoom: 3, bearing: 0 });
    expect(b.zoom).toBe(16.5);
  });
});
