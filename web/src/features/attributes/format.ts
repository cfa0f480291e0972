import type { ItemFeature, PropertyValue, TileLayer } from '../../api/types';
import { humanise, valueLabel } from '../../api/vocabulary';
import { formatDateTime, formatNumber, has, t, tn } from '../../i18n/i18n';
import { areaM2, lengthM } from './measure';

type Unit = 'm' | 'm²';

interface Field {
  key: string;
  /** Message key of the label; `attr.<key>` when not given. */
  label?: string;
  /** Coded values are looked up in the vocabulary under this attribute name. */
  coded?: boolean;
  unit?: Unit;
  /** Counted message for a number, e.g. "count.households" → "25 households" / "kaya 25". */
  counts?: string;
  /** Message keys for what true and false mean for this attribute. */
  yesNo?: [string, string];
  /** Shown only when the server sends it (not every deployment records it). */
  optional?: boolean;
}

/** What a reader of each layer wants to see, in order; other properties follow, humanised. */
const FIELDS: Record<TileLayer, Field[]> = {
  structures: [
    { key: 'use', coded: true },
    { key: 'households' },
    { key: 'people' },
    { key: 'occupancy_estimated', yesNo: ['value.occupancy.estimated', 'value.occupancy.enumerated'], optional: true },
    { key: 'storeys' },
    { key: 'material' },
    { key: 'cell' },
  ],
  footpaths: [
    { key: 'class', coded: true },
    { key: 'width_m', unit: 'm' },
    { key: 'surface', coded: true },
    { key: 'state', coded: true },
  ],
  services: [
    { key: 'type', coded: true },
    { key: 'state', coded: true },
    { key: 'capacity', counts: 'count.households' },
    { key: 'sector', optional: true },
  ],
  constraints: [
    { key: 'kind', coded: true },
    { key: 'severity', coded: true },
    { key: 'setback_m', unit: 'm' },
  ],
};

/** "Structure", "Path" ... in the current language. */
export function layerNoun(layer: TileLayer): string {
  return t(`layer.${layer}`);
}

/** The attribute that names what a feature is, for a title when it has no name. */
const WHAT: Record<TileLayer, string> = { structures: 'use', footpaths: 'class', services: 'type', constraints: 'kind' };

/** Never shown as rows: identity and naming are in the header already. */
const HIDDEN = new Set(['id', 'name']);

/** Who changed what and when (every layer has these): shown last, after what the feature is. */
const RECORD: Field[] = [{ key: 'version' }, { key: 'created_at' }, { key: 'created_by' }, { key: 'updated_at' }, { key: 'updated_by' }];

export interface AttributeRow {
  key: string;
  label: string;
  value: string;
  missing: boolean;
}

export interface AttributeView {
  kicker: string;
  title: string;
  rows: AttributeRow[];
}

/** Measurements read best rounded: one decimal below 10, whole units above. */
export function formatMeasure(value: number, unit: Unit): string {
  return `${formatNumber(value, Math.abs(value) < 10 ? 1 : 0)} ${unit}`;
}

const isMissing = (value: PropertyValue | undefined): value is null | undefined | '' =>
  value === null || value === undefined || value === '';

export function formatValue(field: Field, value: PropertyValue | undefined): string {
  if (isMissing(value)) return t('value.notRecorded');
  if (typeof value === 'boolean') return t((field.yesNo ?? ['value.yes', 'value.no'])[value ? 0 : 1]);
  if (typeof value === 'number') {
    if (field.unit) return formatMeasure(value, field.unit);
    return field.counts ? tn(field.counts, value) : formatNumber(value);
  }
  if (field.coded) return valueLabel(field.key, value);
  if (field.key.endsWith('_at') && !Number.isNaN(Date.parse(value))) return formatDateTime(new Date(value));
  const numeric = field.unit && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(numeric) ? formatMeasure(numeric, field.unit!) : value;
}

/** A property the field list does not know: units from the key suffix (`_m2`, `_m`). */
function fieldFor(key: string): Field {
  if (key.endsWith('_m2')) return { key, unit: 'm²' };
  if (key.endsWith('_m')) return { key, unit: 'm' };
  return { key };
}

/** The field's label: its message, else the key humanised without its unit suffix. */
function labelOf(field: Field): string {
  const key = field.label ?? `attr.${field.key}`;
  return has(key) ? t(key) : humanise(field.key.replace(/_m2?$/, ''));
}

function row(field: Field, value: PropertyValue | undefined): AttributeRow {
  return { key: field.key, label: labelOf(field), value: formatValue(field, value), missing: isMissing(value) };
}

/** Turns a feature from the items endpoint into what the attribute panel shows, in the current language. */
export function formatFeature(layer: TileLayer, feature: ItemFeature): AttributeView {
  const props = feature.properties ?? {};
  const known = FIELDS[layer];
  const rows = known.filter((f) => !f.optional || f.key in props).map((f) => row(f, props[f.key]));
  const listed = (key: string): boolean => HIDDEN.has(key) || [...known, ...RECORD].some((f) => f.key === key);
  for (const key of Object.keys(props).sort()) {
    if (!listed(key)) rows.push(row(fieldFor(key), props[key]));
  }
  const area = areaM2(feature.geometry);
  if (area !== null && !('area_m2' in props)) {
    rows.push(row({ key: 'area_m2', label: layer === 'structures' ? 'attr.footprint_area' : 'attr.area_m2', unit: 'm²' }, area));
  }
  const length = lengthM(feature.geometry);
  if (length !== null && !('length_m' in props)) rows.push(row({ key: 'length_m', unit: 'm' }, length));
  for (const field of RECORD) {
    if (field.key in props) rows.push(row(field, props[field.key]));
  }

  const noun = layerNoun(layer);
  const name = typeof props.name === 'string' && props.name.trim() ? props.name.trim() : null;
  const what = props[WHAT[layer]];
  const whatLabel = typeof what === 'string' && what ? valueLabel(WHAT[layer], what) : null;
  return {
    kicker: name && whatLabel ? `${noun} · ${whatLabel}` : noun,
    title: name ?? whatLabel ?? noun,
    rows,
  };
}

export function isTileLayer(name: string | undefined): name is TileLayer {
  return name !== undefined && Object.hasOwn(FIELDS, name);
}
