import { LANGUAGE_NAMES, LOCALES, isLocale, locale, onLocaleChange, setLocale, t } from '../../i18n/i18n';
import { type PreferenceStore, rememberLocale } from '../../i18n/preference';
import { el } from '../../ui/element';
import { icon } from '../../ui/icons';

/**
 * A language switcher: a native `<select>` (keyboard and screen readers for free), each language
 * named in its own words and marked with its `lang`. The choice is remembered in this browser.
 * Several switchers may exist (the toolbar's, the phone menu's); they all follow the one language.
 */
export function languageSelect(store: PreferenceStore | null, className = ''): HTMLLabelElement {
  const select = el(
    'select',
    { class: 'language-select', 'aria-label': t('language.label') },
    ...LOCALES.map((code) => el('option', { value: code, lang: code }, LANGUAGE_NAMES[code])),
  );
  select.value = locale();
  select.addEventListener('change', () => {
    if (!isLocale(select.value)) return;
    rememberLocale(store, select.value);
    setLocale(select.value);
  });
  onLocaleChange((now) => {
    select.value = now;
    select.setAttribute('aria-label', t('language.label'));
  });
  return el('label', { class: `language ${className}`.trim() }, icon('globe'), select);
}
