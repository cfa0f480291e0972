import { t } from '../../i18n/i18n';
import { describeFeature } from '../review/describe';
import type { ProposalFeature } from '../review/review-api';
import type { ChangeEntry } from './change-list';

/** "New footpath, 1.5 m wide: Akiba path": what the change does (the review's words) and its name. */
export function changeLabel(entry: ChangeEntry): string {
  const what = describeFeature({
    layer: entry.layer,
    id: entry.id,
    action: entry.action,
    properties: entry.feature.properties as ProposalFeature['properties'],
    geometry: entry.feature.geometry!,
  });
  return entry.name ? t('plans.changeNamed', { what, name: entry.name }) : what;
}
