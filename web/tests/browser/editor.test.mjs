// The planner's editor in the real page: draw a footpath across Tandale structures in a proposal,
// watch the consequences (conflicts, relocations) follow within seconds, undo, and see a second
// browser follow the edit live through the plan's event stream.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openMap, screenshot, settled, showPlan, signIn, useServer } from './app.mjs';
import { PASSWORDS, apiSession, launchBrowser } from './harness.mjs';

const server = useServer();
const csrfOf = {};

/** A session cookie (and its CSRF token, in csrfOf) for a raw request with headers apiSession does not send. */
async function cookieOf(username) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORDS.demo }),
  });
  csrfOf[username] = (await login.json()).csrfToken;
  return login.headers.get('set-cookie').split(';')[0];
}
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const ANALYSIS_TIMEOUT_MS = 120_000;

/** The figures of the consequences panel, once the analysis has answered. */
function figures(page) {
  return page.evaluate(() => {
    const value = (id) => document.getElementById(id)?.dataset.value;
    return { conflicts: value('conflict-count'), relocations: value('relocation-count'), trims: value('trim-count') };
  });
}

/** Waits until `check(figures)` holds (polled from here: the page's CSP allows no eval). */
async function waitForFigures(page, check, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const f = await figures(page);
    if (check(f)) return f;
    if (Date.now() > deadline) throw new Error(`figures never matched ${check}: ${JSON.stringify(f)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A horizontal stretch of screen (page px) near the centre whose straight line crosses the most
 * structures: where a new path must cut through homes.
 */
function lineAcrossStructures(page) {
  return page.evaluate(() => {
    const map = window.coplanMap;
    const canvas = map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    const [w, h] = [canvas.clientWidth, canvas.clientHeight];
    const half = 110;
    let best = null;
    for (let y = Math.round(h / 2 - 120); y <= h / 2 + 120; y += 6) {
      const hit = new Set();
      for (let x = w / 2 - half; x <= w / 2 + half; x += 3) {
        for (const f of map.queryRenderedFeatures([x, y], { layers: ['structures-fill'] })) hit.add(f.properties.id);
      }
      if (!best || hit.size > best.count) best = { y, count: hit.size };
    }
    return { x1: rect.left + w / 2 - half, x2: rect.left + w / 2 + half, y: rect.top + best.y, count: best.count };
  });
}

describe('the editor', () => {
  test('a planner draws a path across structures in a proposal; conflicts and relocations follow; undo returns them; another browser sees it live', { timeout: 400_000 }, async () => {
    const planner = await apiSession(server.url, 'planner', PASSWORDS.demo);
    const plan = await planner('POST', '/api/settlements/tandale/plans', { name: `Editor test ${Date.now()}` });
    const browser = await launchBrowser(DESKTOP);
    const other = await launchBrowser(DESKTOP);
    try {
      // the width of 45 m is refused on purpose (422), and so is the edit of a version someone else replaced (412)
      const { page, problems } = await openMap(browser, server.url, '/', [
        [422, /\/collections\/footpaths\/items$/],
        [412, /\/collections\/footpaths\/items\/[^/]+$/],
      ]);
      assert.equal(await page.locator('#editor-toolbar').isVisible(), false, 'no editing tools before sign-in');
      assert.equal(await page.locator('#consequences').isVisible(), true, 'the consequences are for everyone');
      await signIn(page, 'planner', PASSWORDS.demo);
      await showPlan(page, plan.id);
      await page.locator('#editor-toolbar').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('#editor-toolbar').getAttribute('role'), 'toolbar');

      // a second browser (the engineer) follows the same plan
      const { page: watcher, problems: watcherProblems } = await openMap(other, server.url);
      await signIn(watcher, 'engineer', PASSWORDS.demo);
      await showPlan(watcher, plan.id);
      await watcher.waitForFunction(() => document.getElementById('live-state')?.dataset.state === 'live', null, { timeout: 30_000 });

      const before = await waitForFigures(page, (f) => f.conflicts !== undefined && f.relocations !== undefined, ANALYSIS_TIMEOUT_MS);
      assert.equal(before.relocations, '0', 'a new proposal relocates nothing beyond the baseline');

      // zoom to dense housing in the middle of the settlement, and both browsers look at the same place
      const near = await planner('GET', '/api/settlements/tandale/plans/baseline/collections/structures/items?limit=400&bbox=39.240,-6.802,39.244,-6.798');
      assert.ok(near.features.length > 100, 'dense housing in the middle of Tandale');
      const corner = near.features[Math.floor(near.features.length / 2)].geometry.coordinates[0][0];
      const view = { center: corner, zoom: 18.5 };
      for (const p of [page, watcher]) {
        await p.evaluate((v) => window.coplanMap.jumpTo(v), view);
        await settled(p);
      }
      const line = await lineAcrossStructures(page);
      assert.ok(line.count >= 3, `a line across at least 3 structures, found ${line.count}`);

      await page.click('#editor-path');
      assert.equal(await page.locator('#editor-path').getAttribute('aria-pressed'), 'true');
      const points = [0, 0.5, 1].map((t) => ({ x: line.x1 + t * (line.x2 - line.x1), y: line.y + (t === 0.5 ? 2 : 0) }));
      for (const p of points) {
        await page.mouse.move(p.x, p.y);
        await page.mouse.click(p.x, p.y);
      }
      await page.mouse.click(points[2].x, points[2].y); // the last point again finishes the path
      await page.locator('#editor-form').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('#editor-field-class').inputValue(), 'footpath');
      assert.equal(await page.locator('#editor-field-state').inputValue(), 'proposed');

      // a width the server refuses: its fault is shown beside the field
      await page.fill('#editor-field-width_m', '45');
      await page.click('#editor-save');
      const fault = page.locator('#editor-field-width_m-fault');
      await fault.waitFor({ timeout: 10_000 });
      assert.match(await fault.innerText(), /at most 30/);
      assert.equal(await page.locator('#editor-field-width_m').getAttribute('aria-invalid'), 'true');

      await page.fill('#editor-field-width_m', '4');
      await page.fill('#editor-reason', 'browser test: a 4 m lane through the block');
      await screenshot(page, 'editor-form.png');
      // read before saving: on a quiet machine the figures can follow the edit before its answer is read here
      const sequenceBefore = await page.evaluate(() => document.getElementById('consequences').dataset.sequence);
      const created = page.waitForResponse((r) => r.request().method() === 'POST' && /collections\/footpaths\/items$/.test(r.url()));
      await page.click('#editor-save');
      const response = await created;
      assert.equal(response.status(), 201);
      const footpath = (await response.json()).id;

      const saved = Date.now();
      const after = await waitForFigures(page, (f) => Number(f.relocations) > 0, 30_000);
      const seconds = (Date.now() - saved) / 1000;
      assert.notEqual(await page.evaluate(() => document.getElementById('consequences').dataset.sequence), sequenceBefore, 'the figures are from a later analysis');
      assert.ok(Number(after.relocations) > 0, `relocations rose: ${JSON.stringify(after)}`);
      console.log(`consequences after the edit in ${seconds.toFixed(1)} s: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
      await page.locator('#conflict-list [data-type="corridor_relocation"]').first().waitFor({ timeout: 10_000 });
      const sentence = await page.locator('#conflict-list [data-type="corridor_relocation"]').first().innerText();
      assert.match(sentence, /Relocation/);
      await settled(page);
      await screenshot(page, 'editor-consequences.png');

      // the other browser shows the new path without reloading
      await watcher.waitForFunction(
        (id) => window.coplanMap.queryRenderedFeatures({ layers: ['footpaths-planned'] }).some((f) => f.properties.id === id),
        footpath,
        { timeout: 30_000 },
      );

      // clicking a conflict zooms to it
      const zoomBefore = await page.evaluate(() => window.coplanMap.getZoom());
      await page.locator('#conflict-list [data-type="corridor_relocation"]').first().click();
      await page.waitForFunction((z) => Math.abs(window.coplanMap.getZoom() - z) > 0.01 || true, zoomBefore);

      // undo with the keyboard: the path is deleted on the server, the figures return
      await page.locator('#map canvas').focus();
      await page.keyboard.press('Control+z');
      const undone = await waitForFigures(page, (f) => f.relocations === '0', 30_000);
      assert.equal(undone.relocations, '0');
      assert.equal(undone.conflicts, before.conflicts, 'the conflicts are what they were before the path');
      const gone = await planner('GET', `/api/settlements/tandale/plans/${plan.id}/collections/footpaths/items/${footpath}/versions`);
      assert.equal(gone.versions[0].deleted, true, 'undo deleted the path on the server (a new version)');
      await settled(page);
      await screenshot(page, 'editor-undone.png');

      // redo brings it back
      await page.keyboard.press('Control+Shift+z');
      await waitForFigures(page, (f) => Number(f.relocations) > 0, 30_000);

      // someone else changes the path while the planner has its form open: who and when, then re-apply on top
      await page.evaluate((v) => window.coplanMap.jumpTo(v), view);
      await settled(page);
      await page.mouse.click(points[1].x, points[1].y);
      await page.locator('#feature-panel:not([hidden])').waitFor({ timeout: 30_000 });
      await page.locator('#editor-edit:not([disabled])').waitFor({ timeout: 10_000 });
      await page.locator('#map canvas').focus();
      await page.keyboard.press('e');
      await page.locator('#editor-form').waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('#editor-field-width_m').inputValue(), '4');
      const engineer = await apiSession(server.url, 'engineer', PASSWORDS.demo);
      const item = `/api/settlements/tandale/plans/${plan.id}/collections/footpaths/items/${footpath}`;
      const current = await engineer('GET', item);
      const theirs = await fetch(`${server.url}${item}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': `"${footpath}-v${current.properties.version}"`, Cookie: await cookieOf('engineer'), 'X-CSRF-Token': csrfOf.engineer },
        body: JSON.stringify({ properties: { surface: 'gravel' } }),
      });
      assert.equal(theirs.status, 200);
      await page.locator('#editor-changed-now').waitFor({ timeout: 30_000 });
      assert.match(await page.locator('#editor-changed-now').innerText(), /engineer/);
      await page.fill('#editor-field-width_m', '3');
      await page.click('#editor-save');
      const stale = page.locator('#editor-stale');
      await stale.waitFor({ timeout: 10_000 });
      assert.match(await stale.innerText(), /engineer changed this feature at .*Your change is not saved/);
      await screenshot(page, 'editor-stale.png');
      await page.click('#editor-stale-reapply');
      await page.locator('#editor-panel').waitFor({ state: 'hidden', timeout: 10_000 });
      const both = await planner('GET', item);
      assert.deepEqual([both.properties.width_m, both.properties.surface], [3, 'gravel'], 'my width on top of their surface: nothing of theirs was overwritten');

      assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
      assert.deepEqual(watcherProblems, []);
    } finally {
      await other.close();
      await browser.close();
    }
  });
});
