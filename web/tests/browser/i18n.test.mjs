// Languages in the real page: switching to Swahili translates the chrome, the legend (from the
// style's metadata), the feature panel and MapLibre's controls, and the choice outlives a reload.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findStructureToClick, openMap, screenshot, settled, useServer, waitForPage } from './app.mjs';
import { launchBrowser } from './harness.mjs';

const server = useServer();

/** The visible language switcher (the top bar's on wide screens, the account menu's on phones). */
const switcher = '.language-select:visible';

describe('languages', () => {
  test('Swahili: legend, panel, controls and page language; remembered across a reload', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      const { page, problems } = await openMap(browser, server.url);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await page.selectOption(switcher, 'sw');

      assert.equal(await page.evaluate(() => document.documentElement.lang), 'sw');
      const legend = await page.locator('#legend-panel').innerText();
      for (const words of ['Ufunguo wa ramani', 'Majengo kwa matumizi', 'Nyumba ya kuishi', 'Njia na barabara', 'Njia ya miguu', 'Huduma', 'Vyoo', 'Maeneo ya vikwazo', 'Marufuku kujenga']) {
        assert.ok(legend.includes(words), `legend has "${words}":\n${legend}`);
      }
      for (const english of ['Structures by use', 'Residential', 'Footpath', 'Services', 'No-build']) {
        assert.ok(!legend.includes(english), `no English "${english}" left in the legend`);
      }
      assert.equal(await page.locator('#sign-in-button').textContent(), 'Ingia');
      assert.equal(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('aria-label'), 'Vuta karibu');
      assert.equal(await page.locator('#settlement-category').textContent(), 'Kundi la makazi: Bado hayajatathminiwa');

      const structure = await findStructureToClick(page);
      assert.ok(structure, 'found a structure to click');
      await page.mouse.click(structure.x, structure.y);
      const households = page.locator('#feature-panel:not([hidden]) dd[data-key="households"]');
      await households.waitFor({ timeout: 30_000 });
      const panel = await page.locator('#feature-panel').innerText();
      assert.match(panel, /^JENGO/i, 'kicker: Jengo');
      for (const label of ['Matumizi', 'Kaya', 'Watu', 'Ghorofa', 'Eneo la jengo', 'Toleo', 'Ilibadilishwa mwisho']) {
        assert.ok(panel.includes(label), `panel has "${label}":\n${panel}`);
      }
      assert.doesNotMatch(panel, /Households|Footprint area|Not recorded/);
      assert.equal(await page.locator('#feature-panel .icon-button').getAttribute('aria-label'), 'Funga maelezo');
      await settled(page);
      await screenshot(page, 'swahili.png');

      // switching back re-renders the open panel and keeps the legend's choices
      await page.uncheck('#legend input[data-layer="services-point"]');
      await page.selectOption(switcher, 'en');
      assert.match(await page.locator('#feature-panel').innerText(), /Households/);
      assert.equal(await page.isChecked('#legend input[data-layer="services-point"]'), false, 'a hidden layer stays hidden');
      await page.selectOption(switcher, 'sw');

      await page.reload();
      await waitForPage(page, problems);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'sw', 'the choice is remembered');
      assert.match(await page.locator('#legend-panel').innerText(), /Majengo kwa matumizi/);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('phone: the language is in the account menu, and the page follows the browser language', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'sw-TZ' });
    try {
      const { page, problems } = await openMap(browser, server.url);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'sw', 'a Swahili browser starts in Swahili');
      assert.equal(await page.locator('.topbar .language-select').first().isVisible(), false, 'no room for the switcher in the bar');
      await page.locator('#account-button').tap();
      await page.locator('#account-menu').waitFor();
      assert.match(await page.locator('#account-menu').innerText(), /Hujaingia[\s\S]*Ingia[\s\S]*Lugha/);
      await screenshot(page, 'swahili-phone-menu.png');
      await page.selectOption(switcher, 'en');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.match(await page.locator('#account-menu').innerText(), /You are not signed in/);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
