import { ApiError, api, fetchLanding, fetchPlanAccess } from '../api/client';
import { explainProblem } from '../api/explain';
import type { PlanAccess } from '../api/types';
import type { SharedPlanLink } from '../features/share/share-url';
import { languageSelect } from '../features/language/language-select';
import { onLocaleChange, t } from '../i18n/i18n';
import { byId, el } from '../ui/element';
import { icon } from '../ui/icons';
import type { Chrome } from './chrome';
import { openMapPage } from './map-page';

/** The baseline's stored name is English data; the app names it in the reader's language. */
const planName = (access: PlanAccess): string => (access.planStatus === 'baseline' ? t('plan.baseline') : access.planName);

/** Says the link no longer works, and where the public map is when there is one. */
function showDeadLink({ notice }: Chrome, publicSettlement: string | null): void {
  notice.show({
    icon: 'warning',
    title: t('share.deadTitle'),
    text: t('share.deadText'),
    actions: publicSettlement ? [{ label: t('share.openPublicMap'), href: `/#${encodeURIComponent(publicSettlement)}`, primary: true }] : [],
  });
}

/**
 * A page opened from a share link (`/?share=TOKEN&settlement=S&plan=P`): that one plan, read
 * only, with no sign-in and no account controls, for meeting screens and notice boards. Every
 * request to our origin carries the token (`X-Share-Token`: the API client for the app's own
 * calls, MapLibre's `transformRequest` for TileJSON and tiles). A revoked link says so plainly.
 */
export async function openSharedPlan(link: SharedPlanLink, chrome: Chrome): Promise<void> {
  const { status, store } = chrome;
  api.setShareToken(link.token);
  byId('session-bar').replaceChildren(languageSelect(store));
  byId('settlement-picker').closest('label')!.hidden = true;

  status.progress(t('status.loadingSharedPlan'));
  let access: PlanAccess;
  const landing = fetchLanding().catch(() => null);
  try {
    access = await fetchPlanAccess(link.settlementId, link.planId);
  } catch (e) {
    status.clear();
    if (e instanceof ApiError && (e.status === 401 || e.status === 404)) showDeadLink(chrome, null);
    else status.fail(explainProblem(e));
    return;
  }
  // On a public settlement a dead link is ignored rather than refused: the plan reads as public.
  if (access.via === 'public') {
    status.clear();
    showDeadLink(chrome, access.settlement);
    return;
  }

  const title = byId('shared-plan');
  const badge = byId('read-only-badge');
  const label = (): void => {
    title.replaceChildren(el('span', { class: 'shared-settlement' }, access.settlementName), el('span', { class: 'shared-plan-name' }, planName(access)));
    badge.replaceChildren(icon('lock'), t('share.readOnly'));
    badge.title = t('share.readOnlyExplained');
    document.title = `${planName(access)} · ${access.settlementName} · coplan`;
  };
  title.hidden = false;
  badge.hidden = false;
  label();
  onLocaleChange(label);

  const page = await openMapPage(
    { settlementId: access.settlement, settlementName: access.settlementName, bbox: access.bbox, planId: access.plan },
    (await landing)?.basemap ?? null,
    status,
  );
  page.map.once('idle', () => status.clear());
}
