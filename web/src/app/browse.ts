import { BASELINE_PLAN, api, fetchLanding } from '../api/client';
import { explainProblem } from '../api/explain';
import type { Landing, Settlement } from '../api/types';
import { type MenuAction, accountView } from '../features/auth/account-view';
import { permissionsFor } from '../features/auth/permissions';
import { Session } from '../features/auth/session';
import { signInDialog } from '../features/auth/sign-in-dialog';
import { accountsDialog } from '../features/people/accounts-dialog';
import { membersDialog } from '../features/people/members-dialog';
import { tokensDialog } from '../features/people/tokens-dialog';
import { settlementPicker } from '../features/settlements/picker';
import { BASELINE_STATE, chooseSettlement, hashFor, planStateFromHash, settlementFromUrl } from '../features/settlements/url-state';
import { shareDialog } from '../features/share/share-dialog';
import { onLocaleChange, t } from '../i18n/i18n';
import { byId, el } from '../ui/element';
import { icon } from '../ui/icons';
import type { Chrome } from './chrome';
import { type MapPage, openMapPage } from './map-page';
import { planNavigation } from './plan-navigation';

/**
 * The page as members and the public use it: the settlements the caller may see, one on the map
 * (`#id` in the address), the account controls, and the actions the role allows. Signing in
 * shows what the account adds without a reload; signing out reloads, so nothing private stays
 * on the screen or in memory.
 */
