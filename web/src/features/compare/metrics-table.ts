import { formatNumber, t } from '../../i18n/i18n';
import { el } from '../../ui/element';
import type { Impact } from './compare-api';
import { difference, metricRows } from './metrics';

const signed = (value: number, digits: number): string => (value > 0 ? '+' : value < 0 ? '−' : '') + formatNumber(Math.abs(value), digits);

/**
 * The comparison as a table: a row per measure (a header cell naming it), a column per plan and,
 * for two plans, the second against the first in words as well as a sign ("+12, worse"), so the
 * verdict never rests on colour.
 */
export function metricsTable(impacts: readonly Impact[], planName: (id: string) => string): HTMLTableElement {
  const two = impacts.length === 2;
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, t('compare.measure')),
    ...impacts.map((i) => el('th', { scope: 'col', 'data-plan': i.plan }, planName(i.plan))),
    two ? el('th', { scope: 'col' }, t('compare.difference')) : null,
  );
  const body = metricRows(impacts).map((row) => {
    const diff = difference(row);
    return el(
      'tr',
      { 'data-metric': row.key },
      el('th', { scope: 'row' }, t(row.key)),
      ...row.values.map((v, i) => el('td', { 'data-plan': impacts[i]!.plan, 'data-value': v }, formatNumber(v, row.digits))),
      diff
        ? el(
            'td',
            { class: 'compare-diff', 'data-verdict': diff.verdict },
            diff.verdict === 'same' ? t('compare.same') : `${signed(diff.delta, row.digits)}, ${t(`compare.${diff.verdict}`)}`,
          )
        : null,
    );
  });
  return el(
    'table',
    { id: 'compare-table', class: 'compare-table' },
    el('caption', {}, t('compare.tableCaption')),
    el('thead', {}, head),
    el('tbody', {}, ...body),
  );
}
