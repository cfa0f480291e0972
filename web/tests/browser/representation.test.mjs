// Representation in the map page: a planner creates a cell in the panel, picks it, and assigns
// structures to it on the map by a click, a Shift-drag box and Enter on the focused map; the API
// (the units, the cell's structures and the plan's impact by cell) shows the assignment. A refusal
// (deleting a cell that still holds structures) is shown from the server's problem. Anonymous
// visitors and community reviewers see the cells but get no editing tools.
import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openMap, screenshot, settled, signIn, useServer } from './app.mjs';
import { PASSWORDS, SCREENSHOT_DIR, apiSession, launchBrowser, sql } from './harness.mjs';

const server = useServer();
const DOCS_IMG = fileURLToPath(new URL('../../../docs/img/', import.meta.url));
/** The user guide's picture, refreshed only on request (COPLAN_UPDATE_DOCS_IMAGES=1), as the plans test does. */
const docImage = (name) =>
  process.env.COPLAN_UPDATE_DOCS_IMAGES === '1' ? copyFile(path.join(SCREENSHOT_DIR, name), path.join(DOCS_IMG, name)) : Promise.resolve();
const PLAN = 'cells-lane';
const REP = '/api/settlements/tandale/representation';

/** A page point whose topmost structure is `uuid`, searching the whole map; null when it is not drawn. */
function pointOf(page, uuid) {
  return page.evaluate((id) => {
    const map = window.coplanMap;
    const canvas = map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    for (let y = 4; y < canvas.clientHeight; y += 4) {
      for (let x = 4; x < canvas.clientWidth; x += 4) {
        const top = map.queryRenderedFeatures([x, y], { layers: ['structures-fill'] })[0];
        if (top?.properties.id === id) return { x: rect.left + x, y: rect.top + y, mapX: x, mapY: y };
      }
    }
    return null;
  }, uuid);
}

/** The structures drawn inside a box of the map (map pixels). */
function structuresIn(page, box) {
  return page.evaluate(
    (b) => [...new Set(window.coplanMap.queryRenderedFeatures(b, { layers: ['structures-fill'] }).map((f) => f.properties.id))],
    box,
  );
}

/** Waits until the panel says `text` (a string it contains, or a pattern); failing that, says what it said. */
async function said(page, text) {
  const status = page.locator('#representation-status');
  await status.filter({ hasText: text }).waitFor({ timeout: 15_000 }).catch(async () => {
    assert.fail(`the panel said "${await status.innerText()}", not ${text}`);
  });
}

