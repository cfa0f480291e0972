/**
 * Composition root: language → mode (a share link's one plan, or browsing the settlements the
 * caller may see) → map page. Everything the page does is wired here and in `app/`.
 */
// MapLibre's stylesheet first, so the app's rules for its controls win at equal specificity.
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/app.css';
import './ui/controls.css';
import { explainProblem } from './api/explain';
import { browse } from './app/browse';
import type { Chrome } from './app/chrome';
import { openSharedPlan } from './app/shared-plan';
import { shareFromUrl } from './features/share/share-url';
import { onLocaleChange, setLocale, t } from './i18n/i18n';
import { translatePage } from './i18n/dom';
import { browserStore, initialLocale } from './i18n/preference';
import { byId } from './ui/element';
import { notice } from './ui/notice';
import { statusLine } from './ui/status';

const store = browserStore();
setLocale(initialLocale(store, navigator.languages));
translatePage();
onLocaleChange(() => translatePage());

const chrome: Chrome = { status: statusLine(), notice: notice(byId('notice')), store };

async function start(): Promise<void> {
  const shared = shareFromUrl(window.location.search);
  if (shared && 'incomplete' in shared) {
    chrome.notice.show({ icon: 'warning', title: t('share.deadTitle'), text: t('share.incomplete') });
    return;
  }
  if (shared) await openSharedPlan(shared.link, chrome);
  else await browse(chrome);
}

start().catch((e: unknown) => {
  console.error(e);
  chrome.status.fail(t('status.startFailed', { reason: explainProblem(e) }));
});
