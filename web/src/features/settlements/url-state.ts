import type { Settlement } from '../../api/types';

/**
 * The chosen settlement lives in the URL so a link or a reload shows the same place:
 * `#tandale` (what the app writes) or `?settlement=tandale` (handy for links from elsewhere).
 * The hash wins when both are present.
 */
export function settlementFromUrl(hash: string, search: string): string | null {
  const fromHash = hash.replace(/^#/, '');
  if (fromHash) {
    try {
      return decodeURIComponent(fromHash);
    } catch {
      return fromHash;
    }
  }
  const fromQuery = new URLSearchParams(search).get('settlement');
  return fromQuery ? fromQuery : null;
}

export function hashFor(settlementId: string): string {
  return `#${encodeURIComponent(settlementId)}`;
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
