import './plans.css';
import { BASELINE_PLAN } from '../../api/client';
import { explainProblem } from '../../api/explain';
import { formatDateTime, onLocaleChange, t, tn } from '../../i18n/i18n';
import { byId, el } from '../../ui/element';
import type { Action } from '../auth/permissions';
import type { PlanState } from '../settlements/url-state';
import { type ChangeEntry, type LayerChangeList, changeList, totalChanges } from './change-list';
import { changeLabel } from './change-label';
import { planDialog } from './plan-dialog';
import { type Plan, plansApi } from './plans-api';

export interface PlansHooks {
  can(action: Action): boolean;
  /** Shows a plan or a comparison: the page writes it into the address and follows it. */
  navigate(state: PlanState): void;
  /** Zooms the map to a change and selects it. */
  locate(entry: ChangeEntry): void;
}

export interface PlansControl {
  /** Reads the settlement's plans (baseline first); the picker lists them. */
  load(settlementId: string): Promise<Plan[]>;
  /** The plan on the map changed: picker, panel and change list follow. */
  show(planId: string): void;
  plans(): Plan[];
  /** What the role allows may have changed (sign-in, a new role). */
  refreshActions(): void;
  /** Reads the change list again (after an edit). */
  refreshChanges(): Promise<void>;
}

const planLabel = (p: Plan): string => (p.id === BASELINE_PLAN ? t('plan.baseline') : p.name);

/**
 * Plans of the settlement on the map: the plan picker in the top bar, and the plan card (status,
 * description, what the role may do with plans, and the plan's change list against the existing
 * conditions, each entry a button that zooms to the change). Creating, copying and renaming go
 * through one form; the server decides what is allowed, the card only offers what the role may do.
 */
