import { formatDate, onLocaleChange, t } from '../../i18n/i18n';
import { el } from '../../ui/element';
import { closeLabel, dialogShell, field, onSubmit } from './dialog-shell';
import { type Account, createAccount, listAccounts, setAccountDisabled } from './people-api';

/**
 * For server admins: every account; make one (the server chooses the password when none is given
 * and shows it once), disable one (its sessions end at once) or enable it again.
 */
export function accountsDialog(): { open(): void } {
  const shell = dialogShell('accounts-dialog');
  const userLabel = el('label', { for: 'accounts-username' });
  const username = el('input', { id: 'accounts-username', name: 'username', required: true, autocomplete: 'off', maxlength: '64' });
  const nameLabel = el('label', { for: 'accounts-display-name' });
  const displayName = el('input', { id: 'accounts-display-name', name: 'displayName', autocomplete: 'off', maxlength: '200' });
  const passwordLabel = el('label', { for: 'accounts-password' });
  const password = el('input', { id: 'accounts-password', name: 'password', type: 'password', autocomplete: 'new-password', minlength: '12' });
  const adminBox = el('input', { id: 'accounts-admin', name: 'admin', type: 'checkbox' });
  const adminLabel = el('label', { for: 'accounts-admin' });
  const submit = el('button', { type: 'submit', class: 'button button-primary', id: 'accounts-submit' });
  shell.form.append(
    field(userLabel, username),
    field(nameLabel, displayName),
    field(passwordLabel, password),
    el('div', { class: 'field field-check' }, adminBox, adminLabel),
    el('div', { class: 'dialog-actions' }, submit),
  );

  let accounts: Account[] = [];

  const render = (): void => {
    shell.list.replaceChildren(
      ...accounts.map((a) => {
        const toggle = el('button', { type: 'button', class: 'button', 'data-account': a.username }, t(a.disabled ? 'accounts.enable' : 'accounts.disable'));
        toggle.addEventListener('click', async () => {
          toggle.disabled = true;
          try {
            await setAccountDisabled(a.username, !a.disabled);
            shell.showError(null);
            await reload();
          } catch (e) {
            toggle.disabled = false;
            shell.showError(e);
          }
        });
        const facts = [a.admin ? t('role.admin') : null, a.disabled ? t('accounts.disabled') : null, t('accounts.since', { date: formatDate(new Date(a.createdAt)) })];
        return shell.row(`${a.displayName} (${a.username})`, facts.filter(Boolean).join(' · '), toggle);
      }),
    );
  };

  const reload = async (): Promise<void> => {
    accounts = await listAccounts();
    render();
  };

  onSubmit(shell, submit, async () => {
    const made = await createAccount({
      username: username.value.trim(),
      displayName: displayName.value.trim(),
      password: password.value,
      admin: adminBox.checked,
    });
    shell.showSecret(made.password ? t('accounts.passwordNote', { username: made.user.username }) : null, made.password ?? '');
    username.value = '';
    displayName.value = '';
    password.value = '';
    adminBox.checked = false;
    await reload();
  });

  const label = (): void => {
    shell.title.textContent = t('accounts.title');
    shell.intro.textContent = t('accounts.intro');
    userLabel.textContent = t('accounts.username');
    nameLabel.textContent = t('accounts.displayName');
    passwordLabel.textContent = t('accounts.password');
    password.placeholder = t('accounts.passwordHint');
    adminLabel.textContent = t('accounts.admin');
    submit.textContent = t('accounts.create');
    shell.listHeading.textContent = t('accounts.current');
    shell.close.textContent = closeLabel();
    render();
  };
  onLocaleChange(label);

  return {
    open() {
      accounts = [];
      shell.showError(null);
      shell.showSecret(null);
      label();
      shell.dialog.showModal();
      username.focus();
      reload().catch(shell.showError);
    },
  };
}
