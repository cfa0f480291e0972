import type { PropertyValue, TileLayer } from '../../api/types';
import { valueLabel } from '../../api/vocabulary';
import { t } from '../../i18n/i18n';
import { el } from '../../ui/element';
import type { FormFaults } from './problems';
import { type FieldSpec, type FormValue, valuesOf } from './schema';

/**
 * An attribute form built from the layer's schema: a drop-down per coded attribute (labels in the
 * reader's language), a number field with the server's range, a check box, or text; the change's
 * reason last. Each field has its own place for the server's faults, tied to it with
 * `aria-describedby` and `aria-invalid`, so a screen reader reads the fault with the field.
 */
export interface AttributeForm {
  readonly element: HTMLFormElement;
  values(): Record<string, FormValue>;
  reason(): string;
  showFaults(faults: FormFaults): void;
  clearFaults(): void;
  focusFirst(): void;
}

const UNITS: Record<string, string> = { width_m: 'm', setback_m: 'm' };

export function attributeForm(layer: TileLayer, fields: FieldSpec[], initial: Record<string, PropertyValue | undefined>, onSubmit: () => void): AttributeForm {
  const form = el('form', { class: 'editor-form', novalidate: true, id: 'editor-form' });
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const faultsOf = new Map<string, HTMLElement>();
  const general = el('div', { class: 'form-faults', role: 'alert', id: 'editor-faults' });
  form.append(general);

  for (const f of fields) {
    const id = `editor-field-${f.name}`;
    const faultId = `${id}-fault`;
    const value = initial[f.name];
    let input: HTMLInputElement | HTMLSelectElement;
    if (f.choices.length > 0) {
      input = el('select', { id, name: f.name });
      if (!f.required) input.append(el('option', { value: '' }, t('editor.none')));
      for (const c of f.choices) input.append(el('option', { value: c }, valueLabel(f.name, c)));
      input.value = value === null || value === undefined ? (f.required ? f.choices[0]! : '') : String(value);
    } else if (f.type === 'boolean') {
      input = el('input', { id, name: f.name, type: 'checkbox' });
      input.checked = value === true;
    } else if (f.type === 'integer' || f.type === 'number') {
      input = el('input', {
        id,
        name: f.name,
        type: 'number',
        inputmode: f.type === 'integer' ? 'numeric' : 'decimal',
        step: f.type === 'integer' ? '1' : 'any',
        min: f.minimum,
        max: f.maximum,
      });
      input.value = value === null || value === undefined ? '' : String(value);
    } else {
      input = el('input', { id, name: f.name, type: 'text', autocomplete: 'off' });
      input.value = value === null || value === undefined ? '' : String(value);
    }
    if (f.required) input.setAttribute('aria-required', 'true');
    input.setAttribute('aria-describedby', faultId);
    inputs.set(f.name, input);
    const fault = el('p', { class: 'field-fault', id: faultId, hidden: true });
    faultsOf.set(f.name, fault);
    const unit = UNITS[f.name] ? el('span', { class: 'field-unit', 'aria-hidden': 'true' }, UNITS[f.name]!) : null;
    const label = el('label', { for: id }, t(`attr.${f.name}`), f.required ? el('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null);
    form.append(el('div', { class: `field field-${f.type === 'boolean' ? 'check' : 'value'}`, 'data-field': f.name }, label, el('div', { class: 'field-input' }, input, unit), fault));
  }
  const reason = el('input', { id: 'editor-reason', name: 'reason', type: 'text', autocomplete: 'off', maxlength: '500' });
  form.append(el('div', { class: 'field field-value' }, el('label', { for: 'editor-reason' }, t('editor.reason')), el('div', { class: 'field-input' }, reason)));
  form.dataset.layer = layer;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onSubmit();
  });

  const clearFaults = (): void => {
    general.replaceChildren();
    for (const [name, fault] of faultsOf) {
      fault.hidden = true;
      fault.textContent = '';
      inputs.get(name)?.removeAttribute('aria-invalid');
    }
  };

  return {
    element: form,
    values() {
      const raw: Record<string, string | boolean> = {};
      for (const [name, input] of inputs) raw[name] = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value;
      return valuesOf(fields, raw);
    },
    reason: () => reason.value.trim(),
    showFaults(faults) {
      clearFaults();
      let first: HTMLElement | null = null;
      const loose = [...faults.other];
      for (const [name, details] of Object.entries(faults.fields)) {
        const fault = faultsOf.get(name);
        if (!fault) {
          loose.push(`${name}: ${details.join(' ')}`);
          continue;
        }
        fault.textContent = details.join(' ');
        fault.hidden = false;
        const input = inputs.get(name)!;
        input.setAttribute('aria-invalid', 'true');
        first ??= input;
      }
      for (const g of faults.geometry) loose.push(t('editor.geometryFault', { detail: g.detail }));
      if (loose.length > 0) general.replaceChildren(el('p', {}, t('editor.notSaved')), el('ul', {}, ...loose.map((l) => el('li', {}, l))));
      else general.replaceChildren(el('p', {}, t('editor.notSaved')));
      (first ?? general).focus?.();
    },
    clearFaults,
    focusFirst: () => inputs.values().next().value?.focus(),
  };
}
