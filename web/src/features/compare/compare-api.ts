import { api } from '../../api/client';

/** Structures, households and people. */
export interface Count {
  structures: number;
  households: number;
  people: number;
}

/** One plan's impact as `GET /api/settlements/{sid}/compare` answers it (docs/analysis.md). */
export interface Impact {
  plan: string;
  relocated: Count;
  trimmed: Count;
  byReason: Record<string, Count>;
  byGroup: Record<string, Record<string, Count>>;
  brings: {
    householdsNewlyWithinWater: number;
    householdsNewlyWithinToilet: number;
    householdsNewlyWithinFire: number;
    householdsWithinWater: number;
    householdsWithinToilet: number;
    householdsWithinFire: number;
    pathLengthAddedM: number;
  };
}

/** The impacts of `planIds`, in that order (the server analyses a plan the first time it is asked). */
export async function fetchComparison(settlementId: string, planIds: readonly string[], signal?: AbortSignal): Promise<Impact[]> {
  const query = new URLSearchParams({ plans: planIds.join(',') });
  const answer = await api.request<{ plans: Impact[] }>('GET', `/api/settlements/${encodeURIComponent(settlementId)}/compare?${query}`, { signal });
  return answer.plans;
}
