import './panel.css';
import { onLocaleChange, t } from '../../i18n/i18n';
import { el } from '../../ui/element';
import type { AttributeView } from './format';

/**
 * The feature details panel: a side panel on wide screens, a bottom sheet on phones (CSS decides).
 * It announces changes politely and closes on its button or Escape.
 */
export interface FeaturePanel {
  showLoading(kicker: string): void;
  showFeature(view: AttributeView): void;
  showError(title: string, detail: string): void;
  close(): void;
  readonly isOpen: boolean;
}

export function featurePanel(root: HTMLElement, onClose: () => void): FeaturePanel {
  const kicker = el('p', { class: 'panel-kicker' });
  const title = el('h2', { class: 'panel-title', id: 'feature-panel-title', tabindex: '-1' });
  const closeButton = el('button', { type: 'button', class: 'icon-button', 'aria-label': t('panel.close'), title: t('panel.close') }, '×');
  onLocaleChange(() => {
    closeButton.setAttribute('aria-label', t('panel.close'));
    closeButton.title = t('panel.close');
    if (root.getAttribute('aria-busy') === 'true') title.textContent = t('panel.loading');
  });
  const body = el('div', { class: 'panel-body' });
  root.replaceChildren(el('header', { class: 'panel-header' }, el('div', {}, kicker, title), closeButton), body);
  root.setAttribute('aria-labelledby', title.id);
  root.setAttribute('aria-live', 'polite');

  const open = (): void => {
    root.hidden = false;
    document.body.dataset.panel = 'open';
  };
  const close = (): void => {
    if (root.hidden) return;
    root.hidden = true;
    delete document.body.dataset.panel;
    onClose();
  };
  closeButton.addEventListener('click', close);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !root.hidden) close();
  });

  return {
    showLoading(text) {
      kicker.textContent = text;
      title.textContent = t('panel.loading');
      root.setAttribute('aria-busy', 'true');
      body.replaceChildren();
      open();
    },
    showFeature(view) {
      kicker.textContent = view.kicker;
      title.textContent = view.title;
      root.removeAttribute('aria-busy');
      const rows = view.rows.flatMap((r) => [
        el('dt', {}, r.label),
        el('dd', { class: r.missing ? 'missing' : null, 'data-key': r.key }, r.value),
      ]);
      body.replaceChildren(el('dl', { class: 'attributes' }, ...rows));
      open();
    },
    showError(heading, detail) {
      title.textContent = heading;
      root.removeAttribute('aria-busy');
      body.replaceChildren(el('p', { class: 'panel-error', role: 'alert' }, detail));
      open();
    },
    close,
    get isOpen() {
      return !root.hidden;
    },
  };
}
