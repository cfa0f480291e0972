// Plans in the page: a planner creates, copies and renames plans, switches the map between them,
// reads a plan's change list and zooms to a change, then compares the baseline with the plan on
// twin maps whose numbers must be the API's.
import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openMap, screenshot, settled, signIn, useServer, waitForPage } from './app.mjs';
import { PASSWORDS, SCREENSHOT_DIR, apiSession, launchBrowser, sql } from './harness.mjs';

const server = useServer();
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const DOCS_IMG = fileURLToPath(new URL('../../../docs/img/', import.meta.url));
// the user guide's pictures are refreshed only on request (COPLAN_UPDATE_DOCS_IMAGES=1), so a test run leaves the checkout clean
const updateDocs = (name) =>
  process.env.COPLAN_UPDATE_DOCS_IMAGES === '1' ? copyFile(path.join(SCREENSHOT_DIR, name), path.join(DOCS_IMG, name)) : Promise.resolve();

const hashPlan = (page) => page.evaluate(() => decodeURIComponent(window.location.hash.split('/')[1] ?? 'baseline'));

/** Fills and sends the plan form, then waits for the address to name another plan than `from`. */
async function submitPlanForm(page, from, name, description) {
  const dialog = page.locator('#plan-dialog');
  await dialog.waitFor();
  await page.fill('#plan-name', name);
  if (description !== undefined) await page.fill('#plan-description', description);
  await page.click('#plan-dialog-submit');
  await dialog.waitFor({ state: 'hidden' });
  if (from !== null) await page.waitForFunction((old) => decodeURIComponent(window.location.hash.split('/')[1] ?? '') !== old, from);
  return hashPlan(page);
}