export function plansControl(hooks: PlansHooks): PlansControl {
  const picker = byId<HTMLSelectElement>('plan-picker');
  const pickerLabel = byId('plan-picker-label');
  const panel = byId<HTMLDetailsElement>('plan-panel');
  const summary = el('summary', { id: 'plan-panel-summary' });
  const status = el('p', { class: 'plan-status', id: 'plan-status' });
  const description = el('p', { class: 'plan-description', id: 'plan-description-text' });
  const newButton = el('button', { type: 'button', class: 'button', id: 'plan-new' });
  const copyButton = el('button', { type: 'button', class: 'button', id: 'plan-copy' });
  const editButton = el('button', { type: 'button', class: 'button', id: 'plan-edit' });
  const compareButton = el('button', { type: 'button', class: 'button button-primary', id: 'plan-compare' });
  const changesHeading = el('h3', { class: 'plan-heading', id: 'plan-changes-heading' });
  const changesState = el('p', { class: 'plan-changes-state', id: 'plan-changes-state', role: 'status' });
  const list = el('div', { class: 'change-list', id: 'change-list', 'aria-labelledby': changesHeading.id, role: 'region' });
  panel.open = !window.matchMedia('(max-width: 640px)').matches;
  panel.replaceChildren(
    summary,
    el(
      'div',
      { class: 'plan-panel-body' },
      status,
      description,
      el('div', { class: 'plan-actions' }, newButton, copyButton, editButton, compareButton),
      changesHeading,
      changesState,
      list,
    ),
  );
  const dialog = planDialog();
  // the card sits under the top bar, which wraps to more lines in longer languages and narrower windows
  const topbar = panel.parentElement?.querySelector<HTMLElement>('.topbar');
  if (topbar) {
    new ResizeObserver(() => document.documentElement.style.setProperty('--topbar-bottom', `${topbar.getBoundingClientRect().bottom}px`)).observe(topbar);
  }

  let settlementId = '';
  let plans: Plan[] = [];
  let planId = BASELINE_PLAN;
  let changes: LayerChangeList[] | null = null;
  /** settlement/plan whose changes are shown, so showing it again does not read them again */
  let shownKey = '';
  let changesError: string | null = null;
  let selected: string | null = null;

  const plan = (): Plan | undefined => plans.find((p) => p.id === planId);

  const renderPicker = (): void => {
    picker.replaceChildren(...plans.map((p) => el('option', { value: p.id }, planLabel(p))));
    picker.value = planId;
    pickerLabel.hidden = plans.length === 0;
  };

  const renderActions = (): void => {
    const manage = hooks.can('plans.manage');
    const proposal = planId !== BASELINE_PLAN;
    newButton.hidden = !manage;
    copyButton.hidden = !manage || !proposal;
    editButton.hidden = !manage || !proposal;
    compareButton.hidden = plans.length < 2;
    newButton.textContent = t('plans.new');
    copyButton.textContent = t('plans.copy');
    editButton.textContent = t('plans.edit');
    compareButton.textContent = t('plans.compare');
  };

  const renderChanges = (): void => {
    changesHeading.textContent = t('plans.changesTitle');
    if (planId === BASELINE_PLAN) {
      changesState.textContent = t('plans.baselineHasNoChanges');
      list.replaceChildren();
      return;
    }
    if (changesError !== null) {
      changesState.textContent = t('plans.changesFailed', { reason: changesError });
      list.replaceChildren();
      return;
    }
    if (changes === null) {
      changesState.textContent = t('plans.changesLoading');
      list.replaceChildren();
      return;
    }
    const total = totalChanges(changes);
    changesState.textContent = total === 0 ? t('plans.noChanges') : tn('plans.changeCount', total);
    list.replaceChildren(
      ...changes.map((layer) =>
        el(
          'section',
          { class: 'change-layer', 'data-layer': layer.layer },
          el('h4', {}, t(`plans.layer.${layer.layer}`)),
          el(
            'ul',
            {},
            ...layer.entries.map((entry) => {
              const button = el(
                'button',
                {
                  type: 'button',
                  class: 'change-entry',
                  'data-id': entry.id,
                  'data-layer': entry.layer,
                  'data-action': entry.action,
                  'aria-current': selected === entry.id ? 'true' : null,
                },
                el('span', { class: 'change-mark', 'aria-hidden': 'true' }, entry.action === 'added' ? '+' : entry.action === 'removed' ? '−' : '~'),
                el('span', {}, changeLabel(entry)),
              );
              button.addEventListener('click', () => {
                selected = entry.id;
                list.querySelectorAll('[aria-current]').forEach((b) => b.removeAttribute('aria-current'));
                button.setAttribute('aria-current', 'true');
                hooks.locate(entry);
              });
              return el('li', {}, button);
            }),
          ),
        ),
      ),
    );
  };

  const render = (): void => {
    const p = plan();
    summary.textContent = p ? t('plans.summary', { plan: planLabel(p) }) : t('plans.title');
    status.textContent = p
      ? p.updatedAt
        ? t('plans.statusUpdated', { status: t(`review.status.${p.status}`), date: formatDateTime(new Date(p.updatedAt)) })
        : t(`review.status.${p.status}`)
      : '';
    description.textContent = p?.description ?? '';
    description.hidden = !p?.description;
    panel.hidden = plans.length === 0;
    renderPicker();
    renderActions();
    renderChanges();
  };

  let changeReads = 0;

  /** Reads the plan's change list; `quietly` keeps the list shown until the new one is in (live refreshes). */
  async function loadChanges(quietly = false): Promise<void> {
    const forPlan = planId;
    const read = ++changeReads;
    if (!quietly) {
      changes = null;
      changesError = null;
      render();
    }
    if (forPlan === BASELINE_PLAN) return;
    try {
      const doc = await plansApi.changes(settlementId, forPlan);
      if (forPlan !== planId || read !== changeReads) return;
      changes = changeList(doc);
      changesError = null;
    } catch (e) {
      if (forPlan !== planId || read !== changeReads) return;
      changesError = explainProblem(e);
    }
    renderChanges();
  }

  async function load(id: string): Promise<Plan[]> {
    settlementId = id;
    plans = await plansApi.list(id);
    // the baseline first, then proposals as the server lists them
    plans.sort((a, b) => Number(b.id === BASELINE_PLAN) - Number(a.id === BASELINE_PLAN));
    render();
    return plans;
  }

  /** After a create or copy: the new plan joins the list and goes on the map. */
  const saved = async (created: Plan): Promise<void> => {
    await load(settlementId);
    hooks.navigate({ plan: created.id, compare: null });
  };

  picker.addEventListener('change', () => hooks.navigate({ plan: picker.value, compare: null }));
  newButton.addEventListener('click', () =>
    dialog.open({ kind: 'create' }, async (v) => saved(await plansApi.create(settlementId, { name: v.name, description: v.description || undefined }))),
  );
  copyButton.addEventListener('click', () => {
    const source = plan();
    if (!source) return;
    dialog.open({ kind: 'copy', source }, async (v) =>
      saved(await plansApi.create(settlementId, { name: v.name, description: v.description || undefined, copyOf: source.id })),
    );
  });
  editButton.addEventListener('click', () => {
    const current = plan();
    if (!current) return;
    dialog.open({ kind: 'edit', plan: current }, async (v) => {
      await plansApi.update(settlementId, current.id, { name: v.name, description: v.description || null });
      await load(settlementId);
    });
  });
  compareButton.addEventListener('click', () => {
    const other = planId === BASELINE_PLAN ? plans.find((p) => p.id !== BASELINE_PLAN)?.id : planId;
    if (other) hooks.navigate({ plan: BASELINE_PLAN, compare: [BASELINE_PLAN, other] });
  });
  onLocaleChange(render);

  return {
    load,
    plans: () => plans,
    show(id) {
      const key = `${settlementId}/${id}`;
      if (key === shownKey) {
        render();
        return;
      }
      shownKey = key;
      planId = id;
      selected = null;
      void loadChanges();
    },
    refreshActions: renderActions,
    refreshChanges: () => loadChanges(true),
  };
}
