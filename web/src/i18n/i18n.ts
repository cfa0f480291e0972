import en from './en.json';
import sw from './sw.json';

/**
 * The app's languages and its one current language. Every string the app shows comes from a
 * message file (`en.json`, `sw.json`: flat keys, `{name}` placeholders, plural forms as
 * `key.one` / `key.other` chosen by `Intl.PluralRules`); numbers and dates go through `Intl`
 * in the current language's conventions. Views subscribe with {@link onLocaleChange} and
 * re-render their text when the language changes; nothing reloads.
 */
export const LOCALES = ['en', 'sw'] as const;
export type Locale = (typeof LOCALES)[number];
export type Messages = Readonly<Record<string, string>>;

export const MESSAGES: Readonly<Record<Locale, Messages>> = { en, sw };

/** Tags for `Intl`: British English conventions (as the municipal documents use); Swahili as in Tanzania. */
const INTL_TAG: Readonly<Record<Locale, string>> = { en: 'en-GB', sw: 'sw-TZ' };

/** Each language in its own words, for the switcher. */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', sw: 'Kiswahili' };

export type Params = Readonly<Record<string, string | number>>;

let current: Locale = 'en';
const listeners = new Set<(locale: Locale) => void>();

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function locale(): Locale {
  return current;
}

export function intlTag(of: Locale = current): string {
  return INTL_TAG[of];
}

/** Switches the language and tells every subscriber (no-op when it is already current). */
export function setLocale(next: Locale): void {
  if (next === current) return;
  current = next;
  listeners.forEach((listener) => listener(next));
}

/** Calls `listener` after each change of language; returns the unsubscribe function. */
export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function lookup(of: Locale, key: string): string | undefined {
  const messages = MESSAGES[of];
  // Own keys only: a key built from data ("value.use.constructor") must not find Object.prototype.
  return Object.hasOwn(messages, key) ? messages[key] : undefined;
}

/** Whether a message exists (in English, which every language must match). */
export function has(key: string): boolean {
  return lookup('en', key) !== undefined;
}

/** Numbers in parameters are formatted for the current language; unknown placeholders stay visible. */
function interpolate(message: string, params: Params | undefined): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name]!;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** The message `key` in `language` (English if that language lacks it, the key if both do). */
export function translate(language: Locale, key: string, params?: Params): string {
  return interpolate(lookup(language, key) ?? lookup('en', key) ?? key, params);
}

/** The message `key` in the current language. */
export function t(key: string, params?: Params): string {
  return translate(current, key, params);
}

/** A counted message: `key.one`, `key.other` ... as the current language's plural rules pick for `count`. */
export function tn(key: string, count: number, params: Params = {}): string {
  const form = pluralRules().select(count);
  const chosen = lookup(current, `${key}.${form}`) !== undefined ? `${key}.${form}` : `${key}.other`;
  return t(chosen, { count, ...params });
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(id: string, make: (tag: string) => T): T {
  const key = `${current}|${id}`;
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = make(INTL_TAG[current]);
    cache.set(key, value);
  }
  return value;
}

const pluralRules = (): Intl.PluralRules => cached('plural', (tag) => new Intl.PluralRules(tag));

/** A number in the current language's conventions, with at most `maximumFractionDigits` decimals. */
export function formatNumber(value: number, maximumFractionDigits = 1): string {
  return cached(`number-${maximumFractionDigits}`, (tag) => new Intl.NumberFormat(tag, { maximumFractionDigits })).format(value);
}

/** A moment as a reader of the current language writes it: "5 Mar 2026, 14:07" / "5 Mac 2026, 14:07". */
export function formatDateTime(value: Date, timeZone?: string): string {
  const id = `datetime-${timeZone ?? 'local'}`;
  return cached(id, (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(value);
}

/** A day as a reader of the current language writes it: "5 March 2026" / "5 Machi 2026". */
export function formatDate(value: Date, timeZone?: string): string {
  const id = `date-${timeZone ?? 'local'}`;
  return cached(id, (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone })).format(value);
}
