import { byId, el } from './element';

/** A button beside a failure: what the reader can do about it ("Sign in"). */
export interface StatusAction {
  label: string;
  onClick(): void;
}

/**
 * One line of status for the whole page: progress is announced politely, failures assertively.
 * Messages are plain text written for residents and planners, never stack traces.
 */
export interface StatusLine {
  progress(message: string): void;
  fail(message: string, action?: StatusAction): void;
  clear(): void;
}

export function statusLine(id = 'status'): StatusLine {
  const node = byId(id);
  let timer: number | undefined;
  const show = (message: string, tone: 'progress' | 'error', action?: StatusAction): void => {
    window.clearTimeout(timer);
    const text = el('span', { class: 'status-text' }, message);
    if (action) {
      const button = el('button', { type: 'button', class: 'button button-light status-action' }, action.label);
      button.addEventListener('click', () => {
        node.hidden = true;
        action.onClick();
      });
      node.replaceChildren(text, button);
    } else {
      node.replaceChildren(text);
    }
    node.dataset.tone = tone;
    node.setAttribute('role', tone === 'error' ? 'alert' : 'status');
    node.hidden = false;
  };
  return {
    progress: (message) => show(message, 'progress'),
    fail: (message, action) => {
      show(message, 'error', action);
      // A message with something to do stays until it is done; others fade after a while.
      if (!action) timer = window.setTimeout(() => (node.hidden = true), 12000);
    },
    clear: () => {
      window.clearTimeout(timer);
      node.hidden = true;
      node.replaceChildren();
    },
  };
}
