import './share.css';
import { explainProblem } from '../../api/explain';
import type { ShareLink } from '../../api/types';
import { formatDate, onLocaleChange, t } from '../../i18n/i18n';
import { confirmButton } from '../../ui/confirm-button';
import { el } from '../../ui/element';
import { icon } from '../../ui/icons';
import { createShareLink, listShareLinks, revokeShareLink } from './share-api';

export interface SharedPlan {
  settlementId: string;
  settlementName: string;
  planId: string;
  planName: string;
}

/**
 * For planners: make a read-only link to the plan on the map (for a meeting screen or a notice
 * board), copy it, and revoke links no longer needed. The token is shown once, as the server
 * answers it; the list shows each link's label and first characters only.
 */
export function shareDialog(): { open(plan: SharedPlan): void } {
  const title = el('h2', { id: 'share-title', class: 'dialog-title' });
  const intro = el('p', { class: 'dialog-intro' });
  const labelText = el('label', { for: 'share-label' });
  const labelInput = el('input', { id: 'share-label', name: 'label', maxlength: '200', autocomplete: 'off' });
  const create = el('button', { type: 'submit', class: 'button button-primary', id: 'share-create' });
  const error = el('p', { class: 'form-error', role: 'alert', hidden: true });
  const form = el('form', { class: 'share-form' }, el('div', { class: 'field' }, labelText, el('div', { class: 'field-row' }, labelInput, create)));
  const createdNote = el('p', { class: 'share-created-note' });
  const urlInput = el('input', { id: 'share-url', readonly: true, 'aria-describedby': 'share-created-note' });
  createdNote.id = 'share-created-note';
  const copy = el('button', { type: 'button', class: 'button', id: 'share-copy' });
  const copied = el('span', { class: 'visually-hidden', role: 'status' });
  const created = el('div', { class: 'share-created', hidden: true }, createdNote, el('div', { class: 'field-row' }, urlInput, copy), copied);
  const listHeading = el('h3', { class: 'dialog-subtitle' });
  const list = el('ul', { class: 'share-list', id: 'share-list' });
  const close = el('button', { type: 'button', class: 'button' });
  const dialog = el(
    'dialog',
    { id: 'share-dialog', class: 'dialog dialog-wide', 'aria-labelledby': title.id },
    el('div', { class: 'dialog-form' }, title, intro, form, created, error, listHeading, list, el('div', { class: 'dialog-actions' }, close)),
  );
  document.body.append(dialog);

  let plan: SharedPlan | null = null;
  let links: ShareLink[] = [];

  const showError = (e: unknown): void => {
    error.textContent = e === null ? '' : explainProblem(e, (id) => (id === plan?.settlementId ? plan.settlementName : id));
    error.hidden = e === null;
  };

  const renderList = (): void => {
    const live = links.filter((l) => !l.revokedAt);
    if (live.length === 0) {
      list.replaceChildren(el('li', { class: 'share-empty' }, t('share.none')));
      return;
    }
    list.replaceChildren(
      ...live.map((link) => {
        const revoke = confirmButton(
          t('share.revoke'),
          t('share.revokeConfirm'),
          async () => {
            try {
              await revokeShareLink(plan!.settlementId, plan!.planId, link.id);
              showError(null);
              await reload();
            } catch (e) {
              showError(e);
            }
          },
          { 'data-link': String(link.id) },
        );
        return el(
          'li',
          { class: 'share-item' },
          icon('link'),
          el(
            'div',
            { class: 'share-item-text' },
            el('span', { class: 'share-item-label' }, link.label || t('share.unlabelled')),
            el('span', { class: 'share-item-meta' }, t('share.madeBy', { name: link.createdBy, date: formatDate(new Date(link.createdAt)) }), ' · ', el('code', {}, link.shown)),
          ),
          revoke,
        );
      }),
    );
  };

  const reload = async (): Promise<void> => {
    links = await listShareLinks(plan!.settlementId, plan!.planId);
    renderList();
  };

  const label = (): void => {
    title.textContent = t('share.title');
    intro.textContent = plan ? t('share.intro', { plan: plan.planName, settlement: plan.settlementName }) : '';
    labelText.textContent = t('share.labelField');
    labelInput.placeholder = t('share.labelExample');
    create.textContent = t('share.create');
    createdNote.textContent = t('share.createdNote');
    copy.textContent = t('share.copy');
    listHeading.textContent = t('share.inUse');
    close.textContent = t('action.close');
    renderList();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!plan) return;
    create.disabled = true;
    try {
      const link = await createShareLink(plan.settlementId, plan.planId, labelInput.value.trim());
      urlInput.value = link.url ?? '';
      created.hidden = false;
      copied.textContent = '';
      labelInput.value = '';
      showError(null);
      urlInput.focus();
      urlInput.select();
      await reload();
    } catch (e) {
      showError(e);
    } finally {
      create.disabled = false;
    }
  });
  copy.addEventListener('click', async () => {
    urlInput.select();
    try {
      await navigator.clipboard.writeText(urlInput.value);
      copied.textContent = t('share.copied');
      copy.textContent = t('share.copied');
      window.setTimeout(() => (copy.textContent = t('share.copy')), 3000);
    } catch {
      copied.textContent = t('share.copyByHand');
    }
  });
  close.addEventListener('click', () => dialog.close());
  onLocaleChange(label);

  return {
    open(next) {
      plan = next;
      links = [];
      created.hidden = true;
      urlInput.value = '';
      showError(null);
      label();
      dialog.showModal();
      labelInput.focus();
      reload().catch(showError);
    },
  };
}
