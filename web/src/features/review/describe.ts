import { t, tn } from '../../i18n/i18n';
import type { Proposal, ProposalFeature } from './review-api';

/**
 * What a proposal does, in the reader's language, from its features: "New footpath, 1.5 m wide",
 * "Structure removed". Names typed by planners are data and shown as they are.
 */
export function describeFeature(f: ProposalFeature): string {
  const p = f.properties;
  const kind =
    f.layer === 'footpaths'
      ? t(`value.class.${String(p.class ?? 'footpath')}`)
      : f.layer === 'services'
        ? t(`value.type.${String(p.type ?? 'water_point')}`)
        : f.layer === 'constraints'
          ? t(`value.kind.${String(p.kind ?? 'drain')}`)
          : t('review.structure');
  const what = t(`review.action.${f.action}`, { what: kind });
  if (f.layer === 'footpaths' && f.action !== 'removed' && typeof p.width_m === 'number') {
    return `${what}, ${t('review.width', { width: p.width_m })}`;
  }
  return what;
}

export function proposalTitle(p: Proposal): string {
  if (p.name) return p.name;
  const first = p.features[0];
  return first ? describeFeature(first) : t('review.wholePlan');
}

/** "12 households in 3 structures" or "No existing structure is touched". */
export function impactLine(p: Proposal): string {
  if (p.structures.length === 0) return t('review.touchesNothing');
  return t('review.impact', { households: tn('count.households', p.households), structures: tn('count.structures', p.structures.length) });
}
