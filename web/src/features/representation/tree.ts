import type { Level, Representation, Unit } from './representation-api';

/** A unit with the units one level down that name it as their parent. */
export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** Segments with their clusters and cells; units whose parent is missing (or not named yet) in `orphans` by level. */
export interface RepresentationTree {
  segments: UnitNode[];
  orphanClusters: UnitNode[];
  orphanCells: UnitNode[];
}

const byId = (a: Unit, b: Unit): number => a.id.localeCompare(b.id, 'en', { numeric: true });

/** Segments → clusters → cells, each level in id order (C2 before C10). */
export function buildTree(rep: Representation): RepresentationTree {
  const cellsOf = new Map<string, UnitNode[]>();
  const orphanCells: UnitNode[] = [];
  const clusterIds = new Set(rep.clusters.map((c) => c.id));
  for (const cell of [...rep.cells].sort(byId)) {
    const node = { unit: cell, children: [] };
    if (cell.parentId && clusterIds.has(cell.parentId)) cellsOf.set(cell.parentId, [...(cellsOf.get(cell.parentId) ?? []), node]);
    else orphanCells.push(node);
  }
  const clustersOf = new Map<string, UnitNode[]>();
  const orphanClusters: UnitNode[] = [];
  const segmentIds = new Set(rep.segments.map((s) => s.id));
  for (const cluster of [...rep.clusters].sort(byId)) {
    const node = { unit: cluster, children: cellsOf.get(cluster.id) ?? [] };
    if (cluster.parentId && segmentIds.has(cluster.parentId)) clustersOf.set(cluster.parentId, [...(clustersOf.get(cluster.parentId) ?? []), node]);
    else orphanClusters.push(node);
  }
  const segments = [...rep.segments].sort(byId).map((unit) => ({ unit, children: clustersOf.get(unit.id) ?? [] }));
  return { segments, orphanClusters, orphanCells };
}

/** The level a unit of `level` belongs to (null for segments, the top). */
export function parentLevel(level: Level): Level | null {
  return level === 'cell' ? 'cluster' : level === 'cluster' ? 'segment' : null;
}

const PREFIX: Record<Level, string> = { segment: 'S', cluster: 'K', cell: 'C' };
const WIDTH: Record<Level, number> = { segment: 2, cluster: 3, cell: 4 };

/**
 * An id for a new unit of `level` in the demo's pattern (`C0001`, `K001`, `S01`): one past the
 * highest such id in use, so it does not clash; the planner may type another.
 */
export function suggestId(level: Level, rep: Representation): string {
  const pattern = new RegExp(`^${PREFIX[level]}(\\d+)$`);
  const all = [...rep.segments, ...rep.clusters, ...rep.cells];
  const highest = all.reduce((max, u) => Math.max(max, Number(pattern.exec(u.id)?.[1] ?? 0)), 0);
  return PREFIX[level] + String(highest + 1).padStart(WIDTH[level], '0');
}

/** The rule the server applies to unit ids (V008): said here so the form can say it before sending. */
export const UNIT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * What one click on structures does to the picked cell: those already in it come out (a click on
 * a member undoes a wrong one), the others go in. A box only adds (`toggle` false).
 */
export function clickEffect(clicked: readonly string[], members: ReadonlySet<string>, toggle: boolean): { add: string[]; remove: string[] } {
  const unique = [...new Set(clicked)];
  if (!toggle) return { add: unique.filter((id) => !members.has(id)), remove: [] };
  return { add: unique.filter((id) => !members.has(id)), remove: unique.filter((id) => members.has(id)) };
}

/** The rectangle two drag points span, as MapLibre's query box wants it (top-left, bottom-right). */
export function dragBox(a: { x: number; y: number }, b: { x: number; y: number }): [[number, number], [number, number]] {
  return [
    [Math.min(a.x, b.x), Math.min(a.y, b.y)],
    [Math.max(a.x, b.x), Math.max(a.y, b.y)],
  ];
}
