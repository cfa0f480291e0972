import { type Locale, isLocale } from './i18n';

/** Where the chosen language is remembered in this browser. */
export const LANGUAGE_STORAGE_KEY = 'coplan.language';

/** The part of `Storage` used here, so tests can pass a plain object. */
export type PreferenceStore = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The language to start in: the one chosen before in this browser, else the first of the
 * browser's languages the app speaks ("sw-TZ" → "sw"), else English. Storage can be missing or
 * refuse access (private modes, embedded frames): then the browser's languages decide.
 */
export function initialLocale(store: PreferenceStore | null, browserLanguages: readonly string[]): Locale {
  try {
    const saved = store?.getItem(LANGUAGE_STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage refused: fall through to the browser's languages
  }
  for (const language of browserLanguages) {
    const primary = language.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

export function rememberLocale(store: PreferenceStore | null, chosen: Locale): void {
  try {
    store?.setItem(LANGUAGE_STORAGE_KEY, chosen);
  } catch {
    // not remembered; the choice still holds for this page
  }
}

/** `localStorage`, or null where the browser refuses it. */
export function browserStore(): PreferenceStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
