import { el } from './element';
import { type IconName, icon } from './icons';

export interface NoticeAction {
  label: string;
  /** A link (navigates) or a button (runs `onClick`). */
  href?: string;
  onClick?: () => void;
  primary?: boolean;
}

export interface NoticeContent {
  icon: IconName;
  title: string;
  text: string;
  actions?: NoticeAction[];
}

/**
 * A card in the middle of the page for a state the reader must understand before anything else
 * (a share link that no longer works, nothing to show until they sign in), instead of the map's
 * legend. Announced as an alert; its first action takes the focus.
 */
export interface Notice {
  show(content: NoticeContent): void;
  hide(): void;
}

export function notice(root: HTMLElement): Notice {
  return {
    show(content) {
      const actions = (content.actions ?? []).map((a) => {
        const className = `button${a.primary ? ' button-primary' : ''}`;
        if (a.href !== undefined) return el('a', { class: className, href: a.href }, a.label);
        const button = el('button', { type: 'button', class: className }, a.label);
        button.addEventListener('click', () => a.onClick?.());
        return button;
      });
      root.replaceChildren(
        el(
          'div',
          { class: 'notice-card', role: 'alert', 'aria-labelledby': 'notice-title' },
          icon(content.icon, 'icon notice-icon'),
          el('h2', { id: 'notice-title', class: 'notice-title' }, content.title),
          el('p', { class: 'notice-text' }, content.text),
          actions.length > 0 ? el('div', { class: 'notice-actions' }, ...actions) : null,
        ),
      );
      root.hidden = false;
      document.body.dataset.notice = 'open';
      (actions[0] as HTMLElement | undefined)?.focus();
    },
    hide() {
      root.hidden = true;
      delete document.body.dataset.notice;
      root.replaceChildren();
    },
  };
}
