import type { Bbox, TileLayer } from '../../api/types';
import { geometryBounds } from '../../map/bounds';
import type { ChangedFeature, ChangesDocument } from './plans-api';

export type ChangeAction = 'added' | 'modified' | 'removed';

/** The layers in the order the change list shows them (the legend's order). */
export const CHANGE_LAYERS: readonly TileLayer[] = ['footpaths', 'services', 'constraints', 'structures'];
const ACTIONS: readonly ChangeAction[] = ['added', 'modified', 'removed'];

/** One line of a plan's change list. */
export interface ChangeEntry {
  layer: TileLayer;
  action: ChangeAction;
  /** The feature's UUID (the same in the baseline and the plan for a modified or removed feature). */
  id: string;
  /** A name a planner typed, if any (data: shown as it is). */
  name: string | null;
  /** The feature as the plan has it; for a removed one, as the baseline had it. */
  feature: ChangedFeature;
  /** Where to zoom: a modified feature's box covers where it was and where it is now. */
  bbox: Bbox | null;
}

export interface LayerChangeList {
  layer: TileLayer;
  counts: Record<ChangeAction, number>;
  entries: ChangeEntry[];
}

const byName = (a: ChangeEntry, b: ChangeEntry): number =>
  (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.id.localeCompare(b.id);

function entry(layer: TileLayer, action: ChangeAction, feature: ChangedFeature, before?: ChangedFeature): ChangeEntry {
  const name = feature.properties.name;
  return {
    layer,
    action,
    id: feature.id,
    name: typeof name === 'string' && name.trim() !== '' ? name : null,
    feature,
    bbox: geometryBounds([feature.geometry, before?.geometry]),
  };
}

/**
 * The change set as a list to read and click: per layer (only layers with changes, in
 * {@link CHANGE_LAYERS} order), added first, then modified, then removed, each by name then id.
 * Modified features pair `before[i]` with `after[i]` (the server lists them in the same order).
 */
export function changeList(doc: ChangesDocument): LayerChangeList[] {
  const out: LayerChangeList[] = [];
  for (const layer of CHANGE_LAYERS) {
    const c = doc.collections[layer];
    if (!c) continue;
    const before = c.modified.before.features;
    const grouped: Record<ChangeAction, ChangeEntry[]> = {
      added: c.added.features.map((f) => entry(layer, 'added', f)),
      modified: c.modified.after.features.map((f, i) => entry(layer, 'modified', f, before[i]?.id === f.id ? before[i] : undefined)),
      removed: c.removed.features.map((f) => entry(layer, 'removed', f)),
    };
    const entries = ACTIONS.flatMap((a) => grouped[a].sort(byName));
    if (entries.length === 0) continue;
    out.push({ layer, counts: { added: grouped.added.length, modified: grouped.modified.length, removed: grouped.removed.length }, entries });
  }
  return out;
}

/** How many features the plan changes in all. */
export function totalChanges(list: readonly LayerChangeList[]): number {
  return list.reduce((sum, l) => sum + l.entries.length, 0);
}
