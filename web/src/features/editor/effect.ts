import type { Conflict, Count, Impact } from './edit-api';

/**
 * What a plan does, in the numbers the consequences panel shows: structures relocated and
 * trimmed beyond what the baseline already has (the settlement as it is carries its own
 * conflicts: homes in flood zones, paths mapped through roofs), and which structures are which.
 */

const minus = (a: Count, b: Count): Count => ({
  structures: a.structures - b.structures,
  households: a.households - b.households,
  people: a.people - b.people,
});

export interface PlanEffect {
  relocated: Count;
  trimmed: Count;
}

/** The plan's relocations and trims against the baseline's (the baseline against itself is zero). */
export function planEffect(plan: Impact, baseline: Impact | null): PlanEffect {
  if (!baseline || baseline.plan === plan.plan) return { relocated: plan.relocated, trimmed: plan.trimmed };
  return { relocated: minus(plan.relocated, baseline.relocated), trimmed: minus(plan.trimmed, baseline.trimmed) };
}

const RELOCATING = new Set(['corridor_relocation', 'constraint_no_build']);

/** Structures to relocate and to trim among these conflicts (a relocation wins over a trim). */
export function outcomes(conflicts: Conflict[]): { relocate: string[]; trim: string[] } {
  const relocate = new Set<string>();
  const trim = new Set<string>();
  for (const c of conflicts) {
    const kind = c.properties.type;
    if (!RELOCATING.has(kind) && kind !== 'corridor_trim') continue;
    for (const f of c.properties.features) {
      if (f.layer !== 'structures') continue;
      (RELOCATING.has(kind) ? relocate : trim).add(f.id);
    }
  }
  return { relocate: [...relocate], trim: [...trim].filter((id) => !relocate.has(id)) };
}

const SEVERITY_ORDER = ['high', 'medium', 'low', 'data_quality'];
/** Within a severity, what the plan's paths do first: they are what the planner just changed. */
const TYPE_ORDER = ['corridor_relocation', 'corridor_trim', 'constraint_no_build', 'service_in_corridor'];

const rank = (list: string[], value: string): number => {
  const i = list.indexOf(value);
  return i < 0 ? list.length : i;
};

/** Most serious first; a stable order otherwise (the server's feature number). */
export function sortConflicts(conflicts: Conflict[]): Conflict[] {
  return [...conflicts].sort(
    (a, b) =>
      rank(SEVERITY_ORDER, a.properties.severity) - rank(SEVERITY_ORDER, b.properties.severity) ||
      rank(TYPE_ORDER, a.properties.type) - rank(TYPE_ORDER, b.properties.type) ||
      a.id - b.id,
  );
}
