import { api } from '../../api/client';

export type Level = 'segment' | 'cluster' | 'cell';
export const LEVELS: readonly Level[] = ['segment', 'cluster', 'cell'];

/** `GET .../representation`: one unit with what it holds (baseline households, through its cells). */
export interface Unit {
  id: string;
  level: Level;
  name: string;
  parentId: string | null;
  representative: string | null;
  structures: number;
  households: number;
}

export interface Representation {
  segments: Unit[];
  clusters: Unit[];
  cells: Unit[];
}

export interface UnitInput {
  level: Level;
  name: string;
  parent?: string | null;
  representative?: string | null;
}

/** What a batch assignment did (`PUT .../representation/structures`). */
export interface Assignment {
  cell: string | null;
  structures: number;
  moved: number;
}

const seg = encodeURIComponent;
const base = (sid: string): string => `/api/settlements/${seg(sid)}/representation`;

export const representationApi = {
  units: (sid: string): Promise<Representation> => api.request<Representation>('GET', base(sid)),
  /** Creates or replaces a unit (the whole unit: a rename sends its level and parent too). */
  put: (sid: string, id: string, unit: UnitInput): Promise<Unit> => api.request<Unit>('PUT', `${base(sid)}/units/${seg(id)}`, { body: unit }),
  remove: (sid: string, id: string): Promise<void> => api.request<void>('DELETE', `${base(sid)}/units/${seg(id)}`),
  /** The structures of a unit (a cluster's and segment's through their cells). */
  members: async (sid: string, id: string): Promise<string[]> =>
    (await api.request<{ structures: string[] }>('GET', `${base(sid)}/units/${seg(id)}/structures`)).structures,
  /** Structures into `cell` (null: out of their cells), all or none. */
  assign: (sid: string, cell: string | null, structures: string[]): Promise<Assignment> =>
    api.request<Assignment>('PUT', `${base(sid)}/structures`, { body: { cell, structures } }),
};
