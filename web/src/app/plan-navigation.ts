import type { RequestTransformFunction } from 'maplibre-gl';
import { BASELINE_PLAN } from '../api/client';
import type { Basemap, Settlement } from '../api/types';
import type { Permissions } from '../features/auth/permissions';
import { type CompareView, compareView } from '../features/compare/compare-view';
import { showChangeFocus } from '../features/plans/change-focus';
import { type PlansControl, plansControl } from '../features/plans/plans-control';
import { BASELINE_STATE, type PlanState, hashFor } from '../features/settlements/url-state';
import { t } from '../i18n/i18n';
import type { StatusLine } from '../ui/status';
import type { MapPage, PlanView } from './map-page';

export interface PlanNavigation {
  readonly plans: PlansControl;
  /** The plan state of the address made real: an unknown plan falls back to the baseline (and says so). */
  resolve(settlement: Settlement, state: PlanState): Promise<PlanState>;
  /** Puts `state` on the page: the plan on the map and in the plan card, and the comparison when asked for. */
  follow(settlement: Settlement, state: PlanState): Promise<void>;
  /** The map's view of a plan state (a comparison leaves the map on the plan it had). */
  viewOf(settlement: Settlement, state: PlanState): PlanView;
  /** Reads the plans again at the next {@link resolve} (who is signed in changed what they may see). */
  forget(): void;
}

export interface NavigationContext {
  page(): MapPage | null;
  permissions(): Permissions;
  basemap(): Basemap | null;
  transformRequest: RequestTransformFunction;
  status: StatusLine;
}

/**
 * Plans and comparisons as the address holds them (`#sid/pid`, `#sid/compare/a/b`): every choice
 * (the plan picker, a new plan, the compare button) writes the address, and the page follows the
 * address, so links, reloads and the back button all show the same thing.
 */
export function planNavigation(context: NavigationContext): PlanNavigation {
  let settlementId: string | null = null;
  let compare: CompareView | null = null;
  let follows = 0;
  let listed: { settlement: string; done: Promise<void> } | null = null;

  const go = (settlement: string, state: PlanState): void => {
    window.location.hash = hashFor(settlement, state);
  };
  const plans = plansControl({
    can: (action) => context.permissions().can(action),
    navigate: (state) => settlementId && go(settlementId, state),
    locate: (entry) => {
      const page = context.page();
      if (!page || !entry.bbox) return;
      showChangeFocus(page.map, entry);
      page.locate({ layer: entry.layer, id: entry.id, bbox: entry.bbox, select: entry.action !== 'removed' });
    },
  });
  const comparison = (): CompareView =>
    (compare ??= compareView({
      basemap: context.basemap(),
      transformRequest: context.transformRequest,
      choose: (pair) => settlementId && go(settlementId, { plan: pair[0], compare: pair }),
      closed: (pair) => settlementId && go(settlementId, { plan: pair[1], compare: null }),
    }));

  const viewOf = (s: Settlement, state: PlanState): PlanView => {
    const shown = context.page()?.current();
    const planId = state.compare ? (shown?.settlementId === s.id ? shown.planId : BASELINE_PLAN) : state.plan;
    return { settlementId: s.id, settlementName: s.name, bbox: s.bbox, planId };
  };

  const listPlans = (id: string): Promise<void> => {
    listed = { settlement: id, done: plans.load(id).then(() => undefined, (e: unknown) => console.warn('plans could not be listed', e)) };
    return listed.done;
  };
  const missingFrom = (state: PlanState): string | undefined => {
    const known = new Set(plans.plans().map((p) => p.id));
    return [state.plan, ...(state.compare ?? [])].find((id) => id !== BASELINE_PLAN && !known.has(id));
  };

  async function resolve(s: Settlement, state: PlanState): Promise<PlanState> {
    settlementId = s.id;
    // one read per settlement, shared by every address that arrives while it is under way
    await (listed?.settlement === s.id ? listed.done : listPlans(s.id));
    if (missingFrom(state) !== undefined) {
      // someone may have made the plan since the list was read (a link from a colleague): read again once
      await listPlans(s.id);
    }
    const missing = missingFrom(state);
    if (missing === undefined) return state;
    context.status.fail(t('plans.notFound', { plan: missing }));
    return BASELINE_STATE;
  }

  return {
    plans,
    resolve,
    viewOf,
    forget: () => {
      listed = null;
    },
    async follow(s, asked) {
      const mine = ++follows;
      const state = await resolve(s, asked);
      if (mine !== follows) return; // a later address overtook this one while the plans were read
      const hash = hashFor(s.id, state);
      if (window.location.hash !== hash) window.history.replaceState(null, '', window.location.pathname + window.location.search + hash);
      const page = context.page();
      if (!page) return;
      const view = viewOf(s, state);
      const shown = page.current();
      if (shown.settlementId !== view.settlementId || shown.planId !== view.planId) await page.show(view);
      plans.show(view.planId);
      if (!state.compare) {
        compare?.hide();
        return;
      }
      const { lng, lat } = page.map.getCenter();
      await comparison().open({ settlementId: s.id, plans: plans.plans(), pair: state.compare, camera: { center: [lng, lat], zoom: page.map.getZoom() } });
    },
  };
}
