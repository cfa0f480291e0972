// Share links in the real page: a planner makes one in the share dialog; a visitor without an
// account opens it and sees that plan read-only (every request to our origin carrying the token,
// so it works on a settlement that is not public); once revoked the link says so.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findStructureToClick, openMap, renderedStructures, screenshot, settled, signIn, useServer, waitForPage, watchedPage } from './app.mjs';
import { PASSWORDS, launchBrowser, sql } from './harness.mjs';

const server = useServer();
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const LABEL = 'Meeting screen at the ward office';

const setPublic = (isPublic) => sql(server.database, `UPDATE settlement SET is_public = :'public' WHERE id = 'tandale'`, { public: String(isPublic) });

describe('share links', () => {
  test('made by a planner, opened without an account on a settlement that is not public, then revoked', { timeout: 300_000 }, async () => {
    const planner = await launchBrowser(DESKTOP);
    const visitor = await launchBrowser(DESKTOP);
    try {
      const { page: plannerPage, problems: plannerProblems } = await openMap(planner, server.url);
      await signIn(plannerPage, 'planner', PASSWORDS.demo);
      await plannerPage.click('#share-button');
      await plannerPage.locator('#share-dialog').waitFor();
      await plannerPage.fill('#share-label', LABEL);
      await plannerPage.click('#share-create');
      const urlField = plannerPage.locator('#share-url');
      await plannerPage.waitForFunction(() => document.getElementById('share-url').value.includes('share=cps_'));
      const url = await urlField.inputValue();
      assert.match(url, /\/\?share=cps_[\w-]{43}&settlement=tandale&plan=baseline$/);
      const item = plannerPage.locator('.share-item', { hasText: LABEL });
      await item.waitFor();
      assert.match(await item.innerText(), /made by planner on \d{1,2} \w+ \d{4}/);
      await screenshot(plannerPage, 'share-dialog.png');

      // From here only the link opens Tandale: anonymous visitors get nothing of it.
      await setPublic(false);
      const { page, problems } = await watchedPage(visitor, server.url, [[401, /\/access$/]]);
      const sent = [];
      page.on('request', (request) => {
        if (request.url().startsWith(server.url) && /\/tiles(\.json|\/)|\/items\//.test(request.url())) {
          sent.push({ url: request.url(), token: request.headers()['x-share-token'] });
        }
      });
      await page.goto(url);
      await waitForPage(page, problems);
      assert.ok((await renderedStructures(page)) > 100, 'the shared plan shows its structures');
      assert.equal(await page.locator('#read-only-badge').innerText(), 'Read only');
      assert.match(await page.locator('#shared-plan').innerText(), /Tandale\s+Existing conditions/);
      assert.equal(await page.locator('#sign-in-button').count(), 0, 'no sign-in needed, none offered');
      assert.equal(await page.locator('#share-button').isVisible(), false);
      assert.equal(await page.title(), 'Existing conditions · Tandale · coplan');

      const structure = await findStructureToClick(page);
      await page.mouse.click(structure.x, structure.y);
      await page.locator('#feature-panel:not([hidden]) dd[data-key="households"]').waitFor({ timeout: 30_000 });
      await settled(page);
      await screenshot(page, 'share-link.png');
      const token = new URL(url).searchParams.get('share');
      assert.ok(sent.some((r) => r.url.endsWith('/tiles.json')), 'TileJSON was requested');
      assert.ok(sent.some((r) => r.url.endsWith('.mvt')), 'tiles were requested');
      assert.ok(sent.some((r) => r.url.includes('/items/')), 'the clicked feature was requested');
      assert.deepEqual(sent.filter((r) => r.token !== token), [], 'every TileJSON, tile and item request carried X-Share-Token');

      // The planner revokes it (a second press confirms) ...
      const revoke = item.locator('button');
      await revoke.click();
      assert.equal(await revoke.textContent(), 'Press again to revoke');
      await revoke.click();
      await item.waitFor({ state: 'detached' });
      assert.deepEqual(plannerProblems, []);

      // ... and the link says so, on the hidden settlement ...
      await page.reload();
      await waitForPage(page, problems, 'notice');
      assert.match(await page.locator('#notice').innerText(), /This link no longer works[\s\S]*Ask them for a new link/);
      assert.equal(await page.evaluate(() => document.body.dataset.mapReady), 'false', 'no map behind a dead link');
      await screenshot(page, 'share-revoked.png');

      // ... and on a public one, where it points to the public map instead.
      await setPublic(true);
      await page.reload();
      await waitForPage(page, problems, 'notice');
      assert.match(await page.locator('#notice').innerText(), /This link no longer works/);
      assert.equal(await page.locator('#notice a').getAttribute('href'), '/#tandale');
      assert.deepEqual(problems, [], 'no console errors, page errors or unexpected failed requests');
    } finally {
      await setPublic(true);
      await planner.close();
      await visitor.close();
    }
  });
});
