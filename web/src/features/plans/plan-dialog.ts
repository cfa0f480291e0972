import { explainProblem } from '../../api/explain';
import { t } from '../../i18n/i18n';
import { el } from '../../ui/element';
import type { Plan } from './plans-api';

/** What the form is for: a new empty plan, a copy of `source`, or new words for `plan`. */
export type PlanFormMode = { kind: 'create' } | { kind: 'copy'; source: Plan } | { kind: 'edit'; plan: Plan };

export interface PlanFormValues {
  name: string;
  description: string;
}

export interface PlanDialog {
  /** Opens the form; `save` runs on submit, and the dialog closes when it resolves. */
  open(mode: PlanFormMode, save: (values: PlanFormValues) => Promise<void>): void;
}

const TITLES = { create: 'plans.createTitle', copy: 'plans.copyTitle', edit: 'plans.editTitle' } as const;
const SUBMITS = { create: 'plans.createSubmit', copy: 'plans.copySubmit', edit: 'plans.editSubmit' } as const;

/**
 * The one form for a plan's name and description, as a modal `<dialog>` (focus stays inside,
 * Escape closes): empty for a new plan, "Copy of …" for a copy, the current words for an edit.
 * The server's refusal (a taken id, a missing right) is shown in the form in the reader's language.
 */
export function planDialog(): PlanDialog {
  const title = el('h2', { id: 'plan-dialog-title', class: 'dialog-title' });
  const intro = el('p', { class: 'dialog-intro', id: 'plan-dialog-intro' });
  const nameLabel = el('label', { for: 'plan-name' });
  const name = el('input', { id: 'plan-name', name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
  const descriptionLabel = el('label', { for: 'plan-description' });
  const description = el('textarea', { id: 'plan-description', name: 'description', rows: 3, maxlength: 10000, class: 'plan-textarea' });
  const error = el('p', { id: 'plan-dialog-error', class: 'form-error', role: 'alert', hidden: true });
  const cancel = el('button', { type: 'button', class: 'button' });
  const submit = el('button', { type: 'submit', class: 'button button-primary', id: 'plan-dialog-submit' });
  const form = el(
    'form',
    { class: 'dialog-form', novalidate: true },
    title,
    intro,
    el('div', { class: 'field' }, nameLabel, name),
    el('div', { class: 'field' }, descriptionLabel, description),
    error,
    el('div', { class: 'dialog-actions' }, cancel, submit),
  );
  const dialog = el('dialog', { id: 'plan-dialog', class: 'dialog', 'aria-labelledby': title.id, 'aria-describedby': intro.id }, form);
  document.body.append(dialog);
  name.setAttribute('aria-describedby', error.id);

  let save: ((values: PlanFormValues) => Promise<void>) | null = null;
  const showError = (message: string | null): void => {
    error.textContent = message ?? '';
    error.hidden = message === null;
    name.toggleAttribute('aria-invalid', message !== null);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!save || submit.disabled) return;
    if (!name.value.trim()) {
      showError(t('plans.nameMissing'));
      name.focus();
      return;
    }
    submit.disabled = true;
    try {
      await save({ name: name.value.trim(), description: description.value.trim() });
      showError(null);
      dialog.close();
    } catch (e) {
      showError(explainProblem(e));
    } finally {
      submit.disabled = false;
    }
  });
  cancel.addEventListener('click', () => dialog.close());

  return {
    open(mode, onSave) {
      save = onSave;
      title.textContent = t(TITLES[mode.kind]);
      intro.textContent =
        mode.kind === 'create'
          ? t('plans.createIntro')
          : mode.kind === 'copy'
            ? t('plans.copyIntro', { plan: mode.source.name })
            : t('plans.editIntro', { plan: mode.plan.name });
      nameLabel.textContent = t('plans.name');
      descriptionLabel.textContent = t('plans.description');
      cancel.textContent = t('action.cancel');
      submit.textContent = t(SUBMITS[mode.kind]);
      name.value = mode.kind === 'edit' ? mode.plan.name : mode.kind === 'copy' ? t('plans.copyName', { plan: mode.source.name }) : '';
      description.value = mode.kind === 'edit' ? (mode.plan.description ?? '') : mode.kind === 'copy' ? (mode.source.description ?? '') : '';
      showError(null);
      dialog.showModal();
      name.focus();
      name.select();
    },
  };
}
