import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/client';
import type { Conflict, Impact } from '../../src/features/editor/edit-api';
import { outcomes, planEffect, sortConflicts } from '../../src/features/editor/effect';
import { bboxOf, pixelsPerMetre, roundGeometry, snapPoint, trueWidth } from '../../src/features/editor/geometry';
import { EditHistory, type FeatureRef, type VersionOps } from '../../src/features/editor/history';
import { formFaults, staleEdit, tagOf, versionOfTag } from '../../src/features/editor/problems';
import { changedValues, fieldsOf, formsOf, valuesOf } from '../../src/features/editor/schema';

describe('editor geometry', () => {
  it('rounds every coordinate to 7 decimals and drops heights', () => {
    expect(roundGeometry({ type: 'LineString', coordinates: [[39.123456789, -6.987654321, 12], [39.1, -6.2]] })).toEqual({
      type: 'LineString',
      coordinates: [[39.1234568, -6.9876543], [39.1, -6.2]],
    });
    expect(roundGeometry({ type: 'Polygon', coordinates: [[[1.000000049, 2], [3, 4], [1.000000049, 2]]] }).coordinates[0]![0]).toEqual([1, 2]);
  });

  it('draws a metre as many pixels as Web Mercator says, and doubles them per zoom', () => {
    // at the equator and zoom 0 a 512 px world is 40,075 km wide
    expect(pixelsPerMetre(0, 0)).toBeCloseTo(512 / 40_075_016.686, 12);
    expect(pixelsPerMetre(19, -6.8) / pixelsPerMetre(18, -6.8)).toBeCloseTo(2, 12);
    // farther from the equator a metre takes more pixels
    expect(pixelsPerMetre(18, 60)).toBeCloseTo(2 * pixelsPerMetre(18, 0), 6);
    const expr = trueWidth(['get', 'width_m'], -6.8);
    expect(expr.slice(0, 3)).toEqual(['interpolate', ['exponential', 2], ['zoom']]);
    expect(expr[4]).toEqual(['*', ['get', 'width_m'], pixelsPerMetre(10, -6.8)]);
  });

  it('snaps to a corner before a line, and to nothing out of reach', () => {
    const targets = {
      vertices: [[100, 100] as const],
      segments: [[[0, 105], [200, 105]] as const],
    };
    expect(snapPoint([104, 103], targets, 12)).toEqual([100, 100]);
    expect(snapPoint([150, 100], targets, 12)).toEqual([150, 105]);
    expect(snapPoint([150, 130], targets, 12)).toBeNull();
    // the nearest point of a segment is clamped to its ends
    expect(snapPoint([205, 105], { vertices: [], segments: [[[0, 105], [200, 105]]] }, 12)).toEqual([200, 105]);
  });

  it('gives the box of points, lines and polygons', () => {
    expect(bboxOf({ type: 'Point', coordinates: [1, 2] })).toEqual([1, 2, 1, 2]);
    expect(bboxOf({ type: 'Polygon', coordinates: [[[0, 0], [2, 1], [1, 3], [0, 0]]] })).toEqual([0, 0, 2, 3]);
  });
});

describe('refusals of an edit', () => {
  const problem = (status: number, body: Record<string, unknown>) => new ApiError(status, body);

  it('puts each 422 fault beside its field, geometry faults with their place', () => {
    const faults = formFaults(
      problem(422, {
        type: '/problems/invalid-content',
        title: 'Invalid content',
        errors: [
          { pointer: '/properties/width_m', detail: 'must be at most 30; got 45' },
          { pointer: '/properties/class', detail: "must be one of footpath, lane, road; got 'highway'" },
          { pointer: '/properties/width_m', detail: 'second fault' },
          { pointer: '/geometry', detail: 'invalid geometry: Self-intersection', location: [39.24025, -6.80015] },
          { pointer: '/features/3/properties/a~1b', detail: 'escaped' },
          { pointer: '/reason', detail: 'too long' },
        ],
      }),
    );
    expect(faults.fields).toEqual({ width_m: ['must be at most 30; got 45', 'second fault'], class: ["must be one of footpath, lane, road; got 'highway'"], 'a/b': ['escaped'] });
    expect(faults.geometry).toEqual([{ detail: 'invalid geometry: Self-intersection', location: [39.24025, -6.80015] }]);
    expect(faults.other).toEqual(['too long']);
  });

  it('a 422 without errors[] still says something', () => {
    expect(formFaults(problem(422, { title: 'Invalid content', detail: 'the body is wrong' })).other).toEqual(['the body is wrong']);
  });

  it("reads whose change won from a 412, and nothing from other errors", () => {
    const stale = staleEdit(
      problem(412, { type: '/problems/precondition-failed', currentVersion: 3, currentETag: '"abc-v3"', updatedBy: 'amina', updatedAt: '2025-03-12T09:14:03Z', deleted: false }),
    );
    expect(stale).toEqual({ updatedBy: 'amina', updatedAt: new Date('2025-03-12T09:14:03Z'), currentETag: '"abc-v3"', currentVersion: 3, deleted: false });
    expect(staleEdit(problem(422, {}))).toBeNull();
    expect(staleEdit(new Error('x'))).toBeNull();
    expect(staleEdit(problem(412, { deleted: true, updatedAt: 'not a date' }))).toMatchObject({ deleted: true, updatedAt: null, updatedBy: null });
  });

  it('reads versions from ETags, also as a gzip handler rewrote them', () => {
    expect(versionOfTag('"8a9fc3a3-b5ab-42f1-8fdc-0430d49af5f6-v12"')).toBe(12);
    expect(versionOfTag('"8a9fc3a3-b5ab-42f1-8fdc-0430d49af5f6-v3--gzip"')).toBe(3);
    expect(versionOfTag(null)).toBeNull();
    expect(tagOf('x', 4)).toBe('"x-v4"');
  });
});