export async function browse({ status, notice, store }: Chrome): Promise<void> {
  const session = new Session(api);
  let landing: Landing = { title: 'coplan', basemap: null, settlements: [] };
  let current: Settlement | null = null;
  let page: MapPage | null = null;
  /** What the address asked for, kept when it was not available, to show it after sign-in. */
  let requested = settlementFromUrl(window.location.hash, window.location.search);

  const nameOf = (id: string): string => landing.settlements.find((s) => s.id === id)?.name ?? id;
  const permissions = () => permissionsFor(session.current, current?.id ?? null);
  const navigation = planNavigation({ page: () => page, permissions, basemap: () => landing.basemap, transformRequest: api.transformRequest, status });
  const signIn = signInDialog(session, () => {
    // The button that opened the form is gone; the focus goes to who is now signed in.
    byId('account-button').focus();
    void afterSignIn();
  });
  const offerSignIn = () => ({ label: t('auth.signIn'), onClick: () => signIn.open() });
  const members = membersDialog();
  const tokens = tokensDialog();
  const accounts = accountsDialog();
  const peopleActions = (): MenuAction[] => {
    const can = permissions();
    const here = current ? { id: current.id, name: current.name } : null;
    const list: MenuAction[] = [];
    if (here && can.can('members.manage')) list.push({ id: 'members-button', label: t('members.button'), run: () => members.open(here) });
    // tokens are made with a password's session, not with another token
    if (session.current?.credential === 'session') list.push({ id: 'tokens-button', label: t('tokens.button'), run: () => tokens.open(here) });
    if (can.can('users.manage')) list.push({ id: 'accounts-button', label: t('accounts.button'), run: () => accounts.open() });
    if (here && can.can('plan.import')) {
      const query = new URLSearchParams({ settlement: here.id, plan: page?.current().planId ?? BASELINE_PLAN });
      list.push({ id: 'import-button', label: t('import.menu'), run: () => window.location.assign(`/import.html?${query.toString()}`) });
    }
    return list;
  };

  const account = accountView(
    byId('session-bar'),
    {
      session,
      permissions,
      settlementName: () => current?.name ?? null,
      openSignIn: () => signIn.open(),
      menuActions: () => peopleActions(),
      signOut: async () => {
        await session.signOut().catch((e: unknown) => console.warn('sign-out failed', e));
        window.location.reload();
      },
    },
    store,
  );

  const shareButton = byId<HTMLButtonElement>('share-button');
  const shares = shareDialog();
  const showActions = (): void => {
    shareButton.hidden = !permissions().can('shareLinks.manage');
    shareButton.replaceChildren(icon('share'), el('span', { class: 'toolbar-button-text' }, t('share.button')));
    shareButton.setAttribute('aria-label', t('share.buttonLabel'));
    page?.editor.setAccess(permissions().can('geometry.write'), session.current?.user.username ?? null);
    page?.representation.setAccess(current !== null, permissions().can('representation.edit'));
  };
  shareButton.addEventListener('click', () => {
    if (!current) return;
    const planId = page?.current().planId ?? BASELINE_PLAN;
    const planName = planId === BASELINE_PLAN ? t('plan.baseline') : (navigation.plans.plans().find((p) => p.id === planId)?.name ?? planId);
    shares.open({ settlementId: current.id, settlementName: current.name, planId, planName });
  });
  session.onChange(showActions);
  session.onChange(() => navigation.plans.refreshActions());
  onLocaleChange(showActions);

  api.listen({
    unauthenticated: (e, handled) => {
      // A wrong password says nothing about the session; anything else means it is gone.
      if (!e.is('invalid-credentials')) session.ended();
      if (!handled) status.fail(explainProblem(e, nameOf), offerSignIn());
    },
    forbidden: (e, handled) => {
      // The role may have changed since sign-in: ask again, so the page stops offering what is refused.
      if (e.is('forbidden')) void session.load();
      if (!handled) status.fail(explainProblem(e, nameOf));
    },
  });

  const pickerSelect = byId<HTMLSelectElement>('settlement-picker');
  const pickerLabel = pickerSelect.closest('label')!;
  const picker = settlementPicker(pickerSelect, byId('settlement-category'), [], (id) => (window.location.hash = hashFor(id)));

  const show = (settlement: Settlement): void => {
    current = settlement;
    picker.show(settlement);
    document.title = `${settlement.name} · coplan`;
    account.refresh();
    showActions();
  };

  /** Puts the chosen settlement on the map: the first time builds the page, later ones switch it. */
  const open = async (): Promise<void> => {
    const choice = chooseSettlement(requested, landing.settlements);
    pickerLabel.hidden = !choice;
    if (!choice) {
      status.clear();
      notice.show(
        session.current
          ? { icon: 'eye', title: t('notice.noSettlementsTitle'), text: t('notice.noSettlementsMember') }
          : { icon: 'lock', title: t('notice.signInTitle'), text: t('notice.signInText'), actions: [{ ...offerSignIn(), primary: true }] },
      );
      return;
    }
    notice.hide();
    if (choice.fellBack) {
      status.fail(
        t(session.current ? 'status.notFound' : 'status.notFoundSignIn', { id: requested ?? '', name: choice.settlement.name }),
        session.current ? undefined : offerSignIn(),
      );
    } else {
      requested = null;
      status.progress(t('status.loadingSettlement', { name: choice.settlement.name }));
    }
    // From here on the hash holds the choice; a ?settlement= that brought us here would only contradict it.
    const query = new URLSearchParams(window.location.search);
    query.delete('settlement');
    const search = query.size > 0 ? `?${query}` : '';
    const state = await navigation.resolve(choice.settlement, choice.fellBack ? BASELINE_STATE : planStateFromHash(window.location.hash));
    window.history.replaceState(null, '', window.location.pathname + search + hashFor(choice.settlement.id, state));
    show(choice.settlement);
    if (!page) {
      page = await openMapPage(navigation.viewOf(choice.settlement, state), landing.basemap, status);
      // the plan's change list follows every edit, as the map does
      page.editor.onPlanChange(() => void navigation.plans.refreshChanges());
      showActions();
      page.map.once('idle', () => {
        if (!choice.fellBack) status.clear();
      });
    }
    await navigation.follow(choice.settlement, state);
  };

  async function afterSignIn(): Promise<void> {
    landing = await fetchLanding();
    picker.setSettlements(landing.settlements);
    status.clear();
    navigation.forget();
    if (!current || (requested && landing.settlements.some((s) => s.id === requested))) await open();
    else {
      show(current);
      await navigation.follow(current, planStateFromHash(window.location.hash));
    }
  }

  status.progress(t('status.loadingSettlements'));
  [, landing] = await Promise.all([session.load(), fetchLanding()]);
  picker.setSettlements(landing.settlements);
  await open();

  window.addEventListener('hashchange', () => {
    const id = settlementFromUrl(window.location.hash, '');
    const next = landing.settlements.find((s) => s.id === id);
    if (!next) return;
    if (next.id !== current?.id) {
      requested = null;
      show(next);
    }
    void navigation.follow(next, planStateFromHash(window.location.hash));
  });
}