describe('representation in the map page', () => {
  test('a planner creates a cell and assigns structures to it on the map', { timeout: 300_000 }, async () => {
    // a plan with a 3 m lane through dwellings: its impact names the cells it touches
    const planner = await apiSession(server.url, 'planner', PASSWORDS.demo);
    await planner('POST', '/api/settlements/tandale/plans', { id: PLAN, name: 'Lane for the cells' });
    const [lon, lat] = (await sql(server.database, `SELECT ST_X(c) || ',' || ST_Y(c) FROM (SELECT ST_PointOnSurface(geom) c FROM structures
      WHERE settlement_id = 'tandale' AND households > 0 ORDER BY fid LIMIT 1 OFFSET 1500) s`)).split(',').map(Number);
    await planner('POST', `/api/settlements/tandale/plans/${PLAN}/collections/footpaths/items`, {
      type: 'Feature', geometry: { type: 'LineString', coordinates: [[lon - 0.0001, lat], [lon + 0.0001, lat]] }, properties: { class: 'lane', width_m: 3, state: 'proposed' },
    });
    const lane = (await planner('GET', `/api/settlements/tandale/plans/${PLAN}/proposals`)).proposals[0];
    const touched = lane.structures.map((s) => s.id);
    assert.ok(touched.length > 0, 'the lane cuts through dwellings');

    const browser = await launchBrowser({ viewport: { width: 1400, height: 900 } });
    try {
      const { page, problems } = await openMap(browser, server.url, `/#tandale/${PLAN}`, [[409, /\/representation\/units\//]]);
      await signIn(page, 'planner', PASSWORDS.demo);
      await page.evaluate(([x, y]) => window.coplanMap.jumpTo({ center: [x, y], zoom: 19 }), [lon, lat]);
      await settled(page);

      // the panel: segments → clusters → cells, with households; a new cell in the first cluster
      await page.click('#representation-button');
      assert.equal(await page.locator('#representation-button').getAttribute('aria-expanded'), 'true');
      await page.locator('#representation-tree details[data-unit="S01"] > summary').click();
      await page.locator('details[data-unit="K001"] > summary').click();
      assert.match(await page.locator('details[data-unit="K001"] > summary').innerText(), /K001 · Cluster 1\s+[\d,]+ households/);
      await page.click('[data-action="add"][data-unit="K001"]');
      const id = await page.inputValue('#unit-id');
      assert.match(id, /^C\d{4}$/, 'a free id in the demo pattern is suggested');
      await page.fill('#unit-name', 'Along the new lane');
      await page.fill('#unit-representative', 'Mama Asha');
      await page.click('#unit-dialog-submit');
      await said(page, `New cell ${id} saved.`);
      const created = (await planner('GET', REP)).cells.find((c) => c.id === id);
      assert.deepEqual([created.name, created.parentId, created.representative, created.structures], ['Along the new lane', 'K001', 'Mama Asha', 0]);

      // a refusal shows the server's reasons: C0001 still holds structures
      await page.click('[data-action="delete"][data-unit="C0001"]');
      await page.click('[data-action="delete"][data-unit="C0001"]');
      await said(page, /still has units, structures or recorded reactions/);

      // pick the new cell and assign on the map
      await page.click(`.representation-cell[data-unit="${id}"]`);
      assert.equal(await page.locator(`.representation-cell[data-unit="${id}"]`).getAttribute('aria-pressed'), 'true');
      await page.click('#representation-assign');
      assert.equal(await page.locator('#representation-assign').getAttribute('aria-pressed'), 'true');

      // a click on one structure the lane touches
      const first = await pointOf(page, touched[0]);
      assert.ok(first, 'the touched structure is drawn');
      await page.mouse.click(first.x, first.y);
      await said(page, `1 structure put into ${id}`);

      // a Shift-drag box around the lane: every structure drawn in it
      const a = await page.evaluate(([x, y]) => window.coplanMap.project([x - 0.00016, y + 0.00006]), [lon, lat]);
      const b = await page.evaluate(([x, y]) => window.coplanMap.project([x + 0.00016, y - 0.00006]), [lon, lat]);
      const boxed = await structuresIn(page, [[a.x, a.y], [b.x, b.y]]);
      assert.ok(boxed.length > 3, `a box of several structures (${boxed.length})`);
      for (const t of touched) assert.ok(boxed.includes(t), 'the box holds every structure the lane touches');
      const origin = await page.locator('#map canvas').boundingBox();
      await page.keyboard.down('Shift');
      await page.mouse.move(origin.x + a.x, origin.y + a.y);
      await page.mouse.down();
      await page.mouse.move(origin.x + (a.x + b.x) / 2, origin.y + (a.y + b.y) / 2, { steps: 4 });
      await page.mouse.move(origin.x + b.x, origin.y + b.y, { steps: 4 });
      await page.mouse.up();
      await page.keyboard.up('Shift');
      await said(page, `${boxed.length - 1} structures put into ${id}`);
      await screenshot(page, 'representation-assign.png');
      await docImage('representation-assign.png');

      // Enter on the focused map takes the structure under its centre out again (a click on a member does too)
      const spare = boxed.find((s) => !touched.includes(s));
      const at = await pointOf(page, spare);
      await page.evaluate(({ mapX, mapY }) => window.coplanMap.jumpTo({ center: window.coplanMap.unproject([mapX, mapY]) }), at);
      await settled(page);
      const centred = await page.evaluate(() => {
        const c = window.coplanMap.getCanvas();
        return window.coplanMap.queryRenderedFeatures([c.clientWidth / 2, c.clientHeight / 2], { layers: ['structures-fill'] })[0]?.properties.id;
      });
      assert.equal(centred, spare);
      await page.focus('#map canvas');
      await page.keyboard.press('Enter');
      await said(page, `1 structure taken out of ${id}`);
      const expected = boxed.filter((s) => s !== spare).sort();

      // the highlight shows the cell's structures; the panel's figures follow
      await settled(page);
      const lit = await page.evaluate(() => [...new Set(window.coplanMap.queryRenderedFeatures({ layers: ['representation-cell-fill'] }).map((f) => f.properties.id))]);
      assert.ok(lit.length > 0 && lit.every((s) => expected.includes(s)), `the picked cell's structures are highlighted, and only they: ${JSON.stringify({ lit, expected })}`);
      assert.ok(!lit.includes(spare));

      // the API has it: the cell's structures, the units' figures, the plan's impact by cell
      const members = (await planner('GET', `${REP}/units/${id}/structures`)).structures.sort();
      assert.deepEqual(members, expected);
      const cell = (await planner('GET', REP)).cells.find((c) => c.id === id);
      assert.equal(cell.structures, expected.length);
      assert.match(await page.locator('#representation-picked-figures').innerText(), new RegExp(`in ${expected.length} structures`));
      const impact = (await planner('GET', `/api/settlements/tandale/plans/${PLAN}/impact`)).impact;
      const mine = impact.representation.cells.find((c) => c.id === id);
      assert.ok(mine, 'the impact names the new cell');
      assert.equal(mine.cluster, 'K001');
      assert.equal(mine.relocated.structures + mine.trimmed.structures, touched.length);

      // Escape stops assigning: a click then assigns nothing
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#representation-assign').getAttribute('aria-pressed'), 'false');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('visitors and community reviewers see the cells but no editing tools', { timeout: 200_000 }, async () => {
    for (const who of [null, 'reviewer']) {
      const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
      try {
        const { page, problems } = await openMap(browser, server.url, '/#tandale');
        if (who) await signIn(page, who, PASSWORDS.demo);
        await page.click('#representation-button');
        await page.locator('#representation-tree details[data-unit="S01"] > summary').click();
        await page.locator('details[data-unit="K001"] > summary').click();
        await page.click('.representation-cell[data-unit="C0001"]');
        await said(page, 'Cell C0001 picked');
        assert.equal(await page.locator('#representation-new-segment').isVisible(), false, `${who ?? 'anonymous'}: no new segment`);
        assert.equal(await page.locator('#representation-tree [data-action]').count(), 0, `${who ?? 'anonymous'}: no unit actions`);
        assert.equal(await page.locator('#representation-assign').isVisible(), false, `${who ?? 'anonymous'}: no assigning`);
        assert.equal(await page.locator('#representation-assign-view').isVisible(), false);
        assert.match(await page.locator('#representation-picked-figures').innerText(), /households in \d+ structures/);
        assert.deepEqual(problems, []);
      } finally {
        await browser.close();
      }
    }
  });

  test('the panel by keyboard, every control named, in Kiswahili too', { timeout: 200_000 }, async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      const { page, problems } = await openMap(browser, server.url, '/#tandale');
      await signIn(page, 'planner', PASSWORDS.demo);
      await page.focus('#representation-button');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'representation-title', 'focus moves into the panel');
      await page.focus('#representation-tree details[data-unit="S01"] > summary');
      await page.keyboard.press('Enter');
      await page.focus('details[data-unit="K001"] > summary');
      await page.keyboard.press('Enter');
      await page.focus('.representation-cell[data-unit="C0002"]');
      await page.keyboard.press('Enter');
      await said(page, 'Cell C0002 picked');
      await page.focus('#representation-assign');
      await page.keyboard.press('Space');
      assert.equal(await page.locator('#representation-assign').getAttribute('aria-pressed'), 'true');
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll('#representation-panel button, #representation-panel summary, #representation-button')]
          .filter((el) => el.getClientRects().length > 0)
          .filter((el) => !(el.getAttribute('aria-label') || el.textContent.trim()))
          .map((el) => el.outerHTML.slice(0, 120)),
      );
      assert.deepEqual(unnamed, []);
      assert.equal(await page.getAttribute('#representation-panel', 'aria-labelledby'), 'representation-title');
      assert.equal(await page.getAttribute('#representation-status', 'role'), 'status');

      // the same panel in Kiswahili, without a reload
      await page.selectOption('.language-select:visible', 'sw');
      assert.equal(await page.locator('#representation-title').innerText(), 'Sehemu, makundi na seli');
      assert.equal(await page.locator('#representation-button').innerText(), 'Seli');
      assert.equal(await page.locator('#representation-assign').innerText(), 'Acha kuweka');
      assert.match(await page.locator('#representation-picked-figures').innerText(), /^kaya \d+ katika majengo \d+$/);
      assert.match(await page.locator('details[data-unit="K001"] > summary').innerText(), /kaya [\d,.]+/);

      // Escape stops assigning, a second closes the panel and gives the focus back to its button
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#representation-assign').getAttribute('aria-pressed'), 'false');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#representation-panel').isHidden(), true);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'representation-button');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
