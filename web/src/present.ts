/**
 * Composition root of presentation mode (`/present.html?settlement=S&plan=P`, optionally with a
 * share link's `&share=TOKEN`, and `&print=1` for the printable summary).
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/app.css';
import './ui/controls.css';
import './features/auth/account.css';
import './features/review/present.css';
import { api } from './api/client';
import { explainProblem } from './api/explain';
import { Session } from './features/auth/session';
import { signInDialog } from './features/auth/sign-in-dialog';
import { languageSelect } from './features/language/language-select';
import { openPresentation } from './features/review/present-page';
import { translatePage } from './i18n/dom';
import { onLocaleChange, setLocale, t } from './i18n/i18n';
import { browserStore, initialLocale } from './i18n/preference';
import { byId } from './ui/element';
import { statusLine } from './ui/status';

const store = browserStore();
setLocale(initialLocale(store, navigator.languages));
translatePage();
onLocaleChange(() => translatePage());
const status = statusLine();

async function start(): Promise<void> {
  const query = new URLSearchParams(window.location.search);
  const settlementId = query.get('settlement')?.trim();
  const planId = query.get('plan')?.trim() || 'baseline';
  const share = query.get('share')?.trim() || null;
  if (!settlementId) {
    status.fail(t('review.noPlanChosen'));
    return;
  }
  byId('present-tools').prepend(languageSelect(store));
  const session = new Session(api);
  if (share) {
    api.setShareToken(share);
    byId('present-sign-in').hidden = true;
  } else {
    await session.load();
    const button = byId<HTMLButtonElement>('present-sign-in');
    const dialog = signInDialog(session, () => window.location.reload());
    button.hidden = session.current !== null;
    button.addEventListener('click', () => dialog.open());
  }
  await openPresentation({ settlementId, planId, shared: share !== null, print: query.get('print') === '1', session, status });
}

start().catch((e: unknown) => {
  console.error(e);
  status.fail(t('status.startFailed', { reason: explainProblem(e) }));
});
