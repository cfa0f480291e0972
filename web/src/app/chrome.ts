import type { PreferenceStore } from '../i18n/preference';
import type { Notice } from '../ui/notice';
import type { StatusLine } from '../ui/status';

/** What every mode of the page shares: the status line, the notice card, the language store. */
export interface Chrome {
  status: StatusLine;
  notice: Notice;
  store: PreferenceStore | null;
}
