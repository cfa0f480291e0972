import type { Impact } from './compare-api';

/** The chart's measures: households displaced against households newly served, per norm. */
export type Series = 'displaced' | 'water' | 'toilet' | 'fire';
export const SERIES: readonly Series[] = ['displaced', 'water', 'toilet', 'fire'];

/**
 * Okabe-Ito colours, told apart with every common colour-vision deficiency (its orange darkened to
 * dark goldenrod so that it too reaches 3:1 against white); each bar also carries its number and
 * its row label, so nothing depends on colour alone.
 */
export const SERIES_COLOURS: Readonly<Record<Series, string>> = {
  displaced: '#D55E00',
  water: '#0072B2',
  toilet: '#009E73',
  fire: '#B8860B',
};

export function seriesValue(impact: Impact, series: Series): number {
  switch (series) {
    case 'displaced':
      return impact.relocated.households;
    case 'water':
      return impact.brings.householdsNewlyWithinWater;
    case 'toilet':
      return impact.brings.householdsNewlyWithinToilet;
    case 'fire':
      return impact.brings.householdsNewlyWithinFire;
  }
}

/** The smallest "round" number (1, 2 or 5 times a power of ten) at or above `max`; 1 for nothing. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** Evenly spaced whole-number ticks from 0 to `ceiling` inclusive, at most `most` + 1 of them. */
export function ticks(ceiling: number, most = 5): number[] {
  const raw = ceiling / most;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((s) => s * power).find((s) => s >= raw) ?? ceiling);
  const out: number[] = [];
  for (let v = 0; v <= ceiling + 1e-9; v += step) out.push(Math.round(v * 1000) / 1000);
  return out;
}

export interface Bar {
  series: Series;
  value: number;
  /** Top edge and length, in px inside the plot (x starts at the axis). */
  y: number;
  length: number;
}

export interface BarGroup {
  plan: string;
  y: number;
  bars: Bar[];
}

export interface ChartLayout {
  ceiling: number;
  ticks: { value: number; x: number }[];
  groups: BarGroup[];
  /** Height of the plot, px. */
  height: number;
  barHeight: number;
}

/**
 * Horizontal grouped bars: one group per plan, one bar per series, all on one linear scale from 0
 * to a round ceiling across every plan, so plans compare by length. `width` is the plot's width.
 */
export function chartLayout(impacts: readonly Impact[], width: number, barHeight = 18, gap = 4, groupGap = 22): ChartLayout {
  const max = Math.max(0, ...impacts.flatMap((i) => SERIES.map((s) => seriesValue(i, s))));
  const ceiling = niceCeiling(max);
  const x = (v: number): number => (Math.max(0, v) / ceiling) * width;
  const groupHeight = SERIES.length * barHeight + (SERIES.length - 1) * gap;
  const groups = impacts.map((impact, g) => {
    const top = g * (groupHeight + groupGap);
    return {
      plan: impact.plan,
      y: top,
      bars: SERIES.map((series, i) => ({ series, value: seriesValue(impact, series), y: top + i * (barHeight + gap), length: x(seriesValue(impact, series)) })),
    };
  });
  return {
    ceiling,
    ticks: ticks(ceiling).map((value) => ({ value, x: x(value) })),
    groups,
    height: impacts.length * groupHeight + Math.max(0, impacts.length - 1) * groupGap,
    barHeight,
  };
}
