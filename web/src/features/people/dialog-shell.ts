import '../share/share.css';
import { explainProblem } from '../../api/explain';
import { t } from '../../i18n/i18n';
import { el } from '../../ui/element';

/**
 * The frame the people dialogs share (members, API tokens, accounts): title, one sentence of
 * intro, a form, a "shown once" box for a secret the server answers a single time, an error line,
 * and the list of what exists. Layout and list styles are the share dialog's.
 */
export interface DialogShell {
  dialog: HTMLDialogElement;
  title: HTMLHeadingElement;
  intro: HTMLParagraphElement;
  form: HTMLFormElement;
  listHeading: HTMLHeadingElement;
  list: HTMLUListElement;
  close: HTMLButtonElement;
  /** Shows the secret with its note, selected for copying; null hides the box. */
  showSecret(note: string | null, secret?: string): void;
  showError(e: unknown): void;
  /** One list row: an icon-less text block (label, meta) and its buttons. */
  row(label: string, meta: string, ...actions: Node[]): HTMLLIElement;
  empty(text: string): HTMLLIElement;
}

export function dialogShell(id: string): DialogShell {
  const title = el('h2', { id: `${id}-title`, class: 'dialog-title' });
  const intro = el('p', { class: 'dialog-intro' });
  const form = el('form', { class: 'share-form', id: `${id}-form` });
  const secretNote = el('p', { class: 'share-created-note', id: `${id}-secret-note` });
  const secret = el('input', { id: `${id}-secret`, readonly: true, 'aria-describedby': secretNote.id });
  const secretBox = el('div', { class: 'share-created', hidden: true }, secretNote, secret);
  const error = el('p', { class: 'form-error', role: 'alert', hidden: true, id: `${id}-error` });
  const listHeading = el('h3', { class: 'dialog-subtitle' });
  const list = el('ul', { class: 'share-list', id: `${id}-list` });
  const close = el('button', { type: 'button', class: 'button', id: `${id}-close` });
  const dialog = el(
    'dialog',
    { id, class: 'dialog dialog-wide', 'aria-labelledby': title.id },
    el('div', { class: 'dialog-form' }, title, intro, form, secretBox, error, listHeading, list, el('div', { class: 'dialog-actions' }, close)),
  );
  close.addEventListener('click', () => dialog.close());
  document.body.append(dialog);
  return {
    dialog,
    title,
    intro,
    form,
    listHeading,
    list,
    close,
    showSecret(note, value = '') {
      secretBox.hidden = note === null;
      secretNote.textContent = note ?? '';
      secret.value = value;
      if (note !== null) {
        secret.focus();
        secret.select();
      }
    },
    showError(e) {
      error.textContent = e === null ? '' : explainProblem(e);
      error.hidden = e === null;
    },
    row(label, meta, ...actions) {
      return el(
        'li',
        { class: 'share-item', 'data-key': label },
        el('div', { class: 'share-item-text' }, el('span', { class: 'share-item-label' }, label), el('span', { class: 'share-item-meta' }, meta)),
        ...actions,
      );
    },
    empty(text) {
      return el('li', { class: 'share-empty' }, text);
    },
  };
}

/** A labelled field for the dialogs' forms. */
export function field(label: HTMLLabelElement, control: HTMLElement): HTMLDivElement {
  return el('div', { class: 'field' }, label, control);
}

/** Runs a form's action with its submit button disabled, reporting failure in the dialog. */
export function onSubmit(shell: DialogShell, submit: HTMLButtonElement, action: () => Promise<void>): void {
  shell.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      await action();
      shell.showError(null);
    } catch (e) {
      shell.showError(e);
    } finally {
      submit.disabled = false;
    }
  });
}

/** "Close" in the reader's language, for every dialog's label pass. */
export const closeLabel = (): string => t('action.close');
