import { ApiError } from '../../api/client';
import { explainProblem } from '../../api/explain';
import type { Me } from '../../api/types';
import { onLocaleChange, t } from '../../i18n/i18n';
import { el } from '../../ui/element';
import type { Session } from './session';

export interface SignInDialog {
  /** Opens the form; `reason` says why first ("Your session has ended"). */
  open(reason?: string): void;
}

/**
 * The sign-in form in a modal `<dialog>` (focus stays inside, Escape closes). Errors are said in
 * the reader's language next to the form and announced; after too many failures the server says
 * how long to wait (`Retry-After`), and the form counts down and re-enables itself.
 */
export function signInDialog(session: Session, onSignedIn: (me: Me) => void): SignInDialog {
  const title = el('h2', { id: 'sign-in-title', class: 'dialog-title' });
  const intro = el('p', { class: 'dialog-intro' });
  const reasonLine = el('p', { class: 'dialog-reason', hidden: true });
  const usernameLabel = el('label', { for: 'sign-in-username' });
  const username = el('input', { id: 'sign-in-username', name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true });
  const passwordLabel = el('label', { for: 'sign-in-password' });
  const password = el('input', { id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = el('p', { id: 'sign-in-error', class: 'form-error', role: 'alert', hidden: true });
  const cancel = el('button', { type: 'button', class: 'button', value: 'cancel' });
  const submit = el('button', { type: 'submit', class: 'button button-primary', id: 'sign-in-submit' });
  const form = el(
    'form',
    { class: 'dialog-form', novalidate: true },
    title,
    intro,
    reasonLine,
    el('div', { class: 'field' }, usernameLabel, username),
    el('div', { class: 'field' }, passwordLabel, password),
    error,
    el('div', { class: 'dialog-actions' }, cancel, submit),
  );
  const dialog = el('dialog', { id: 'sign-in-dialog', class: 'dialog', 'aria-labelledby': title.id }, form);
  document.body.append(dialog);
  username.setAttribute('aria-describedby', error.id);
  password.setAttribute('aria-describedby', error.id);

  let busy = false;
  let waitUntil = 0;
  let countdown: number | undefined;

  const label = (): void => {
    title.textContent = t('auth.dialogTitle');
    intro.textContent = t('auth.dialogIntro');
    usernameLabel.textContent = t('auth.username');
    passwordLabel.textContent = t('auth.password');
    cancel.textContent = t('action.cancel');
    submit.textContent = busy ? t('auth.signingIn') : t('auth.signIn');
  };
  const showError = (message: string | null): void => {
    error.textContent = message ?? '';
    error.hidden = message === null;
    username.toggleAttribute('aria-invalid', message !== null);
    password.toggleAttribute('aria-invalid', message !== null);
  };
  const tick = (): void => {
    const seconds = Math.ceil((waitUntil - Date.now()) / 1000);
    if (seconds > 0) {
      showError(t('auth.error.tooManyAttempts', { seconds }));
      submit.disabled = true;
      return;
    }
    window.clearInterval(countdown);
    countdown = undefined;
    submit.disabled = false;
    showError(t('auth.error.tryAgainNow'));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || Date.now() < waitUntil) return;
    const name = username.value.trim();
    if (!name || !password.value) {
      showError(t(name ? 'auth.error.passwordMissing' : 'auth.error.usernameMissing'));
      (name ? password : username).focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    label();
    try {
      const me = await session.signIn(name, password.value);
      password.value = '';
      showError(null);
      dialog.close();
      onSignedIn(me);
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) {
        waitUntil = Date.now() + (e.retryAfterSeconds ?? 60) * 1000;
        window.clearInterval(countdown);
        countdown = window.setInterval(tick, 1000);
        tick();
      } else {
        showError(explainProblem(e));
        password.select();
        password.focus();
      }
    } finally {
      busy = false;
      submit.disabled = Date.now() < waitUntil;
      label();
    }
  });
  cancel.addEventListener('click', () => dialog.close());
  onLocaleChange(label);
  label();

  return {
    open(reason) {
      reasonLine.textContent = reason ?? '';
      reasonLine.hidden = !reason;
      if (!countdown) showError(null);
      dialog.showModal();
      (username.value ? password : username).focus();
    },
  };
}
