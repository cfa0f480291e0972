// Hostile input (issue 4): script and SQL-injection payloads in a username, a display name, a
// settlement name, every free-text attribute of a structure (name, material, cell) and a share
// link's label are stored verbatim through the API and shown as text. Nothing runs: no flag set by a payload, no dialog, no CSP violation (which would mean the
// browser was asked to run something and refused), no element a payload would have created.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findStructureToClick, openMap, screenshot, settled, signIn, useServer } from './app.mjs';
import { PASSWORDS, apiSession, launchBrowser } from './harness.mjs';

const server = useServer();
const run = Date.now().toString(36);
const USERNAME = `<svg onload=window.__pwned=1>' OR '1'='1 ${run}`;
const DISPLAY_NAME = `<img src=x onerror="window.__pwned='display name'">'); DROP TABLE account; --`;
const SETTLEMENT_NAME = `<script>window.__pwned='settlement'</script>Tandale'; DROP TABLE settlement; --`;
const STRUCTURE_NAME = `<img src=x onerror=alert(document.cookie)> Robert'); DROP TABLE structures;--`;
const MATERIAL = `"><script>window.__pwned='material'</script>' UNION SELECT password_hash FROM account --`;
const CELL = `{{constructor.constructor('window.__pwned=1')()}}'; --`;
const LINK_LABEL = `<iframe src="javascript:window.__pwned='label'"></iframe>" onmouseover="window.__pwned=1`;
const PASSWORD = 'a long enough password for the hostile account';

/** Everything on the page a payload would have changed if it had been parsed as markup. */
const traces = () =>
  ({
    pwned: window.__pwned ?? null,
    violations: window.__cspViolations,
    injected: document.querySelectorAll('img[src="x"], svg[onload], iframe, [onerror], [onmouseover]').length,
    scripts: [...document.scripts].map((s) => s.src.replace(location.origin, '')),
  });

describe('hostile input', () => {
  test('is shown as text everywhere and never runs', { timeout: 300_000 }, async () => {
    const admin = await apiSession(server.url, 'admin', PASSWORDS.admin);
    await admin('POST', '/api/users', { username: USERNAME, displayName: DISPLAY_NAME, password: PASSWORD });
    await admin('PUT', `/api/settlements/tandale/members/${encodeURIComponent(USERNAME)}`, { role: 'planner' });
    const settlement = await admin('GET', '/api/settlements/tandale');
    const mergePatch = { 'Content-Type': 'application/merge-patch+json' };
    await admin('PATCH', '/api/settlements/tandale', { name: SETTLEMENT_NAME }, mergePatch);
    let itemPath = null;
    let original = null;

    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    const dialogs = [];
    try {
      await browser.context.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.sample}`));
      });
      browser.context.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const { page, problems } = await openMap(browser, server.url);
      assert.equal(await page.locator('#settlement-picker option[value="tandale"]').textContent(), SETTLEMENT_NAME);
      assert.equal(await page.title(), `${SETTLEMENT_NAME} · coplan`);

      // A structure on screen gets hostile text in every free-text attribute, through the API.
      const structure = await findStructureToClick(page);
      assert.ok(structure, 'found a structure to click');
      itemPath = `/api/settlements/tandale/plans/baseline/collections/structures/items/${structure.uuid}`;
      original = (await admin('GET', itemPath)).properties;
      const hostile = { name: STRUCTURE_NAME, material: MATERIAL, cell: CELL };
      const stored = await admin('PATCH', itemPath, { properties: hostile }, { ...mergePatch, 'If-Match': `"${structure.uuid}-v${original.version}"` });
      for (const [key, value] of Object.entries(hostile)) assert.equal(stored.properties[key], value, `${key} is stored verbatim`);

      await signIn(page, USERNAME, PASSWORD);
      assert.equal(await page.locator('#account-button .account-name').textContent(), DISPLAY_NAME);
      await page.click('#account-button');
      assert.equal(await page.locator('#account-menu .menu-username').textContent(), USERNAME);
      assert.equal(await page.locator('#account-menu .menu-role').textContent(), `Planner in ${SETTLEMENT_NAME}`);
      await screenshot(page, 'hostile-account.png');
      await page.keyboard.press('Escape');

      await page.mouse.click(structure.x, structure.y);
      const title = page.locator('#feature-panel-title');
      await page.waitForFunction((name) => document.getElementById('feature-panel-title')?.textContent === name, STRUCTURE_NAME, { timeout: 30_000 });
      assert.equal(await title.textContent(), STRUCTURE_NAME);
      assert.equal(await page.locator('#feature-panel dd[data-key="material"]').textContent(), MATERIAL);
      assert.equal(await page.locator('#feature-panel dd[data-key="cell"]').textContent(), CELL);
      await settled(page);
      await screenshot(page, 'hostile-panel.png');
      await page.keyboard.press('Escape');

      await page.click('#share-button');
      await page.fill('#share-label', LINK_LABEL);
      await page.click('#share-create');
      const item = page.locator('.share-item-label', { hasText: 'iframe' });
      await item.waitFor();
      assert.equal(await item.textContent(), LINK_LABEL);
      assert.match(await page.locator('.share-item', { has: item }).innerText(), new RegExp(`made by ${USERNAME.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      await page.mouse.move(400, 300); // over whatever a payload might have become
      await screenshot(page, 'hostile-share.png');

      const seen = await page.evaluate(traces);
      assert.deepEqual(seen, { pwned: null, violations: [], injected: 0, scripts: [seen.scripts.find((s) => s.startsWith('/assets/'))] });
      assert.deepEqual(dialogs, [], 'no alert, confirm or prompt opened');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await admin('PATCH', '/api/settlements/tandale', { name: settlement.name }, mergePatch);
      if (original) {
        const now = (await admin('GET', itemPath)).properties.version;
        const { name, material, cell } = original;
        await admin('PATCH', itemPath, { properties: { name, material, cell } }, { ...mergePatch, 'If-Match': `"${itemPath.split('/').pop()}-v${now}"` });
      }
      await admin('PATCH', `/api/users/${encodeURIComponent(USERNAME)}`, { disabled: true });
    }
  });
});
