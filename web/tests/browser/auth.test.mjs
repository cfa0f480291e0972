// Signing in and out in the real page: who is signed in and their role, what the role may do,
// and the form's answers to a wrong password and to too many tries.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openMap, screenshot, signIn, submitSignIn, useServer, waitForPage, watchedPage } from './app.mjs';
import { PASSWORDS, apiSession, launchBrowser, sql } from './harness.mjs';

const server = useServer();
const DESKTOP = { viewport: { width: 1280, height: 800 } };

describe('accounts in the page', () => {
  test('the demo planner signs in, sees name and role, may share, and signs out', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser(DESKTOP);
    try {
      const { page, problems } = await openMap(browser, server.url);
      assert.equal(await page.locator('#sign-in-button').isVisible(), true, 'anonymous visitors are offered sign-in');
      assert.equal(await page.locator('#share-button').isVisible(), false, 'and no planner actions');

      await page.click('#sign-in-button');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'sign-in-username', 'the form takes the focus');
      await signIn(page, 'planner', PASSWORDS.demo);
      assert.equal(await page.locator('#account-button .account-name').textContent(), 'Demo planner');
      assert.equal(await page.locator('#account-button .role-chip').textContent(), 'Planner');
      assert.match(await page.locator('#account-button').getAttribute('aria-label'), /^Demo planner, Planner\./);
      assert.equal(await page.locator('#sign-in-button').isVisible(), false);
      assert.equal(await page.locator('#share-button').isVisible(), true, 'a planner may make share links');

      await page.click('#account-button');
      const menu = page.locator('#account-menu');
      await menu.waitFor();
      assert.match(await menu.innerText(), /Demo planner[\s\S]*planner[\s\S]*Planner in Tandale/);
      await screenshot(page, 'signed-in.png');

      await page.click('#sign-out-button');
      await page.waitForURL(/#tandale$/);
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 120_000 });
      await page.locator('#sign-in-button').waitFor();
      assert.equal(await page.locator('#account-button .account-name').count(), 0, 'nobody is shown signed in after sign-out');
      assert.equal(await page.locator('#share-button').isVisible(), false);
      const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.status));
      assert.equal(me, 401, 'the server ended the session');
      assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
    } finally {
      await browser.close();
    }
  });

  test('a settlement that is not public: nothing to see until a member signs in, then its map', { timeout: 240_000 }, async () => {
    const setPublic = (isPublic) => sql(server.database, `UPDATE settlement SET is_public = :'public' WHERE id = 'tandale'`, { public: String(isPublic) });
    await setPublic(false);
    const browser = await launchBrowser(DESKTOP);
    try {
      const { page, problems } = await watchedPage(browser, server.url);
      await page.goto(`${server.url}/#tandale`);
      await waitForPage(page, problems, 'notice');
      assert.match(await page.locator('#notice').innerText(), /Sign in to see your settlements/);
      await screenshot(page, 'private-signed-out.png');
      await page.locator('#notice button').click();
      await signIn(page, 'engineer', PASSWORDS.demo);
      await page.locator('#notice').waitFor({ state: 'hidden', timeout: 30_000 });
      await waitForPage(page, problems);
      assert.equal(await page.locator('#account-button .role-chip').textContent(), 'Engineer');
      assert.equal(await page.locator('#settlement-picker').inputValue(), 'tandale');
      assert.deepEqual(problems, []);
    } finally {
      await setPublic(true);
      await browser.close();
    }
  });

  test('a viewer is told their role and offered no planner actions', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser(DESKTOP);
    try {
      const { page, problems } = await openMap(browser, server.url);
      await signIn(page, 'viewer', PASSWORDS.demo);
      assert.equal(await page.locator('#account-button .role-chip').textContent(), 'Viewer');
      assert.equal(await page.locator('#share-button').isVisible(), false, 'the role cannot share, so the page does not offer it');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('a refusal says which role is needed, and an ended session offers sign-in', { timeout: 240_000 }, async () => {
    const username = `halima-${Date.now().toString(36)}`;
    const password = 'halima has a long password';
    const admin = await apiSession(server.url, 'admin', PASSWORDS.admin);
    await admin('POST', '/api/users', { username, displayName: 'Halima Mussa', password });
    const member = (role) => admin('PUT', `/api/settlements/tandale/members/${username}`, { role });
    await member('planner');
    const browser = await launchBrowser(DESKTOP);
    try {
      const { page, problems } = await openMap(browser, server.url, '/', [[403, /\/share-links$/], [401, /\/share-links$/]]);
      await signIn(page, username, password);
      await page.click('#share-button');
      await page.locator('#share-dialog .share-list').waitFor();

      // Demoted while the dialog is open: the server refuses, the dialog says why in plain words.
      await member('viewer');
      await page.fill('#share-label', 'Notice board');
      await page.click('#share-create');
      const error = page.locator('#share-dialog .form-error');
      await error.waitFor();
      assert.equal(await error.textContent(), 'This needs the role Planner (or higher) in Tandale. Your role there is Viewer.');
      await page.waitForFunction(() => document.querySelector('#account-button .role-chip').textContent === 'Viewer');
      assert.equal(await page.locator('#share-button').isVisible(), false, 'the page learns the new role and stops offering sharing');
      await screenshot(page, 'forbidden.png');

      // The session ends on the server: the next refusal says so and the page shows itself signed out.
      await sql(server.database, `DELETE FROM user_session WHERE account_id = (SELECT id FROM account WHERE username = :'name')`, { name: username });
      await page.click('#share-create');
      await page.waitForFunction(() => /session has ended/.test(document.querySelector('#share-dialog .form-error').textContent));
      await page.locator('#share-dialog button', { hasText: 'Close' }).click();
      await page.locator('#sign-in-button').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await admin('PATCH', `/api/users/${username}`, { disabled: true });
    }
  });

  test('a wrong password is explained, and too many tries say how long to wait', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser(DESKTOP);
    try {
      const { page, problems } = await openMap(browser, server.url);
      await submitSignIn(page, 'planner', 'not the password at all');
      const error = page.locator('#sign-in-error');
      await error.waitFor();
      assert.equal(await error.textContent(), 'The username or the password is not right. Check both and try again.');
      assert.equal(await page.locator('#sign-in-password').getAttribute('aria-invalid'), '');
      assert.equal(await page.locator('#sign-in-dialog').evaluate((d) => d.open), true, 'the form stays open to try again');
      await screenshot(page, 'login.png');

      // A name nobody has: five failures are free, then the server asks to wait (Retry-After).
      let message = '';
      for (let attempt = 0; attempt < 8 && !/Try again in/.test(message); attempt++) {
        await page.waitForFunction(() => !document.getElementById('sign-in-submit').disabled);
        await submitSignIn(page, 'nobody-by-this-name', 'guessing at random');
        await page.waitForFunction(() => document.getElementById('sign-in-submit').textContent !== 'Signing in…');
        message = (await error.textContent()) ?? '';
      }
      assert.match(message, /^Too many failed attempts\. Try again in \d+ s\.$/);
      assert.equal(await page.locator('#sign-in-submit').isDisabled(), true, 'the form waits as the server asked');
      await page.waitForFunction(() => !document.getElementById('sign-in-submit').disabled, null, { timeout: 20_000 });
      assert.equal(await error.textContent(), 'You can try again now.');
      await screenshot(page, 'login-wait.png');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
