import { ApiError } from '../../api/client';
import { explainProblem } from '../../api/explain';
import { t } from '../../i18n/i18n';
import { el } from '../../ui/element';
import type { Level, Unit, UnitInput } from './representation-api';
import { UNIT_ID } from './tree';

/** A new unit of `level` (under `parent`, suggested `id`), or new words (and parent) for `unit`. */
export type UnitFormMode = { kind: 'create'; level: Level; parent: string | null; id: string } | { kind: 'edit'; unit: Unit };

export interface UnitDialog {
  /**
   * Opens the form; `save` gets the unit's id and what to store, and the dialog closes when it
   * resolves. `parents` are the units one level up a cell or cluster may belong to.
   */
  open(mode: UnitFormMode, parents: Unit[], save: (id: string, input: UnitInput) => Promise<void>): void;
}

/** The server's refusal in the reader's language, then each fault it named (its own words). */
export function problemText(error: unknown): string {
  const faults = error instanceof ApiError && Array.isArray(error.problem.errors) ? (error.problem.errors as { detail?: unknown }[]) : [];
  const details = faults.map((f) => (typeof f.detail === 'string' ? f.detail : '')).filter((d) => d !== '');
  return [explainProblem(error), ...details].join(' · ');
}

/**
 * The one form for a segment, cluster or cell, as a modal `<dialog>` (focus stays inside, Escape
 * closes): its id (when new), name, representative and the unit it belongs to. The server decides;
 * its refusal (a taken id, a wrong parent) is shown in the form.
 */
export function unitDialog(): UnitDialog {
  const title = el('h2', { id: 'unit-dialog-title', class: 'dialog-title' });
  const field = (id: string, input: HTMLElement): { label: HTMLLabelElement; row: HTMLElement } => {
    const label = el('label', { for: id });
    return { label, row: el('div', { class: 'field' }, label, input) };
  };
  const idInput = el('input', { id: 'unit-id', name: 'id', required: true, maxlength: 63, autocomplete: 'off', spellcheck: 'false' });
  const nameInput = el('input', { id: 'unit-name', name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
  const repInput = el('input', { id: 'unit-representative', name: 'representative', maxlength: 200, autocomplete: 'off' });
  const parentSelect = el('select', { id: 'unit-parent', name: 'parent' });
  const idField = field(idInput.id, idInput);
  const nameField = field(nameInput.id, nameInput);
  const repField = field(repInput.id, repInput);
  const parentField = field(parentSelect.id, parentSelect);
  const error = el('p', { id: 'unit-dialog-error', class: 'form-error', role: 'alert', hidden: true });
  const cancel = el('button', { type: 'button', class: 'button' });
  const submit = el('button', { type: 'submit', class: 'button button-primary', id: 'unit-dialog-submit' });
  const form = el(
    'form',
    { class: 'dialog-form', novalidate: true },
    title,
    idField.row,
    nameField.row,
    repField.row,
    parentField.row,
    error,
    el('div', { class: 'dialog-actions' }, cancel, submit),
  );
  const dialog = el('dialog', { id: 'unit-dialog', class: 'dialog', 'aria-labelledby': title.id }, form);
  document.body.append(dialog);
  [idInput, nameInput].forEach((i) => i.setAttribute('aria-describedby', error.id));

  let mode: UnitFormMode | null = null;
  let save: ((id: string, input: UnitInput) => Promise<void>) | null = null;
  const showError = (message: string | null, field: HTMLElement | null = null): void => {
    error.textContent = message ?? '';
    error.hidden = message === null;
    [idInput, nameInput].forEach((i) => i.toggleAttribute('aria-invalid', i === field));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!mode || !save || submit.disabled) return;
    const id = mode.kind === 'create' ? idInput.value.trim() : mode.unit.id;
    const level = mode.kind === 'create' ? mode.level : mode.unit.level;
    if (!UNIT_ID.test(id)) {
      showError(t('representation.idInvalid'), idInput);
      idInput.focus();
      return;
    }
    if (!nameInput.value.trim()) {
      showError(t('representation.nameMissing'), nameInput);
      nameInput.focus();
      return;
    }
    submit.disabled = true;
    try {
      await save(id, {
        level,
        name: nameInput.value.trim(),
        parent: level === 'segment' ? null : parentSelect.value || null,
        representative: repInput.value.trim() || null,
      });
      showError(null);
      dialog.close();
    } catch (e) {
      showError(problemText(e));
    } finally {
      submit.disabled = false;
    }
  });
  cancel.addEventListener('click', () => dialog.close());

  return {
    open(next, parents, onSave) {
      mode = next;
      save = onSave;
      const level = next.kind === 'create' ? next.level : next.unit.level;
      const levelName = t(`representation.level.${level}`);
      title.textContent = next.kind === 'create' ? t('representation.createTitle', { level: levelName }) : t('representation.editTitle', { unit: next.unit.id });
      idField.label.textContent = t('representation.id');
      nameField.label.textContent = t('representation.name');
      repField.label.textContent = t('representation.representative');
      parentField.label.textContent = level === 'cell' ? t('representation.parentCluster') : t('representation.parentSegment');
      cancel.textContent = t('action.cancel');
      submit.textContent = next.kind === 'create' ? t('representation.createSubmit') : t('representation.editSubmit');
      idField.row.hidden = next.kind !== 'create';
      idInput.value = next.kind === 'create' ? next.id : next.unit.id;
      nameInput.value = next.kind === 'edit' ? next.unit.name : '';
      repInput.value = next.kind === 'edit' ? (next.unit.representative ?? '') : '';
      parentField.row.hidden = level === 'segment';
      const chosen = next.kind === 'create' ? next.parent : next.unit.parentId;
      parentSelect.replaceChildren(
        el('option', { value: '' }, t('representation.noParent')),
        ...parents.map((p) => el('option', { value: p.id, selected: p.id === chosen }, `${p.id} · ${p.name}`)),
      );
      showError(null);
      dialog.showModal();
      (next.kind === 'create' ? idInput : nameInput).focus();
    },
  };
}
