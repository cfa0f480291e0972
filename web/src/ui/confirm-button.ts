import { el } from './element';

/** How long a destructive button waits for its confirming second press. */
export const CONFIRM_MS = 5000;

/**
 * A button for an action that cannot be undone (revoke, remove): the first press changes its text
 * to the confirmation, a second press within {@link CONFIRM_MS} runs the action. The button stays
 * disabled while the action runs and comes back if it fails.
 */
export function confirmButton(
  label: string,
  confirmLabel: string,
  action: () => Promise<void>,
  attributes: Record<string, string> = {},
): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'button button-danger', ...attributes }, label);
  let timer: number | undefined;
  button.addEventListener('click', async () => {
    if (!button.dataset.confirm) {
      button.dataset.confirm = 'true';
      button.textContent = confirmLabel;
      timer = window.setTimeout(() => {
        delete button.dataset.confirm;
        button.textContent = label;
      }, CONFIRM_MS);
      return;
    }
    window.clearTimeout(timer);
    button.disabled = true;
    try {
      await action();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
