import { type Locale, has, locale, translate } from '../i18n/i18n';

/**
 * Human labels for the coded values the API uses (use, class, state, surface, type, kind,
 * severity, category), from the message files (`value.<attribute>.<code>`), so the legend, the
 * attribute panel and the picker always say the same thing, in the reader's language.
 */

/** "under_construction" → "Under construction": the fallback for values the message files do not know. */
export function humanise(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function valueLabel(attribute: string, value: string, language: Locale = locale()): string {
  const key = `value.${attribute}.${value}`;
  return has(key) ? translate(language, key) : humanise(value);
}
