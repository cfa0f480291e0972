import { api, planPath } from '../../api/client';
import type { Geometry, PropertyValue, TileLayer } from '../../api/types';

/** A plan as `GET /api/settlements/{sid}/plans` lists it. */
export interface Plan {
  id: string;
  name: string;
  description?: string | null;
  /** `baseline`, or a proposal's `draft`, `in_review`, `agreed`, `rejected`, `superseded`. */
  status: string;
  basedOn?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

/** One feature of a change set (GeoJSON, CRS84). */
export interface ChangedFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry | null;
  properties: Record<string, PropertyValue | undefined>;
}

interface FeatureCollection {
  type: 'FeatureCollection';
  features: ChangedFeature[];
}

/** `GET .../plans/{pid}/changes`: what a proposal adds, modifies and removes, per layer. */
export interface ChangesDocument {
  settlement: string;
  plan: string;
  basedOn: string;
  timeStamp: string;
  summary: Partial<Record<TileLayer, { added: number; modified: number; removed: number }>>;
  collections: Partial<
    Record<TileLayer, { added: FeatureCollection; modified: { before: FeatureCollection; after: FeatureCollection }; removed: FeatureCollection }>
  >;
}

export interface NewPlan {
  name: string;
  description?: string;
  /** The plan whose changes the new one starts from. */
  copyOf?: string;
}

const plansPath = (settlementId: string): string => `/api/settlements/${encodeURIComponent(settlementId)}/plans`;

/** The plans of one settlement through the page's API client (CSRF token on changes). */
export const plansApi = {
  list: async (settlementId: string): Promise<Plan[]> => (await api.request<{ plans: Plan[] }>('GET', plansPath(settlementId))).plans,
  create: (settlementId: string, plan: NewPlan): Promise<Plan> => api.request<Plan>('POST', plansPath(settlementId), { body: plan }),
  /** Rename or describe (JSON Merge Patch: `description: null` clears it). */
  update: (settlementId: string, planId: string, patch: { name?: string; description?: string | null }): Promise<Plan> =>
    api.request<Plan>('PATCH', planPath(settlementId, planId), { body: patch, contentType: 'application/merge-patch+json' }),
  changes: (settlementId: string, planId: string): Promise<ChangesDocument> =>
    api.request<ChangesDocument>('GET', `${planPath(settlementId, planId)}/changes`),
};
