import type { Settlement } from '../../api/types';
import { valueLabel } from '../../api/vocabulary';
import { onLocaleChange, t } from '../../i18n/i18n';
import { el } from '../../ui/element';

/** The settlement `<select>` and the category badge beside it. */
export interface SettlementPicker {
  show(settlement: Settlement): void;
  /** The settlements the caller may see changed (signed in or out). */
  setSettlements(settlements: Settlement[]): void;
}

export function settlementPicker(
  select: HTMLSelectElement,
  badge: HTMLElement,
  settlements: Settlement[],
  onPick: (id: string) => void,
): SettlementPicker {
  let shown: Settlement | null = null;
  const setSettlements = (list: Settlement[]): void => {
    select.replaceChildren(...list.map((s) => el('option', { value: s.id }, s.name)));
    select.disabled = list.length < 2;
    if (shown) select.value = shown.id;
  };
  const showCategory = (): void => {
    if (!shown) return;
    const label = valueLabel('category', shown.category);
    badge.replaceChildren(el('span', { class: 'visually-hidden' }, `${t('settlement.category')}: `), label);
    badge.title = `${t('settlement.category')}: ${label}`;
    badge.dataset.category = shown.category;
  };
  setSettlements(settlements);
  select.addEventListener('change', () => onPick(select.value));
  onLocaleChange(showCategory);
  return {
    show(settlement) {
      shown = settlement;
      select.value = settlement.id;
      showCategory();
    },
    setSettlements,
  };
}
