import { api } from '../../api/client';
import type { Impact } from '../../api/impact';

export type { Count, Impact } from '../../api/impact';

/** The impacts of `planIds`, in that order (the server analyses a plan the first time it is asked). */
export async function fetchComparison(settlementId: string, planIds: readonly string[], signal?: AbortSignal): Promise<Impact[]> {
  const query = new URLSearchParams({ plans: planIds.join(',') });
  const answer = await api.request<{ plans: Impact[] }>('GET', `/api/settlements/${encodeURIComponent(settlementId)}/compare?${query}`, { signal });
  return answer.plans;
}
