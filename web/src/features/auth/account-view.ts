import './account.css';
import type { Me } from '../../api/types';
import { onLocaleChange, t } from '../../i18n/i18n';
import type { PreferenceStore } from '../../i18n/preference';
import { el } from '../../ui/element';
import { icon } from '../../ui/icons';
import { languageSelect } from '../language/language-select';
import type { Permissions } from './permissions';
import type { Session } from './session';

export interface AccountContext {
  session: Session;
  /** What the signed-in user may do in the settlement on the map. */
  permissions(): Permissions;
  /** The settlement on the map, for "Planner in Tandale". */
  settlementName(): string | null;
  openSignIn(): void;
  signOut(): Promise<void>;
  /** Further entries of the signed-in menu (members, API tokens, accounts), as the role allows. */
  menuActions?(): MenuAction[];
}

export interface MenuAction {
  id: string;
  label: string;
  run(): void;
}

/** Up to two letters for the avatar: "Demo planner" → "DP". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}

/** The role to show beside the name: the settlement role, "Admin", or "No role". */
export function roleLabel(permissions: Permissions): string {
  if (permissions.role) return t(`role.${permissions.role}`);
  return permissions.admin ? t('role.admin') : t('role.none');
}

/** One sentence on what the role means here. */
function roleSentence(permissions: Permissions, settlement: string | null): string {
  if (!settlement) return permissions.admin ? t('account.adminEverywhere') : '';
  if (permissions.role) return t('account.roleIn', { role: t(`role.${permissions.role}`), settlement });
  return permissions.admin ? t('account.adminEverywhere') : t('account.notMember', { settlement });
}

/**
 * The right end of the chrome: the language switcher, and either "Sign in" or the signed-in
 * person (avatar, name, role in this settlement) opening a menu with "Sign out". On phones the
 * language switcher and "Sign in" move into that menu to leave room for the map.
 * Every name and role is set as text, never as markup: display names are typed by people.
 */
export function accountView(bar: HTMLElement, context: AccountContext, store: PreferenceStore | null): { refresh(): void } {
  const menu = el('div', { id: 'account-menu', class: 'account-menu', popover: 'auto' });
  const button = el('button', { type: 'button', id: 'account-button', class: 'bar-button account-button', popovertarget: menu.id });
  const signIn = el('button', { type: 'button', id: 'sign-in-button', class: 'button button-primary desktop-only' });
  signIn.addEventListener('click', () => context.openSignIn());
  bar.replaceChildren(languageSelect(store, 'desktop-only'), signIn, button, menu);
  const languageHeading = el('p', { class: 'menu-heading' });
  const menuLanguage = el('div', { class: 'menu-language phone-only' }, languageHeading, languageSelect(store));

  const signedInMenu = (me: Me, permissions: Permissions): Node[] => {
    const signOut = el('button', { type: 'button', class: 'button menu-action', id: 'sign-out-button' }, icon('signOut'), t('auth.signOut'));
    signOut.addEventListener('click', () => {
      signOut.disabled = true;
      void context.signOut();
    });
    const actions = (context.menuActions?.() ?? []).map((action) => {
      const b = el('button', { type: 'button', class: 'button menu-action', id: action.id }, action.label);
      b.addEventListener('click', () => {
        menu.hidePopover();
        action.run();
      });
      return b;
    });
    return [
      el(
        'div',
        { class: 'menu-identity' },
        el('span', { class: 'avatar avatar-large', 'aria-hidden': 'true' }, initials(me.user.displayName)),
        el('div', {}, el('p', { class: 'menu-name' }, me.user.displayName), el('p', { class: 'menu-username' }, me.user.username)),
      ),
      el('p', { class: 'menu-role' }, roleSentence(permissions, context.settlementName())),
      ...actions,
      signOut,
    ];
  };

  const signedOutMenu = (): Node[] => {
    const open = el('button', { type: 'button', class: 'button button-primary menu-action' }, t('auth.signIn'));
    open.addEventListener('click', () => {
      menu.hidePopover();
      context.openSignIn();
    });
    return [el('p', { class: 'menu-role' }, t('account.signedOut')), open];
  };

  const refresh = (): void => {
    const me = context.session.current;
    const permissions = context.permissions();
    signIn.textContent = t('auth.signIn');
    signIn.hidden = me !== null;
    if (me) {
      const role = roleLabel(permissions);
      button.className = 'bar-button account-button';
      button.replaceChildren(
        el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(me.user.displayName)),
        el('span', { class: 'account-name' }, me.user.displayName),
        el('span', { class: 'role-chip', 'data-role': permissions.role ?? (permissions.admin ? 'admin' : 'none') }, role),
      );
      button.setAttribute('aria-label', t('account.button', { name: me.user.displayName, role }));
    } else {
      button.className = 'bar-button account-button phone-only';
      button.replaceChildren(icon('person'));
      button.setAttribute('aria-label', t('account.buttonSignedOut'));
    }
    menu.setAttribute('aria-label', t('account.menu'));
    languageHeading.textContent = t('language.label');
    menu.replaceChildren(...(me ? signedInMenu(me, permissions) : signedOutMenu()), menuLanguage);
  };

  context.session.onChange(refresh);
  onLocaleChange(refresh);
  refresh();
  return { refresh };
}
