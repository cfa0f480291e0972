import { locale, t } from './i18n';

/**
 * Puts the current language into the page's static markup: `data-i18n` sets the text,
 * `data-i18n-aria-label` and `data-i18n-title` the attributes, each naming a message key;
 * `<html lang>` follows so screen readers pronounce the words right.
 */
export function translatePage(root: ParentNode = document): void {
  document.documentElement.lang = locale();
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(node.dataset.i18n!);
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel!));
  }
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle!);
}