/** A feature store that keeps versions as the server does, and refuses a stale If-Match with a 412. */
function fakeServer() {
  const features = new Map<string, { version: number; deleted: boolean; value: number; history: number[] }>();
  const check = (ref: FeatureRef, tag: string) => {
    const f = features.get(ref.id)!;
    if (tag !== tagOf(ref.id, f.version)) throw new ApiError(412, { updatedBy: 'someone', currentETag: tagOf(ref.id, f.version) });
    return f;
  };
  const next = (f: { version: number; history: number[]; value: number }) => {
    f.version += 1;
    f.history[f.version] = f.value;
    return f.version;
  };
  const ops: VersionOps = {
    async remove(ref, tag) {
      const f = check(ref, tag);
      f.deleted = true;
      return next(f);
    },
    async undelete(ref, tag) {
      const f = check(ref, tag);
      f.deleted = false;
      return next(f);
    },
    async restore(ref, tag, version) {
      const f = check(ref, tag);
      f.value = f.history[version]!;
      return next(f);
    },
  };
  return { features, ops };
}

describe('undo and redo on the server versions', () => {
  const ref: FeatureRef = { layer: 'footpaths', id: 'p1' };

  it('undoes a creation by deleting, and redoes it by undeleting', async () => {
    const { features, ops } = fakeServer();
    features.set('p1', { version: 1, deleted: false, value: 1, history: [0, 1] });
    const history = new EditHistory(ops);
    history.record(ref, 'create', 0, 1);
    expect(history.canUndo).toBe(true);
    expect(await history.undo()).toEqual(ref);
    expect(features.get('p1')).toMatchObject({ version: 2, deleted: true });
    expect(history.canUndo).toBe(false);
    expect(history.canRedo).toBe(true);
    await history.redo();
    expect(features.get('p1')).toMatchObject({ version: 3, deleted: false });
    await history.undo();
    expect(features.get('p1')).toMatchObject({ version: 4, deleted: true });
  });

  it('undoes a change by restoring the version before it; redo restores the changed one', async () => {
    const { features, ops } = fakeServer();
    features.set('p1', { version: 1, deleted: false, value: 10, history: [0, 10] });
    const history = new EditHistory(ops);
    // the edit: v1 (10) -> v2 (25)
    const f = features.get('p1')!;
    f.value = 25;
    f.version = 2;
    f.history[2] = 25;
    history.record(ref, 'update', 1, 2);
    await history.undo();
    expect(f).toMatchObject({ version: 3, value: 10 });
    await history.redo();
    expect(f).toMatchObject({ version: 4, value: 25 });
  });

  it('undoes a deletion by undeleting', async () => {
    const { features, ops } = fakeServer();
    features.set('p1', { version: 2, deleted: true, value: 1, history: [0, 1, 1] });
    const history = new EditHistory(ops);
    history.record(ref, 'delete', 1, 2);
    await history.undo();
    expect(features.get('p1')).toMatchObject({ version: 3, deleted: false });
  });

  it("never overwrites someone else's change: the server's 412 stands and the step stays", async () => {
    const { features, ops } = fakeServer();
    features.set('p1', { version: 1, deleted: false, value: 1, history: [0, 1] });
    const history = new EditHistory(ops);
    history.record(ref, 'create', 0, 1);
    features.get('p1')!.version = 2; // someone else changed it
    await expect(history.undo()).rejects.toMatchObject({ status: 412 });
    expect(features.get('p1')!.deleted).toBe(false);
    expect(history.canUndo).toBe(true);
    expect(history.canRedo).toBe(false);
  });

  it('a new edit forgets what could be redone', async () => {
    const { features, ops } = fakeServer();
    features.set('p1', { version: 1, deleted: false, value: 1, history: [0, 1] });
    const history = new EditHistory(ops);
    history.record(ref, 'create', 0, 1);
    await history.undo();
    history.record({ layer: 'services', id: 's1' }, 'create', 0, 1);
    expect(history.canRedo).toBe(false);
  });
});

