import { api, itemPath, planPath } from '../../api/client';
import type { Geometry, ItemFeature, TileLayer } from '../../api/types';
import type { FeatureRef, VersionOps } from './history';
import type { FormValue } from './schema';
import { locale } from '../../i18n/i18n';
import { versionOfTag } from './problems';

/**
 * The editor's calls: OGC API - Features Part 4 on the plan shown (create, merge-patch, delete
 * with `If-Match`), the versions endpoints behind undo and redo, and the analysis results.
 */

export interface Stored {
  feature: ItemFeature;
  version: number;
}

export interface Conflict {
  type: 'Feature';
  id: number;
  geometry: Geometry | null;
  properties: {
    type: string;
    check: number;
    severity: 'high' | 'medium' | 'low' | 'data_quality' | string;
    features: Array<{ layer: string; id: string }>;
    measured: number | null;
    norm: number | null;
    unit: string | null;
    sentence: string;
    params: Record<string, unknown>;
  };
}

import type { Impact } from '../../api/impact';

export type { Count, Impact } from '../../api/impact';

export interface ConflictPage {
  conflicts: Conflict[];
  matched: number;
}

const GEOJSON = 'application/geo+json';
const MERGE_PATCH = 'application/merge-patch+json';

export class EditApi {
  constructor(
    private readonly settlementId: string,
    readonly planId: string,
  ) {}

  private items(layer: TileLayer): string {
    return `${planPath(this.settlementId, this.planId)}/collections/${encodeURIComponent(layer)}/items`;
  }

  private item(ref: FeatureRef): string {
    return itemPath(this.settlementId, this.planId, ref.layer, ref.id);
  }

  private static stored(feature: ItemFeature, etag: string | null): Stored {
    return { feature, version: versionOfTag(etag) ?? Number(feature.properties.version ?? 0) };
  }

  async read(ref: FeatureRef): Promise<Stored> {
    const r = await api.exchange<ItemFeature>('GET', this.item(ref), { accept: GEOJSON, quiet: true });
    return EditApi.stored(r.body, r.etag);
  }

  async create(layer: TileLayer, geometry: Geometry, properties: Record<string, FormValue>, reason: string): Promise<Stored> {
    const r = await api.exchange<ItemFeature>('POST', this.items(layer), {
      body: { type: 'Feature', geometry, properties, ...(reason ? { reason } : {}) },
      contentType: GEOJSON,
      accept: GEOJSON,
    });
    return EditApi.stored(r.body, r.etag);
  }

  /** A JSON Merge Patch: only the geometry and the properties given change. */
  async patch(ref: FeatureRef, ifMatch: string, change: { geometry?: Geometry; properties?: Record<string, FormValue> }, reason: string): Promise<Stored> {
    const r = await api.exchange<ItemFeature>('PATCH', this.item(ref), {
      body: { ...change, ...(reason ? { reason } : {}) },
      contentType: MERGE_PATCH,
      accept: GEOJSON,
      headers: { 'If-Match': ifMatch },
    });
    return EditApi.stored(r.body, r.etag);
  }

  /** Deletes (a removal marker); answers the version the deletion made. */
  async remove(ref: FeatureRef, ifMatch: string, reason = ''): Promise<number> {
    await api.request('DELETE', this.item(ref), { headers: { 'If-Match': ifMatch, ...(reason && /^[\x20-\x7e]*$/.test(reason) ? { 'X-Change-Reason': reason } : {}) } });
    return (versionOfTag(ifMatch) ?? 0) + 1;
  }

  async undelete(ref: FeatureRef, ifMatch: string): Promise<number> {
    const r = await api.exchange<ItemFeature>('POST', `${this.item(ref)}/undelete`, { headers: { 'If-Match': ifMatch }, accept: GEOJSON });
    return versionOfTag(r.etag) ?? (versionOfTag(ifMatch) ?? 0) + 1;
  }

  async restore(ref: FeatureRef, ifMatch: string, version: number): Promise<number> {
    const r = await api.exchange<ItemFeature>('POST', `${this.item(ref)}/restore`, { body: { version }, headers: { 'If-Match': ifMatch }, accept: GEOJSON });
    return versionOfTag(r.etag) ?? (versionOfTag(ifMatch) ?? 0) + 1;
  }

  /** For {@link EditHistory}. */
  versionOps(): VersionOps {
    return {
      remove: (ref, tag) => this.remove(ref, tag),
      undelete: (ref, tag) => this.undelete(ref, tag),
      restore: (ref, tag, version) => this.restore(ref, tag, version),
    };
  }

  /** The impact of a plan (this one unless named): the baseline's is what a proposal is measured against. */
  async impact(planId = this.planId): Promise<Impact> {
    return (await api.request<{ impact: Impact }>('GET', `${planPath(this.settlementId, planId)}/impact`, { quiet: true })).impact;
  }

  /** Conflicts within a box (CRS84), for the list of what is in view. */
  async conflictsIn(bbox: [number, number, number, number], limit = 300): Promise<ConflictPage> {
    // the sentences in the reader's language (the server falls back to English)
    const path = `${planPath(this.settlementId, this.planId)}/collections/conflicts/items?limit=${limit}&lang=${locale()}&bbox=${bbox.map((n) => n.toFixed(7)).join(',')}`;
    const r = await api.request<{ features: Conflict[]; numberMatched: number }>('GET', path, { accept: GEOJSON, quiet: true });
    return { conflicts: r.features, matched: r.numberMatched };
  }

  /** The analysis state: its sequence grows with every update the analysis makes. */
  analysis(): Promise<{ sequence: number; conflicts: number }> {
    return api.request<{ sequence: number; conflicts: number }>('GET', `${planPath(this.settlementId, this.planId)}/analysis`, { quiet: true });
  }

  /** The rule set's corridor clearance (m), to draw a new path's corridor as the analysis sees it. */
  async clearance(): Promise<number> {
    type Rules = { corridor?: { clearance_m?: number } };
    const answer = await api.request<{ rules?: Rules }>('GET', `/api/settlements/${encodeURIComponent(this.settlementId)}/rules`, { quiet: true });
    return Number(answer.rules?.corridor?.clearance_m ?? 0);
  }
}
