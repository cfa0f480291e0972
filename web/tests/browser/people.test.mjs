// People and access in the real page: an admin makes an account, a planner gives it a role in
// Tandale, the new person makes an API token that works against the API and then revokes it. Each
// dialog shows only to whom it concerns.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openMap, screenshot, signIn, useServer } from './app.mjs';
import { PASSWORDS, apiSession, launchBrowser } from './harness.mjs';

const server = useServer();
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const NEW_USER = `surveyor-${Date.now()}`;
const NEW_PASSWORD = 'surveyor passphrase 2026';

async function openMenuAction(page, id) {
  await page.click('#account-button');
  await page.locator(`#${id}`).click();
}

async function menuActions(page) {
  await page.click('#account-button');
  const ids = await page.locator('#account-menu button.menu-action').evaluateAll((bs) => bs.map((b) => b.id).filter(Boolean));
  await page.keyboard.press('Escape');
  return ids;
}

describe('people and access', () => {
  test('admin makes an account, a planner gives it a role, its owner makes and revokes a token', { timeout: 300_000 }, async () => {
    const browser = await launchBrowser(DESKTOP);
    try {
      // the admin: accounts
      let { page, problems } = await openMap(browser, server.url, '/#tandale');
      await signIn(page, 'admin', PASSWORDS.admin);
      assert.deepEqual(await menuActions(page), ['members-button', 'tokens-button', 'accounts-button', 'import-button', 'sign-out-button']);
      await openMenuAction(page, 'accounts-button');
      await page.fill('#accounts-username', NEW_USER);
      await page.fill('#accounts-display-name', 'Field <b>surveyor</b>');
      await page.fill('#accounts-password', NEW_PASSWORD);
      await page.click('#accounts-submit');
      const row = page.locator('#accounts-dialog-list li', { hasText: NEW_USER });
      await row.waitFor();
      assert.match(await row.innerText(), /Field <b>surveyor<\/b>/, 'a display name is shown as typed, never as markup');
      await screenshot(page, 'accounts-dialog.png');
      await page.click('#accounts-dialog-close');
      await page.click('#account-button');
      await page.click('#sign-out-button');
      await page.waitForLoadState('load');

      // a planner: members of Tandale (no accounts dialog)
      ({ page, problems } = await openMap(browser, server.url, '/#tandale'));
      await signIn(page, 'planner', PASSWORDS.demo);
      assert.deepEqual(await menuActions(page), ['members-button', 'tokens-button', 'import-button', 'sign-out-button']);
      await openMenuAction(page, 'members-button');
      await page.fill('#members-username', NEW_USER);
      await page.selectOption('#members-role', 'engineer');
      await page.click('#members-submit');
      const member = page.locator('#members-dialog-list li', { hasText: NEW_USER });
      await member.waitFor();
      assert.equal(await member.locator('select').inputValue(), 'engineer');
      const admin = await apiSession(server.url, 'admin', PASSWORDS.admin);
      const listed = (await admin('GET', '/api/settlements/tandale/members')).members.find((m) => m.username === NEW_USER);
      assert.equal(listed.role, 'engineer', 'the role is stored');
      await screenshot(page, 'members-dialog.png');
      await page.click('#members-dialog-close');
      await page.click('#account-button');
      await page.click('#sign-out-button');
      await page.waitForLoadState('load');

      // the new engineer: a token, shown once, that works, then revoked
      ({ page, problems } = await openMap(browser, server.url, '/#tandale'));
      await signIn(page, NEW_USER, NEW_PASSWORD);
      assert.deepEqual(await menuActions(page), ['tokens-button', 'import-button', 'sign-out-button'], 'an engineer manages no members, and imports');
      await openMenuAction(page, 'tokens-button');
      await page.fill('#tokens-name', 'QGIS on the survey laptop');
      await page.selectOption('#tokens-settlement', 'tandale');
      await page.click('#tokens-submit');
      await page.waitForFunction(() => document.getElementById('tokens-dialog-secret').value.startsWith('cpl_'));
      const token = await page.locator('#tokens-dialog-secret').inputValue();
      const item = page.locator('#tokens-dialog-list li', { hasText: 'QGIS on the survey laptop' });
      await item.waitFor();
      assert.match(await item.innerText(), /Read only · tandale · cpl_/);
      assert.ok(!(await item.innerText()).includes(token), 'the list never shows the whole token');
      const bearer = (p) => fetch(`${server.url}${p}`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal((await bearer('/api/settlements/tandale/plans/baseline/collections/footpaths/items?limit=1')).status, 200);
      await screenshot(page, 'tokens-dialog.png');
      const revoke = item.locator('button');
      await revoke.click();
      assert.equal(await revoke.textContent(), 'Press again to revoke');
      await revoke.click();
      await item.waitFor({ state: 'detached' });
      assert.equal((await bearer('/api/settlements/tandale/plans/baseline/collections/footpaths/items?limit=1')).status, 401, 'a revoked token stops working at once');
      assert.deepEqual(problems, [], 'no console errors, page errors or unexpected failed requests');
    } finally {
      await browser.close();
    }
  });
});