describe('attribute forms from the OpenAPI schema', () => {
  const openapi = {
    components: {
      schemas: {
        FootpathsProperties: {
          properties: {
            name: { type: 'string', nullable: true },
            class: { type: 'string', enum: ['footpath', 'lane', 'road'] },
            width_m: { type: 'number', minimum: 0.5, maximum: 30 },
            surface: { type: 'string', nullable: true, enum: ['earth', 'paved', null] },
            version: { type: 'integer', minimum: 1 },
            updated_by: { type: 'string' },
          },
        },
      },
    },
  };

  it('asks what the API checks, without the bookkeeping', () => {
    const fields = formsOf(openapi).footpaths;
    expect(fields.map((f) => f.name)).toEqual(['name', 'class', 'width_m', 'surface']);
    expect(fields[1]).toEqual({ name: 'class', type: 'string', choices: ['footpath', 'lane', 'road'], minimum: null, maximum: null, required: true });
    expect(fields[2]).toMatchObject({ type: 'number', minimum: 0.5, maximum: 30, required: true });
    expect(fields[3]).toMatchObject({ choices: ['earth', 'paved'], required: false });
    expect(formsOf(openapi).structures).toEqual([]);
  });

  it('turns inputs into values: empty is null, numbers parsed (a decimal comma too), nonsense left for the server to name', () => {
    const fields = fieldsOf(openapi.components.schemas.FootpathsProperties);
    expect(valuesOf(fields, { name: '', class: 'lane', width_m: '2,5', surface: 'paved' })).toEqual({ name: null, class: 'lane', width_m: 2.5, surface: 'paved' });
    expect(valuesOf(fields, { width_m: 'wide' }).width_m).toBe('wide');
  });

  it('patches only what changed', () => {
    expect(changedValues({ name: null, class: 'lane', width_m: 3 }, { name: null, class: 'footpath', width_m: 3 })).toEqual({ class: 'lane' });
    expect(changedValues({ name: null }, {})).toEqual({});
  });
});

describe('what a plan does', () => {
  const count = (structures: number, households: number) => ({ structures, households, people: households * 4 });
  const impact = (plan: string, relocated: number, trimmed: number): Impact => ({
    plan,
    relocated: count(relocated, relocated * 2),
    trimmed: count(trimmed, trimmed),
    byReason: {},
    byGroup: {},
    brings: {
      householdsNewlyWithinWater: 0, householdsNewlyWithinToilet: 0, householdsNewlyWithinFire: 0,
      householdsWithinWater: 0, householdsWithinToilet: 0, householdsWithinFire: 0, pathLengthAddedM: 0,
    },
  });

  it('counts relocations and trims beyond what the baseline has', () => {
    expect(planEffect(impact('p', 847, 13), impact('baseline', 842, 6))).toEqual({ relocated: count(5, 10), trimmed: count(7, 7) });
    expect(planEffect(impact('baseline', 842, 6), impact('baseline', 842, 6)).relocated).toEqual(count(842, 1684));
    expect(planEffect(impact('p', 1, 0), null).relocated.structures).toBe(1);
  });

  const conflict = (id: number, type: string, severity: string, features: Array<{ layer: string; id: string }>): Conflict => ({
    type: 'Feature',
    id,
    geometry: null,
    properties: { type, check: 1, severity, features, measured: null, norm: null, unit: null, sentence: '', params: {} },
  });

  it('sorts the structures into relocate and trim; a relocation wins', () => {
    const s = (id: string) => ({ layer: 'structures', id });
    const path = { layer: 'footpaths', id: 'p' };
    const list = [
      conflict(1, 'corridor_trim', 'medium', [s('a'), path]),
      conflict(2, 'corridor_relocation', 'high', [s('b'), path]),
      conflict(3, 'constraint_no_build', 'high', [s('a')]),
      conflict(4, 'corridor_trim', 'medium', [s('c'), path]),
      conflict(5, 'no_frontage', 'medium', [s('d')]),
    ];
    const o = outcomes(list);
    expect(o.relocate.sort()).toEqual(['a', 'b']);
    expect(o.trim).toEqual(['c']);
  });

  it('lists the most serious first, the plan’s own cuts first among equals', () => {
    const list = [
      conflict(9, 'no_frontage', 'medium', []),
      conflict(8, 'path_crosses_structure', 'data_quality', []),
      conflict(7, 'corridor_trim', 'medium', []),
      conflict(6, 'constraint_no_build', 'high', []),
      conflict(5, 'corridor_relocation', 'high', []),
    ];
    expect(sortConflicts(list).map((c) => c.id)).toEqual([5, 6, 7, 9, 8]);
  });
});
