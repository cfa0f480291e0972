import type { Impact } from './compare-api';

/** Whether more of a measure is better for the people of the settlement (for the difference's wording). */
export type Better = 'fewer' | 'more';

/** One row of the comparison table: a message key naming the measure, and its value per plan. */
export interface MetricRow {
  key: string;
  values: number[];
  better: Better;
  /** Decimals to show (metres get one). */
  digits: number;
}

/** The measures, in the order the table lists them: costs first, then what the plan brings. */
const MEASURES: readonly { key: string; better: Better; digits?: number; of: (i: Impact) => number }[] = [
  { key: 'compare.metric.relocatedHouseholds', better: 'fewer', of: (i) => i.relocated.households },
  { key: 'compare.metric.relocatedPeople', better: 'fewer', of: (i) => i.relocated.people },
  { key: 'compare.metric.relocatedStructures', better: 'fewer', of: (i) => i.relocated.structures },
  { key: 'compare.metric.trimmedHouseholds', better: 'fewer', of: (i) => i.trimmed.households },
  { key: 'compare.metric.trimmedStructures', better: 'fewer', of: (i) => i.trimmed.structures },
  { key: 'compare.metric.newlyWater', better: 'more', of: (i) => i.brings.householdsNewlyWithinWater },
  { key: 'compare.metric.newlyToilet', better: 'more', of: (i) => i.brings.householdsNewlyWithinToilet },
  { key: 'compare.metric.newlyFire', better: 'more', of: (i) => i.brings.householdsNewlyWithinFire },
  { key: 'compare.metric.withinWater', better: 'more', of: (i) => i.brings.householdsWithinWater },
  { key: 'compare.metric.withinToilet', better: 'more', of: (i) => i.brings.householdsWithinToilet },
  { key: 'compare.metric.withinFire', better: 'more', of: (i) => i.brings.householdsWithinFire },
  { key: 'compare.metric.pathAdded', better: 'more', digits: 1, of: (i) => i.brings.pathLengthAddedM },
];

/** The table's rows for `impacts` (one column per plan, in their order). */
export function metricRows(impacts: readonly Impact[]): MetricRow[] {
  return MEASURES.map((m) => ({ key: m.key, better: m.better, digits: m.digits ?? 0, values: impacts.map(m.of) }));
}

/**
 * The second plan against the first: the difference and whether it is better, worse or the same
 * for residents (fewer displaced is better, more served is better). Null for other than two plans.
 */
export function difference(row: MetricRow): { delta: number; verdict: 'better' | 'worse' | 'same' } | null {
  if (row.values.length !== 2) return null;
  const [a, b] = row.values as [number, number];
  // metres come rounded to 0.1 by the server; compare at that precision so 0.30000000000000004 is not a change
  const delta = Math.round((b - a) * 10 ** row.digits) / 10 ** row.digits;
  if (delta === 0) return { delta: 0, verdict: 'same' };
  return { delta, verdict: (delta < 0) === (row.better === 'fewer') ? 'better' : 'worse' };
}
