// Accessibility foundations in the real page: every control has a name, the keyboard reaches and
// works everything (sign-in dialog, account menu, language), and focus is always visible.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openMap, signIn, useServer } from './app.mjs';
import { PASSWORDS, launchBrowser } from './harness.mjs';

const server = useServer();

/** Visible controls without an accessible name (aria-label, aria-labelledby, a <label>, or text). */
function unnamedControls(page) {
  return page.evaluate(() => {
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const name = (el) =>
      el.getAttribute('aria-label') ||
      (el.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim() ||
      [...(el.labels ?? [])].map((l) => l.textContent).join(' ').trim() ||
      (el.tagName === 'INPUT' ? '' : el.textContent.trim()) ||
      el.getAttribute('title') ||
      '';
    return [...document.querySelectorAll('button, select, input, a[href], summary, [role="button"], canvas[tabindex]')]
      .filter(visible)
      .filter((el) => !name(el))
      .map((el) => el.outerHTML.slice(0, 120));
  });
}

/** The focused element and whether it shows a focus indicator (an outline of at least 2 px). */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60),
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

describe('accessibility', () => {
  test('names on every control, signed out, signed in and in dialogs', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      const { page, problems } = await openMap(browser, server.url);
      assert.deepEqual(await unnamedControls(page), []);
      await page.click('#sign-in-button');
      assert.deepEqual(await unnamedControls(page), [], 'sign-in dialog');
      await page.keyboard.press('Escape');
      await signIn(page, 'planner', PASSWORDS.demo);
      assert.deepEqual(await unnamedControls(page), [], 'signed in');
      await page.click('#share-button');
      await page.locator('#share-dialog').waitFor();
      assert.deepEqual(await unnamedControls(page), [], 'share dialog');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('the keyboard reaches every control with a visible focus, and opens and closes the dialogs and the menu', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      const { page, problems } = await openMap(browser, server.url);
      const order = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const now = await focused(page);
        order.push(now);
        assert.ok(now.ring, `focus is visible on ${JSON.stringify(now)}`);
      }
      const reached = order.map((f) => f.id || f.text || f.tag);
      // (the settlement picker is disabled while the server has one settlement, so Tab skips it)
      for (const control of ['Skip to legend', 'Language', 'sign-in-button', 'Zoom in', 'Zoom out', 'Legend', 'legend-toggle-0']) {
        assert.ok(reached.includes(control), `Tab reaches ${control}: ${JSON.stringify(reached)}`);
      }

      // Sign in with the keyboard alone; Escape closes and focus returns where it was.
      await page.focus('#sign-in-button');
      await page.keyboard.press('Enter');
      assert.equal((await focused(page)).id, 'sign-in-username');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#sign-in-dialog').evaluate((d) => d.open), false);
      assert.equal((await focused(page)).id, 'sign-in-button', 'focus goes back to the button that opened the dialog');
      await page.keyboard.press('Enter');
      await page.keyboard.type('planner');
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORDS.demo);
      await page.keyboard.press('Enter');
      await page.locator('#account-button .account-name').waitFor({ state: 'attached' });
      assert.equal((await focused(page)).id, 'account-button', 'after sign-in the focus is on who is signed in');

      // The account menu: Enter opens it, Tab goes into it, Escape closes it.
      await page.keyboard.press('Enter');
      await page.locator('#account-menu').waitFor();
      await page.keyboard.press('Tab');
      assert.ok(
        await page.evaluate(() => document.getElementById('account-menu').contains(document.activeElement)),
        `Tab moves into the open menu (focus on ${JSON.stringify(await focused(page))})`,
      );
      await page.keyboard.press('Escape');
      await page.locator('#account-menu').waitFor({ state: 'hidden' });

      // The map itself: Enter explains the feature under the centre cross.
      await page.focus('.maplibregl-canvas');
      assert.ok((await focused(page)).ring, 'the focused map shows its focus');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
