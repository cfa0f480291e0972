import { formatDate, onLocaleChange, t } from '../../i18n/i18n';
import { confirmButton } from '../../ui/confirm-button';
import { el } from '../../ui/element';
import { closeLabel, dialogShell, field, onSubmit } from './dialog-shell';
import { type ApiToken, createToken, listTokens, revokeToken } from './people-api';

/**
 * The signed-in person's API tokens, for scripts and desktop GIS (QGIS, ogr2ogr): make one (read
 * or read-write, optionally for one settlement), copy it once, revoke it. The server keeps only a
 * hash, so a token cannot be shown again.
 */
export function tokensDialog(): { open(settlement: { id: string; name: string } | null): void } {
  const shell = dialogShell('tokens-dialog');
  const nameLabel = el('label', { for: 'tokens-name' });
  const name = el('input', { id: 'tokens-name', name: 'name', required: true, autocomplete: 'off', maxlength: '200' });
  const scopeLabel = el('label', { for: 'tokens-scope' });
  const scope = el('select', { id: 'tokens-scope', name: 'scope' });
  const whereLabel = el('label', { for: 'tokens-settlement' });
  const where = el('select', { id: 'tokens-settlement', name: 'settlement' });
  const submit = el('button', { type: 'submit', class: 'button button-primary', id: 'tokens-submit' });
  shell.form.append(field(nameLabel, name), field(scopeLabel, scope), field(whereLabel, where), el('div', { class: 'dialog-actions' }, submit));

  let settlement: { id: string; name: string } | null = null;
  let tokens: ApiToken[] = [];

  const render = (): void => {
    const live = tokens.filter((tk) => !tk.revokedAt);
    if (live.length === 0) {
      shell.list.replaceChildren(shell.empty(t('tokens.none')));
      return;
    }
    shell.list.replaceChildren(
      ...live.map((tk) => {
        const revoke = confirmButton(
          t('tokens.revoke'),
          t('tokens.revokeConfirm'),
          async () => {
            try {
              await revokeToken(tk.id);
              shell.showError(null);
              await reload();
            } catch (e) {
              shell.showError(e);
            }
          },
          { 'data-token': String(tk.id) },
        );
        const used = tk.lastUsedAt ? t('tokens.lastUsed', { date: formatDate(new Date(tk.lastUsedAt)) }) : t('tokens.neverUsed');
        const meta = [t(`tokens.scope.${tk.scope}`), tk.settlement ?? t('tokens.everySettlement'), tk.shown, used].join(' · ');
        return shell.row(tk.name, meta, revoke);
      }),
    );
  };

  const reload = async (): Promise<void> => {
    tokens = await listTokens();
    render();
  };

  onSubmit(shell, submit, async () => {
    const made = await createToken(name.value.trim(), scope.value as ApiToken['scope'], where.value || null);
    name.value = '';
    shell.showSecret(t('tokens.createdNote'), made.token ?? '');
    await reload();
  });

  const label = (): void => {
    shell.title.textContent = t('tokens.title');
    shell.intro.textContent = t('tokens.intro');
    nameLabel.textContent = t('tokens.name');
    name.placeholder = t('tokens.nameExample');
    scopeLabel.textContent = t('tokens.scopeLabel');
    const chosenScope = scope.value || 'read';
    scope.replaceChildren(
      el('option', { value: 'read', selected: chosenScope === 'read' }, t('tokens.scope.read')),
      el('option', { value: 'read_write', selected: chosenScope === 'read_write' }, t('tokens.scope.read_write')),
    );
    whereLabel.textContent = t('tokens.settlementLabel');
    const chosen = where.value;
    where.replaceChildren(
      el('option', { value: '', selected: chosen === '' }, t('tokens.everySettlement')),
      ...(settlement ? [el('option', { value: settlement.id, selected: chosen === settlement.id }, settlement.name)] : []),
    );
    submit.textContent = t('tokens.create');
    shell.listHeading.textContent = t('tokens.current');
    shell.close.textContent = closeLabel();
    render();
  };
  onLocaleChange(label);

  return {
    open(next) {
      settlement = next;
      tokens = [];
      shell.showError(null);
      shell.showSecret(null);
      where.value = '';
      label();
      shell.dialog.showModal();
      name.focus();
      reload().catch(shell.showError);
    },
  };
}
