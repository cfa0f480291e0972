/**
 * Composition root of the import screen (`/import.html?settlement=S&plan=P`): engineers and
 * planners upload a file into a layer of a plan, read the preview and its problems, adjust the
 * CRS, mapping and defaults, and commit with a progress bar.
 */
import './ui/app.css';
import './ui/controls.css';
import './features/auth/account.css';
import './features/import/import.css';
import { api, fetchPlanAccess } from './api/client';
import { explainProblem } from './api/explain';
import { Session } from './features/auth/session';
import { permissionsFor } from './features/auth/permissions';
import { signInDialog } from './features/auth/sign-in-dialog';
import { ImportApi } from './features/import/import-api';
import { openImport } from './features/import/import-page';
import { languageSelect } from './features/language/language-select';
import { translatePage } from './i18n/dom';
import { onLocaleChange, setLocale, t } from './i18n/i18n';
import { browserStore, initialLocale } from './i18n/preference';
import { byId } from './ui/element';
import { statusLine } from './ui/status';

const store = browserStore();
setLocale(initialLocale(store, navigator.languages));
translatePage();
const status = statusLine();

async function start(): Promise<void> {
  const query = new URLSearchParams(window.location.search);
  const settlementId = query.get('settlement')?.trim();
  const planId = query.get('plan')?.trim() || 'baseline';
  if (!settlementId) {
    status.fail(t('import.noPlanChosen'));
    return;
  }
  byId('import-tools').prepend(languageSelect(store));
  const session = new Session(api);
  await session.load();
  if (!session.current) {
    signInDialog(session, () => window.location.reload()).open(t('import.signIn'));
    return;
  }
  if (!permissionsFor(session.current, settlementId).can('plan.import')) {
    status.fail(t('import.notAllowed'));
    return;
  }
  const access = await fetchPlanAccess(settlementId, planId);
  const title = (): void => {
    byId('import-title').textContent = `${access.settlementName} · ${planId === 'baseline' ? t('plan.baseline') : access.planName}`;
    document.title = `${t('import.title')} · coplan`;
  };
  title();
  onLocaleChange(() => {
    translatePage();
    title();
  });
  byId('import-form').hidden = false;
  openImport(new ImportApi(settlementId, planId), status, {
    representation: permissionsFor(session.current, settlementId).can('representation.edit'),
  });
}

start().catch((e: unknown) => {
  console.error(e);
  status.fail(t('status.startFailed', { reason: explainProblem(e) }));
});
