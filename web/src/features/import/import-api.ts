import { api, planPath } from '../../api/client';

/** The layers a file can be imported into (the server's catalogue). */
export const IMPORT_LAYERS = ['structures', 'footpaths', 'services', 'constraints'] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];

export interface ImportProblem {
  severity: 'error' | 'warning' | 'info';
  code: string;
  /** Absent for problems of the whole file (the CRS, the mapping). */
  row?: number | null;
  field?: string | null;
  detail: string;
  location?: [number, number] | null;
  remedy?: string | null;
}

export interface ImportAttribute {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  required: boolean;
  allowed: string[];
}

export type DefaultValue = string | number | boolean;

/** `GET .../imports/{id}`: a staged import's preview (docs/import-export.md). */
export interface ImportPreview {
  id: string;
  state: 'staged' | 'committed' | 'discarded';
  layer: ImportLayer;
  source: { fileName: string; format: string; layer: string | null };
  crs: { declared: string | null; given: string | null; needed: boolean };
  featureCount: number;
  geometryTypes: Record<string, number>;
  fields: string[];
  mapping: Record<string, string>;
  defaults: Record<string, DefaultValue>;
  attributes: ImportAttribute[];
  summary: { errors: number; warnings: number; repairable: number; outside: number; toCreate: number };
  committable: boolean;
  problems: ImportProblem[];
  problemsListed: number;
  problemsTotal: number;
  progress: { phase: string; done: number; total: number; fraction: number };
  result?: { created: number; skippedRows: number[]; repairs: { row: number; detail: string }[]; plan: string };
}

/** An `import-progress` event of the plan's event stream. */
export interface ImportProgressEvent {
  id: string;
  phase: 'checking' | 'writing';
  done: number;
  total: number;
}

/** The staged imports of one plan, through the API client (which adds the CSRF token). */
export class ImportApi {
  constructor(
    readonly settlementId: string,
    readonly planId: string,
  ) {}

  private path(tail = ''): string {
    return `${planPath(this.settlementId, this.planId)}/imports${tail}`;
  }

  upload(file: File, layer: ImportLayer, crs: string): Promise<ImportPreview> {
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('layer', layer);
    if (crs.trim() !== '') form.append('crs', crs.trim());
    return api.request<ImportPreview>('POST', this.path(), { upload: form });
  }

  update(id: string, change: { crs?: string; mapping?: Record<string, string | null>; defaults?: Record<string, DefaultValue> }): Promise<ImportPreview> {
    return api.request<ImportPreview>('PATCH', this.path(`/${encodeURIComponent(id)}`), { body: change });
  }

  commit(id: string, how: { repair: boolean; skipOutside: boolean }): Promise<ImportPreview> {
    return api.request<ImportPreview>('POST', this.path(`/${encodeURIComponent(id)}/commit`), { body: how });
  }

  discard(id: string): Promise<void> {
    return api.request<void>('DELETE', this.path(`/${encodeURIComponent(id)}`));
  }

  reportUrl(id: string): string {
    return this.path(`/${encodeURIComponent(id)}/report.csv`);
  }

  /** The plan's event stream: `import-progress` while a commit runs. */
  events(): EventSource {
    return new EventSource(`${planPath(this.settlementId, this.planId)}/events`);
  }
}

/** `POST .../representation/import`: rows applied, and every row that was not, with why. */
export interface RepresentationReport {
  rows: number;
  imported: number;
  errors: { line: number; detail: string }[];
}

/**
 * Imports a settlement's cells, clusters and segments from a CSV (structure, cell, cluster,
 * segment columns): each row applied whole or not at all.
 */
export function importRepresentation(settlementId: string, file: File): Promise<RepresentationReport> {
  return api.request<RepresentationReport>('POST', `/api/settlements/${encodeURIComponent(settlementId)}/representation/import`, {
    upload: new Blob([file], { type: 'text/csv' }),
  });
}

/** A form's text as the attribute's JSON type; empty text is no default. */
export function defaultValue(attribute: ImportAttribute, text: string): DefaultValue | null {
  const v = text.trim();
  if (v === '') return null;
  if (attribute.type === 'integer' || attribute.type === 'number') {
    const n = Number(v);
    return Number.isFinite(n) ? n : v;
  }
  if (attribute.type === 'boolean') return v === 'true';
  return v;
}
