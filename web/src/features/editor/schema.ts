import type { TileLayer } from '../../api/types';

/**
 * The attribute form of a layer, read from the server's own description of it: the OpenAPI
 * document's `components/schemas/<Layer>Properties`, generated from the layer catalogue
 * (`LayerSchema`), so the form asks exactly what the API checks: types, allowed values, ranges
 * and which attributes are required.
 */
export interface FieldSpec {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  /** Allowed values of a coded attribute (without null). */
  choices: string[];
  minimum: number | null;
  maximum: number | null;
  required: boolean;
}

/** Properties the server keeps itself: never in a form. */
const BOOKKEEPING = new Set(['version', 'created_at', 'created_by', 'updated_at', 'updated_by']);

interface PropertySchema {
  type?: string;
  nullable?: boolean;
  enum?: Array<string | null>;
  minimum?: number;
  maximum?: number;
}

interface PropertiesSchema {
  properties?: Record<string, PropertySchema>;
}

export const componentName = (layer: TileLayer): string => `${layer.charAt(0).toUpperCase()}${layer.slice(1)}Properties`;

export function fieldsOf(schema: PropertiesSchema | undefined): FieldSpec[] {
  return Object.entries(schema?.properties ?? {})
    .filter(([name]) => !BOOKKEEPING.has(name))
    .map(([name, p]) => ({
      name,
      type: p.type === 'integer' || p.type === 'number' || p.type === 'boolean' ? p.type : 'string',
      choices: (p.enum ?? []).filter((v): v is string => typeof v === 'string'),
      minimum: typeof p.minimum === 'number' ? p.minimum : null,
      maximum: typeof p.maximum === 'number' ? p.maximum : null,
      required: p.nullable !== true,
    }));
}

/** Every layer's form from an OpenAPI document. */
export function formsOf(openapi: { components?: { schemas?: Record<string, PropertiesSchema> } }): Record<TileLayer, FieldSpec[]> {
  const schemas = openapi.components?.schemas ?? {};
  const layers: TileLayer[] = ['structures', 'footpaths', 'services', 'constraints'];
  return Object.fromEntries(layers.map((l) => [l, fieldsOf(schemas[componentName(l)])])) as Record<TileLayer, FieldSpec[]>;
}

/** What a new feature of each layer starts with (a planner's usual choice; the form changes it). */
export const DEFAULTS: Record<TileLayer, Record<string, string | number>> = {
  footpaths: { class: 'footpath', width_m: 1.5, state: 'proposed' },
  structures: { use: 'residential' },
  services: { type: 'water_point', state: 'proposed' },
  constraints: { kind: 'flood_zone', severity: 'no_build', setback_m: 0 },
};

/** Line defaults where a layer also takes lines: a drain is the usual service line, a servitude (a power line's) the usual constraint line. */
const LINE_DEFAULTS: Partial<Record<TileLayer, Record<string, string | number>>> = {
  services: { type: 'stormwater_drain', state: 'proposed' },
  constraints: { kind: 'servitude', severity: 'no_build', setback_m: 0 },
};

/** What a new feature of `layer` drawn as `shape` starts with. */
export function defaultsOf(layer: TileLayer, shape: 'point' | 'linestring' | 'polygon'): Record<string, string | number> {
  return (shape === 'linestring' ? LINE_DEFAULTS[layer] : undefined) ?? DEFAULTS[layer];
}

export type FormValue = string | number | boolean | null;

/**
 * A form's raw inputs as the API's property values: empty means null, numbers parsed (a text
 * that is not a number is sent as it is, so the server names the fault beside the field).
 */
export function valuesOf(fields: FieldSpec[], raw: Record<string, string | boolean>): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const f of fields) {
    const v = raw[f.name];
    if (f.type === 'boolean') out[f.name] = v === true;
    else if (v === undefined || v === '') out[f.name] = null;
    else if (f.type === 'integer' || f.type === 'number') {
      const n = Number(String(v).replace(',', '.'));
      out[f.name] = Number.isFinite(n) ? n : String(v);
    } else out[f.name] = String(v);
  }
  return out;
}

/** Only what differs from `before`: the body of a merge patch. */
export function changedValues(after: Record<string, FormValue>, before: Record<string, unknown>): Record<string, FormValue> {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => (before[k] ?? null) !== v));
}
