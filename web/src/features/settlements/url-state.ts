import type { Settlement } from '../../api/types';

/**
 * What the map shows lives in the URL so a link or a reload shows the same: `#tandale` (the
 * settlement's existing conditions), `#tandale/widen-lanes` (a plan), `#tandale/compare/a/b`
 * (two plans side by side); or `?settlement=tandale` (handy for links from elsewhere). Each part is
 * URI-encoded, so ids with `/` stay one part. The hash wins when both are present.
 */
export function settlementFromUrl(hash: string, search: string): string | null {
  const fromHash = hashParts(hash)[0];
  if (fromHash) return fromHash;
  const fromQuery = new URLSearchParams(search).get('settlement');
  return fromQuery ? fromQuery : null;
}

/** The plan part of the hash: which plan the map shows (`baseline` when none), and a comparison. */
export interface PlanState {
  plan: string;
  compare: readonly [string, string] | null;
}

export const BASELINE_STATE: PlanState = { plan: 'baseline', compare: null };

export function planStateFromHash(hash: string): PlanState {
  const [, plan, a, b] = hashParts(hash);
  if (plan === 'compare' && a && b) return { plan: a, compare: [a, b] };
  return { plan: plan || 'baseline', compare: null };
}

export function hashFor(settlementId: string, state: PlanState = BASELINE_STATE): string {
  const parts = [settlementId];
  if (state.compare) parts.push('compare', ...state.compare);
  else if (state.plan !== 'baseline') parts.push(state.plan);
  return `#${parts.map(encodeURIComponent).join('/')}`;
}

function hashParts(hash: string): string[] {
  return hash
    .replace(/^#/, '')
    .split('/')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
}

export interface Choice {
  settlement: Settlement;
  /** True when the URL asked for a settlement that does not exist and the first one is shown instead. */
  fellBack: boolean;
}

/** The requested settlement if the server knows it, else the first one; null when there are none. */
export function chooseSettlement(requested: string | null, settlements: Settlement[]): Choice | null {
  const first = settlements[0];
  if (!first) return null;
  const match = requested === null ? undefined : settlements.find((s) => s.id === requested);
  return { settlement: match ?? first, fellBack: requested !== null && !match };
}