describe('plans and comparison', () => {
  test('a planner creates, copies, renames and switches plans, zooms to a change, and compares', { timeout: 400_000 }, async () => {
    const planner = await apiSession(server.url, 'planner', PASSWORDS.demo);
    const browser = await launchBrowser(DESKTOP);
    try {
      const { page, problems } = await openMap(browser, server.url);
      assert.equal(await page.locator('#plan-new').isVisible(), false, 'visitors are not offered plan actions');
      await signIn(page, 'planner', PASSWORDS.demo);
      await page.locator('#plan-new').waitFor();
      assert.match(await page.locator('#plan-changes-state').innerText(), /existing conditions/);

      // create
      await page.click('#plan-new');
      const first = await submitPlanForm(page, 'baseline', 'Market lanes', 'Lanes along the drains');
      assert.notEqual(first, 'baseline');
      await waitForPage(page, problems);
      assert.equal(await page.locator('#plan-picker').inputValue(), first);
      assert.equal(await page.locator('#plan-description-text').innerText(), 'Lanes along the drains');
      await page.locator('#plan-changes-state', { hasText: 'changes nothing yet' }).waitFor();

      // a change made through the API: a 3 m lane across a dwelling in the new plan
      const [lon, lat] = (
        await sql(server.database, `SELECT ST_X(c) || ',' || ST_Y(c) FROM (SELECT ST_PointOnSurface(geom) c FROM structures
          WHERE settlement_id = 'tandale' AND households > 0 ORDER BY fid LIMIT 1 OFFSET 1500) s`)
      ).split(',').map(Number);
      const lane = await planner('POST', `/api/settlements/tandale/plans/${first}/collections/footpaths/items`, {
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [[lon - 0.0004, lat], [lon + 0.0004, lat]] },
        properties: { name: 'Market lane', class: 'lane', width_m: 3, state: 'proposed' },
      });

      // copy: the copy starts with the lane
      await page.click('#plan-copy');
      assert.equal(await page.locator('#plan-name').inputValue(), 'Copy of Market lanes');
      const copy = await submitPlanForm(page, first, 'Market lanes, variant');
      assert.notEqual(copy, first);
      await waitForPage(page, problems);
      await page.locator(`#change-list .change-entry[data-id="${lane.id}"]`).waitFor();

      // rename the copy
      await page.click('#plan-edit');
      assert.equal(await page.locator('#plan-name').inputValue(), 'Market lanes, variant');
      await submitPlanForm(page, null, 'Narrow market lanes', 'Two metre lanes');
      await page.locator('#plan-panel-summary', { hasText: 'Narrow market lanes' }).waitFor();
      const listed = (await planner('GET', '/api/settlements/tandale/plans')).plans.find((p) => p.id === copy);
      assert.equal(listed.name, 'Narrow market lanes');
      assert.equal(listed.description, 'Two metre lanes');
      assert.equal(await page.locator(`#plan-picker option[value="${copy}"]`).innerText(), 'Narrow market lanes');

      // switch back to the first plan with the picker: the map shows its tiles, the list its change
      await page.selectOption('#plan-picker', first);
      await page.waitForFunction((id) => window.location.hash === `#tandale/${id}`, first);
      await waitForPage(page, problems);
      const styleUrl = await page.evaluate(() => window.coplanMap.getStyle().sources.coplan.url);
      assert.match(styleUrl, new RegExp(`/plans/${first}/tiles.json`));
      const entry = page.locator(`#change-list .change-entry[data-id="${lane.id}"]`);
      await entry.waitFor();
      assert.equal(await page.locator('#change-list .change-entry').count(), 1);
      assert.equal(await entry.innerText(), '+\nNew Lane, 3 m wide: Market lane');
      assert.equal(await page.locator('#plan-changes-state').innerText(), '1 change. Choose one to zoom to it.');

      // choose it (keyboard: focus and Enter): the lane fills the view, selected, its record in the panel
      const before = await page.evaluate(() => window.coplanMap.getZoom());
      await entry.focus();
      await page.keyboard.press('Enter');
      await page.locator('#feature-panel:not([hidden])').waitFor({ timeout: 30_000 });
      await page.locator('#feature-panel .panel-title', { hasText: 'Market lane' }).waitFor({ timeout: 30_000 });
      const view = await page.evaluate(() => ({ zoom: window.coplanMap.getZoom(), bounds: window.coplanMap.getBounds().toArray() }));
      assert.ok(view.zoom > before + 1, `zoomed in from ${before} to ${view.zoom}`);
      const [[w, s], [e, n]] = view.bounds;
      assert.ok(w < lon - 0.0004 && e > lon + 0.0004 && s < lat && n > lat, 'the whole lane is in view');
      assert.equal(await entry.getAttribute('aria-current'), 'true');
      const selected = await page.evaluate(() => {
        const f = window.coplanMap.queryRenderedFeatures({ layers: window.coplanMap.getStyle().layers.map((l) => l.id) }).find((x) => x.state?.selected);
        return f?.properties.id ?? null;
      });
      assert.equal(selected, lane.id, 'the lane is highlighted on the map');
      await settled(page);
      await screenshot(page, 'plan-changes.png');
      await updateDocs('plan-changes.png');

      // compare the baseline with the plan
      await page.click('#plan-compare');
      await page.waitForFunction((id) => window.location.hash === `#tandale/compare/baseline/${id}`, first);
      await page.locator('#compare-view').waitFor();
      await page.waitForFunction(() => document.body.dataset.compareReady === 'true', null, { timeout: 200_000 });
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll('#compare-view :is(button, select, canvas[tabindex])')]
          .filter((c) => !(c.getAttribute('aria-label') || [...(c.labels ?? [])].some((l) => l.textContent.trim()) || c.textContent.trim() || c.title))
          .map((c) => c.outerHTML.slice(0, 100)),
      );
      assert.deepEqual(unnamed, [], 'every control of the comparison has a name');
      assert.equal(await page.locator('#compare-map-b').getAttribute('aria-label'), 'Map of Market lanes');
      const expected = (await planner('GET', `/api/settlements/tandale/compare?plans=baseline,${first}`)).plans;
      const table = await page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('#compare-table tbody tr')].map((tr) => [
            tr.dataset.metric,
            [...tr.querySelectorAll('td[data-plan]')].map((td) => [td.dataset.plan, Number(td.dataset.value), td.textContent]),
          ]),
        ),
      );
      const fromApi = {
        'compare.metric.relocatedHouseholds': (i) => i.relocated.households,
        'compare.metric.relocatedPeople': (i) => i.relocated.people,
        'compare.metric.relocatedStructures': (i) => i.relocated.structures,
        'compare.metric.trimmedHouseholds': (i) => i.trimmed.households,
        'compare.metric.trimmedStructures': (i) => i.trimmed.structures,
        'compare.metric.newlyWater': (i) => i.brings.householdsNewlyWithinWater,
        'compare.metric.newlyToilet': (i) => i.brings.householdsNewlyWithinToilet,
        'compare.metric.newlyFire': (i) => i.brings.householdsNewlyWithinFire,
        'compare.metric.withinWater': (i) => i.brings.householdsWithinWater,
        'compare.metric.withinToilet': (i) => i.brings.householdsWithinToilet,
        'compare.metric.withinFire': (i) => i.brings.householdsWithinFire,
        'compare.metric.pathAdded': (i) => i.brings.pathLengthAddedM,
      };
      assert.deepEqual(Object.keys(table).sort(), Object.keys(fromApi).sort());
      for (const [metric, of] of Object.entries(fromApi)) {
        assert.deepEqual(
          table[metric].map(([plan, value]) => [plan, value]),
          expected.map((i) => [i.plan, of(i)]),
          metric,
        );
        table[metric].forEach(([, value, text]) => assert.equal(text, value.toLocaleString('en-GB', { maximumFractionDigits: 1 }), metric));
      }
      assert.ok(expected[1].relocated.households > expected[0].relocated.households || expected[1].trimmed.structures > 0, 'the lane costs dwellings');
      const bar = await page.locator(`#compare-chart g[data-plan="${first}"][data-series="displaced"]`).getAttribute('data-value');
      assert.equal(Number(bar), expected[1].relocated.households);
      // the picture for the user guide: the lane among the dwellings it cuts, on both maps
      await page.evaluate(([x, y]) => window.coplanCompareMaps[0].jumpTo({ center: [x, y - 0.0001], zoom: 17.4 }), [lon, lat]);
      await page.waitForFunction(() => window.coplanCompareMaps.every((m) => m.loaded()), null, { timeout: 60_000 });
      await screenshot(page, 'compare.png');
      await updateDocs('compare.png');

      // the twin maps move together: drag the left one, the right one follows
      const centres = () => page.evaluate(() => window.coplanCompareMaps.map((m) => [m.getCenter().lng, m.getCenter().lat, m.getZoom()]));
      const [a0] = await centres();
      const box = await page.locator('#compare-map-a canvas').boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 8 });
      await page.mouse.up();
      await page.waitForFunction(() => !window.coplanCompareMaps.some((m) => m.isMoving()));
      const [a1, b1] = await centres();
      assert.ok(Math.abs(a1[0] - a0[0]) > 1e-5, 'the left map moved');
      assert.ok(Math.abs(a1[0] - b1[0]) < 1e-9 && Math.abs(a1[1] - b1[1]) < 1e-9 && a1[2] === b1[2], 'the right map follows');
      await page.click('#compare-map-b .maplibregl-ctrl-zoom-in');
      await page.waitForFunction((z) => window.coplanCompareMaps[1].getZoom() > z, b1[2]);
      await page.waitForFunction(() => !window.coplanCompareMaps.some((m) => m.isMoving()));
      const [a2, b2] = await centres();
      assert.ok(b2[2] > b1[2], 'the right map zoomed in');
      assert.ok(Math.abs(a2[2] - b2[2]) < 1e-9 && Math.abs(a2[0] - b2[0]) < 1e-9, 'and the left one with it');

      // Escape goes back to the map with the plan on it
      await page.keyboard.press('Escape');
      await page.waitForFunction((id) => window.location.hash === `#tandale/${id}`, first);
      assert.equal(await page.locator('#compare-view').isVisible(), false);
      assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
    } finally {
      await browser.close();
    }
  });

  test('a viewer sees plans and their changes, names shown as text, but is offered no plan actions', { timeout: 240_000 }, async () => {
    const HOSTILE = `<img src=x onerror="window.__pwned=1">"quoted" & 'single'`;
    const planner = await apiSession(server.url, 'planner', PASSWORDS.demo);
    const plan = await planner('POST', '/api/settlements/tandale/plans', { name: HOSTILE, description: '<script>window.__pwned=2</script>' });
    const [lon, lat] = [39.2395, -6.8025];
    await planner('POST', `/api/settlements/tandale/plans/${plan.id}/collections/services/items`, {
      type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { type: 'water_point', state: 'proposed', name: HOSTILE },
    });
    const browser = await launchBrowser(DESKTOP);
    try {
      const { page, problems } = await openMap(browser, server.url, `/#tandale/${plan.id}`);
      await signIn(page, 'viewer', PASSWORDS.demo);
      await page.locator('#plan-picker-label:not([hidden])').waitFor();
      for (const id of ['plan-new', 'plan-copy', 'plan-edit']) assert.equal(await page.locator(`#${id}`).isVisible(), false, id);
      assert.equal(await page.locator('#plan-compare').isVisible(), true, 'anyone who reads plans may compare them');
      assert.equal(await page.locator('#plan-picker').inputValue(), plan.id);
      assert.equal(await page.locator('#plan-panel-summary').innerText(), `Plan: ${HOSTILE}`);
      assert.equal(await page.locator('#plan-description-text').innerText(), '<script>window.__pwned=2</script>');
      const entry = page.locator('#change-list .change-entry');
      await entry.waitFor();
      assert.equal(await entry.innerText(), `+\nNew Water point: ${HOSTILE}`);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no markup from names ran');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
