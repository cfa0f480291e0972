import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { valueLabel } from '../../api/vocabulary';
import { type Locale, locale } from '../../i18n/i18n';

/**
 * Style layer metadata keys this app reads. The plain keys are English, so the style reads well in
 * any client (Maputnik, QGIS); `<key>-<language>` (`coplan:legend-sw`) gives the same in another
 * language, and the app falls back to the plain key where a language has none.
 */
export const LEGEND_KEY = 'coplan:legend';
export const COMPANION_KEY = 'coplan:companion-of';
/** Optional `{ codedValue: "Label" }`: names a swatch that stands for several values more briefly. */
export const LABELS_KEY = 'coplan:legend-labels';

/** The metadata key holding `key`'s text in `language` (English is the plain key). */
export function localisedKey(key: string, language: Locale): string {
  return language === 'en' ? key : `${key}-${language}`;
}

export type SwatchKind = 'fill' | 'line' | 'circle';

export interface LegendItem {
  label: string;
  color: string;
  /** The coded values this swatch stands for, e.g. ["toilet", "toilet_block"]; empty for a constant colour. */
  values: string[];
}

export interface LegendGroup {
  layerId: string;
  label: string;
  kind: SwatchKind;
  items: LegendItem[];
  dashed: boolean;
  opacity: number;
  /** Border colour of fill swatches and stroke of circles. */
  outline: string | null;
  /** Layers drawn for this group that carry no legend entry themselves (casings, outlines, hatches). */
  companions: string[];
}

const COLOUR_PROPERTY: Record<SwatchKind, string> = { fill: 'fill-color', line: 'line-color', circle: 'circle-color' };

type Expr = unknown;

function metadataOf(layer: LayerSpecification): Record<string, unknown> {
  const m = (layer as { metadata?: unknown }).metadata;
  return m && typeof m === 'object' ? (m as Record<string, unknown>) : {};
}

function paintOf(layer: LayerSpecification): Record<string, unknown> {
  return ((layer as { paint?: Record<string, unknown> }).paint ?? {}) as Record<string, unknown>;
}

/** The colour a constant, or the "otherwise" colour of a case/interpolate/step, resolves to. */
function constantColour(expr: Expr): string | null {
  if (typeof expr === 'string') return expr;
  if (!Array.isArray(expr) || expr.length === 0) return null;
  switch (expr[0]) {
    case 'case':
    case 'interpolate':
    case 'step':
      return constantColour(expr[expr.length - 1]);
    default:
      return null;
  }
}

/**
 * Swatches for a colour property: one per colour of a `match` on a feature attribute (values that
 * share a colour share a swatch, labelled with every value), or one swatch for a constant colour.
 * A feature-state `case` around the colour (selection) is looked through to its fallback.
 */
export function colourItems(
  expr: Expr,
  fallbackLabel: string,
  overrides: Record<string, unknown> = {},
  language: Locale = locale(),
): LegendItem[] {
  if (Array.isArray(expr) && expr[0] === 'case') return colourItems(expr[expr.length - 1], fallbackLabel, overrides, language);
  if (Array.isArray(expr) && expr[0] === 'match') {
    const input = expr[1];
    const attribute = Array.isArray(input) && input[0] === 'get' && typeof input[1] === 'string' ? input[1] : '';
    const byColour = new Map<string, string[]>();
    for (let i = 2; i + 1 < expr.length; i += 2) {
      const colour = constantColour(expr[i + 1]);
      if (!colour) continue;
      const labels = (Array.isArray(expr[i]) ? expr[i] : [expr[i]]).map(String);
      byColour.set(colour, [...(byColour.get(colour) ?? []), ...labels]);
    }
    return [...byColour].map(([color, values]) => {
      const override = values.map((v) => overrides[v]).find((l): l is string => typeof l === 'string');
      return { color, values, label: override ?? values.map((v) => valueLabel(attribute, v, language)).join(', ') };
    });
  }
  const colour = constantColour(expr);
  return colour ? [{ label: fallbackLabel, color: colour, values: [] }] : [];
}

function swatchKind(layer: LayerSpecification): SwatchKind | null {
  return layer.type === 'fill' || layer.type === 'line' || layer.type === 'circle' ? layer.type : null;
}

/**
 * The legend is read from the style itself: every layer whose metadata has `coplan:legend` becomes
 * a group, topmost layer first (the order a reader scans the map), with swatches taken from its
 * colour expression. Layers naming it in `coplan:companion-of` are shown and hidden with it.
 */
export function deriveLegend(style: StyleSpecification, language: Locale = locale()): LegendGroup[] {
  const groups: LegendGroup[] = [];
  for (const layer of [...style.layers].reverse()) {
    const metadata = metadataOf(layer);
    const english = metadata[LEGEND_KEY];
    const kind = swatchKind(layer);
    if (typeof english !== 'string' || !kind) continue;
    const translated = metadata[localisedKey(LEGEND_KEY, language)];
    const label = typeof translated === 'string' ? translated : english;
    const paint = paintOf(layer);
    const overrides = metadata[localisedKey(LABELS_KEY, language)] ?? metadata[LABELS_KEY];
    const opacity = [paint[`${kind}-opacity`], paint[`${kind}-layer-opacity`]].reduce<number>(
      (product, o) => product * (typeof o === 'number' ? o : 1),
      1,
    );
    const companions = style.layers.filter((l) => metadataOf(l)[COMPANION_KEY] === layer.id);
    groups.push({
      layerId: layer.id,
      label,
      kind,
      items: colourItems(
        paint[COLOUR_PROPERTY[kind]],
        label,
        overrides && typeof overrides === 'object' ? (overrides as Record<string, unknown>) : {},
        language,
      ),
      dashed: paint['line-dasharray'] !== undefined,
      opacity,
      outline: outlineOf(kind, paint, companions),
      companions: companions.map((l) => l.id),
    });
  }
  return groups;
}

function outlineOf(kind: SwatchKind, paint: Record<string, unknown>, companions: LayerSpecification[]): string | null {
  if (kind === 'circle') return constantColour(paint['circle-stroke-color']);
  if (kind !== 'fill') return null;
  const outline = companions.find((l) => l.type === 'line');
  return outline ? constantColour(paintOf(outline)['line-color']) : null;
}

/** The layers a click can select: exactly those the legend explains. */
export function interactiveLayerIds(style: StyleSpecification): string[] {
  return deriveLegend(style).map((g) => g.layerId);
}
