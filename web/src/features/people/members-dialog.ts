import type { Role } from '../../api/types';
import { formatDate, onLocaleChange, t } from '../../i18n/i18n';
import { confirmButton } from '../../ui/confirm-button';
import { el } from '../../ui/element';
import { ROLES } from '../auth/permissions';
import { closeLabel, dialogShell, field, onSubmit } from './dialog-shell';
import { type Member, listMembers, removeMember, setMemberRole } from './people-api';

/**
 * For planners (and admins): who has which role in the settlement on the map. Give an account a
 * role by its username, change a member's role, take it away (a second press confirms).
 */
export function membersDialog(): { open(settlement: { id: string; name: string }): void } {
  const shell = dialogShell('members-dialog');
  const userLabel = el('label', { for: 'members-username' });
  const username = el('input', { id: 'members-username', name: 'username', required: true, autocomplete: 'off', maxlength: '64' });
  const roleLabel = el('label', { for: 'members-role' });
  const role = el('select', { id: 'members-role', name: 'role' });
  const submit = el('button', { type: 'submit', class: 'button button-primary', id: 'members-submit' });
  shell.form.append(field(userLabel, username), field(roleLabel, role), el('div', { class: 'dialog-actions' }, submit));

  let settlement: { id: string; name: string } | null = null;
  let members: Member[] = [];

  const roleOptions = (select: HTMLSelectElement, selected: Role): void => {
    select.replaceChildren(...[...ROLES].reverse().map((r) => el('option', { value: r, selected: r === selected }, t(`role.${r}`))));
  };

  const render = (): void => {
    if (members.length === 0) {
      shell.list.replaceChildren(shell.empty(t('members.none')));
      return;
    }
    shell.list.replaceChildren(
      ...members.map((m) => {
        const change = el('select', { 'aria-label': t('members.roleOf', { name: m.displayName }), 'data-member': m.username });
        roleOptions(change, m.role);
        change.addEventListener('change', async () => {
          try {
            await setMemberRole(settlement!.id, m.username, change.value as Role);
            shell.showError(null);
            await reload();
          } catch (e) {
            shell.showError(e);
          }
        });
        const remove = confirmButton(t('members.remove'), t('members.removeConfirm'), async () => {
          try {
            await removeMember(settlement!.id, m.username);
            shell.showError(null);
            await reload();
          } catch (e) {
            shell.showError(e);
          }
        });
        const meta = t('members.since', { date: formatDate(new Date(m.since)), name: m.addedBy ?? '—' });
        return shell.row(`${m.displayName} (${m.username})`, meta, change, remove);
      }),
    );
  };

  const reload = async (): Promise<void> => {
    members = await listMembers(settlement!.id);
    render();
  };

  onSubmit(shell, submit, async () => {
    await setMemberRole(settlement!.id, username.value.trim(), role.value as Role);
    username.value = '';
    await reload();
  });

  const label = (): void => {
    shell.title.textContent = t('members.title');
    shell.intro.textContent = settlement ? t('members.intro', { settlement: settlement.name }) : '';
    userLabel.textContent = t('members.username');
    roleLabel.textContent = t('members.role');
    roleOptions(role, (role.value as Role) || 'viewer');
    submit.textContent = t('members.give');
    shell.listHeading.textContent = t('members.current');
    shell.close.textContent = closeLabel();
    render();
  };
  onLocaleChange(label);

  return {
    open(next) {
      settlement = next;
      members = [];
      shell.showError(null);
      label();
      role.value = 'viewer';
      shell.dialog.showModal();
      username.focus();
      reload().catch(shell.showError);
    },
  };
}
