// The editor's shapes and keys in the real page: a footpath's first vertex snaps exactly onto a
// structure's stored corner (read back through the OGC API); a service drawn as a line (a drain);
// a constraint line and a service point drawn with the keyboard alone at the map's centre cross.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openMap, screenshot, settled, showPlan, signIn, useServer } from './app.mjs';
import { PASSWORDS, apiSession, launchBrowser } from './harness.mjs';

const server = useServer();
const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** Waits until the map has stopped moving (the arrow keys ease it) and drawn what it asked for. */
function still(page) {
  return page.waitForFunction(() => !window.coplanMap.isMoving() && window.coplanMap.loaded(), null, { timeout: 30_000 });
}

/** Saves the open form; answers the stored feature the server sent back. */
async function save(page, layer) {
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && new RegExp(`collections/${layer}/items$`).test(r.url()));
  await page.click('#editor-save');
  const response = await created;
  assert.equal(response.status(), 201, await response.text());
  await page.locator('#editor-panel').waitFor({ state: 'hidden', timeout: 10_000 });
  return response.json();
}

/** What the live region said last (it is emptied and refilled, so wait for words). */
async function announced(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('editor-announce')?.textContent ?? ''), pattern.source, { timeout: 10_000 });
  return page.locator('#editor-announce').textContent();
}

/**
 * A structure corner near the centre of the view with no other stored vertex within 25 px, so the
 * pointer can only snap to it, where the test's clicks reach the map: its coordinates as stored
 * and where it is on the page.
 */
function lonelyCorner(page, structures) {
  return page.evaluate((features) => {
    const map = window.coplanMap;
    const rect = map.getCanvas().getBoundingClientRect();
    const all = features.flatMap((f) => f.geometry.coordinates.flat().map((c) => ({ c, p: map.project(c) })));
    const [w, h] = [rect.width, rect.height];
    // the clicks of the test (at the corner, and 160 px right and 90 px down) must reach the map,
    // not a panel over it: the panels' extent depends on what they list
    const onMap = (x, y) => document.elementFromPoint(rect.left + x, rect.top + y) === map.getCanvas();
    const candidates = all
      .filter(({ p }) => p.x > w * 0.3 && p.x < w * 0.6 && p.y > h * 0.3 && p.y < h * 0.7)
      .filter(({ p }) => [[0, 0], [4, 3], [0, 3], [160, 90], [160, 93]].every(([dx, dy]) => onMap(p.x + dx, p.y + dy)))
      .filter(({ c, p }) => all.every((o) => (o.c[0] === c[0] && o.c[1] === c[1]) || Math.hypot(o.p.x - p.x, o.p.y - p.y) > 25));
    const best = candidates[0];
    return best ? { corner: best.c, x: rect.left + best.p.x, y: rect.top + best.p.y } : null;
  }, structures);
}

describe('the editor: shapes, snapping and keys', () => {
  test('a path snaps exactly to a stored corner; a drain is a service line; a constraint line and a tap are drawn with the keyboard alone', { timeout: 300_000 }, async () => {
    const planner = await apiSession(server.url, 'planner', PASSWORDS.demo);
    const plan = await planner('POST', '/api/settlements/tandale/plans', { name: `Shapes test ${Date.now()}` });
    const browser = await launchBrowser(DESKTOP);
    try {
      const { page, problems } = await openMap(browser, server.url);
      await signIn(page, 'planner', PASSWORDS.demo);
      await showPlan(page, plan.id);
      await page.locator('#editor-toolbar').waitFor({ timeout: 30_000 });
      const near = await planner('GET', '/api/settlements/tandale/plans/baseline/collections/structures/items?limit=400&bbox=39.240,-6.802,39.244,-6.798');
      const middle = near.features[Math.floor(near.features.length / 2)].geometry.coordinates[0][0];
      await page.evaluate((c) => window.coplanMap.jumpTo({ center: c, zoom: 19 }), middle);
      await settled(page);

      // --- snapping: a click 5 px off a stored corner puts the path's first vertex on the corner itself
      const view = await page.evaluate(() => window.coplanMap.getBounds().toArray().flat());
      const inView = await planner('GET', `/api/settlements/tandale/plans/${plan.id}/collections/structures/items?limit=2000&bbox=${view.join(',')}`);
      const target = await lonelyCorner(page, inView.features);
      assert.ok(target, 'a structure corner with no other vertex near it');
      const shapesRead = page.waitForResponse((r) => /collections\/structures\/items\?limit=2000/.test(r.url()));
      await page.click('#editor-path');
      await shapesRead;
      const first = { x: target.x + 4, y: target.y + 3 };
      const clicked = await page.evaluate(([x, y]) => {
        const rect = window.coplanMap.getCanvas().getBoundingClientRect();
        return window.coplanMap.unproject([x - rect.left, y - rect.top]).toArray();
      }, [first.x, first.y]);
      assert.ok(Math.hypot(clicked[0] - target.corner[0], clicked[1] - target.corner[1]) > 1e-6, 'the click itself is off the corner');
      const second = { x: target.x + 160, y: target.y + 90 };
      await page.mouse.move(first.x, first.y);
      await page.mouse.click(first.x, first.y);
      await page.mouse.move(second.x, second.y);
      await page.mouse.click(second.x, second.y);
      await page.mouse.click(second.x, second.y);
      await page.locator('#editor-form').waitFor({ timeout: 30_000 });
      const path = await save(page, 'footpaths');
      const stored = await planner('GET', `/api/settlements/tandale/plans/${plan.id}/collections/footpaths/items/${path.id}`);
      assert.deepEqual(stored.geometry.coordinates[0], target.corner, 'the first vertex is the stored corner, exactly');

      // --- a service line: the Service tool, then its Line shape; the form starts it as a drain
      await page.click('#editor-service');
      assert.equal(await page.locator('#editor-shape-point').getAttribute('aria-pressed'), 'true', 'a service is a point unless the planner chooses');
      await page.click('#editor-shape-linestring');
      assert.equal(await page.locator('#editor-shape-linestring').getAttribute('aria-pressed'), 'true');
      await screenshot(page, 'editor-shape.png');
      // along the new path, from its stored first vertex to its last: inside its corridor. The
      // points are where the path's ends are drawn, so whatever the pointer snaps to there (the
      // path's ends, once its tiles are in) the second click's vertex is where the finishing click is
      // The consequences panel grows upwards once the path's conflicts are listed and may then
      // cover the path's first end: it is folded first, and both ends must reach the map.
      await page.evaluate(() => {
        document.getElementById('consequences').open = false;
      });
      const [a, b] = await page.evaluate((coords) => {
        const canvas = window.coplanMap.getCanvas();
        const rect = canvas.getBoundingClientRect();
        return [coords[0], coords.at(-1)].map((c) => {
          const p = window.coplanMap.project(c);
          const x = rect.left + Math.round(p.x);
          const y = rect.top + Math.round(p.y);
          return { x, y, onMap: document.elementFromPoint(x, y) === canvas };
        });
      }, stored.geometry.coordinates);
      assert.ok(a.onMap && b.onMap, `both ends of the path are clickable on the map: ${JSON.stringify([a, b])}`);
      for (const p of [a, b]) {
        await page.mouse.move(p.x, p.y);
        await page.mouse.click(p.x, p.y);
      }
      await page.mouse.click(b.x, b.y);
      await page.locator('#editor-form').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('#editor-field-type').inputValue(), 'stormwater_drain');
      const drain = await save(page, 'services');
      await page.evaluate(() => {
        document.getElementById('consequences').open = true;
      });
      assert.equal(drain.geometry.type, 'LineString');
      assert.equal(drain.properties.type, 'stormwater_drain');

      // --- the keyboard alone: a constraint line (C, G for the line, Enter / arrows / Backspace / F)
      await page.locator('#map canvas').focus();
      await page.keyboard.press('c');
      await announced(page, /Constraint: Area/);
      await page.keyboard.press('g');
      await announced(page, /Constraint: Line/);
      assert.equal(await page.locator('#editor-shape-linestring').getAttribute('aria-pressed'), 'true');
      const centre = () => page.evaluate(() => window.coplanMap.getCenter().toArray());
      const start = await centre();
      await page.keyboard.press('Enter');
      await announced(page, /Point 1 added/);
      await page.keyboard.press('f');
      await announced(page, /needs at least 2 points; it has 1/);
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await still(page);
      await page.keyboard.press('Enter');
      await announced(page, /Point 2 added/);
      await page.keyboard.press('Backspace');
      await announced(page, /Last point removed; 1 left/);
      await page.keyboard.press('ArrowDown');
      await still(page);
      await page.keyboard.press('Enter');
      await announced(page, /Point 2 added/);
      const end = await centre();
      await screenshot(page, 'editor-keyboard.png');
      await page.keyboard.press('f');
      await page.locator('#editor-form').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('#editor-field-kind').inputValue(), 'servitude');
      const servitude = await save(page, 'constraints');
      assert.equal(servitude.geometry.type, 'LineString');
      const [v1, v2] = servitude.geometry.coordinates;
      // a vertex is where the cross was, or the corner or path it snapped to there (within a metre or so)
      const within = (p, q) => Math.hypot(p[0] - q[0], p[1] - q[1]) < 5e-5;
      assert.ok(within(v1, start) && within(v2, end), `vertices at the cross: ${JSON.stringify([v1, v2])} vs ${JSON.stringify([start, end])}`);
      assert.ok(v2[0] > v1[0] && v2[1] < v1[1], 'the second vertex is right of and below the first: the arrows moved the map');

      // a tool pressed with the keyboard in the toolbar hands the keyboard to the map; Escape stops
      await page.focus('#editor-structure');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement === window.coplanMap.getCanvas(), null, { timeout: 5_000 });
      await announced(page, /Structure: Area/);
      await page.keyboard.press('Escape');
      await announced(page, /Drawing stopped; nothing saved/);
      assert.equal(await page.locator('#editor-structure').getAttribute('aria-pressed'), 'false');

      // --- a tap placed with Enter alone
      await page.keyboard.press('w');
      await announced(page, /Service: Point/);
      await page.keyboard.press('Enter');
      await page.locator('#editor-form').waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('#editor-field-type').inputValue(), 'water_point');
      const tap = await save(page, 'services');
      assert.ok(within(tap.geometry.coordinates, end), 'the tap is at the cross');

      // the analysis takes the drawn line in its stride: the drain runs inside the new path's corridor
      const deadline = Date.now() + 60_000;
      for (;;) {
        const page1 = await planner('GET', `/api/settlements/tandale/plans/${plan.id}/collections/conflicts/items?limit=10000`);
        const hit = page1.features.find((f) => f.properties.type === 'overlapping_corridors' && f.properties.features.some((x) => x.id === drain.id));
        if (hit) {
          assert.match(hit.properties.sentence, /Stormwater drain .* runs \d+ m inside the corridor of Proposed footpath/);
          break;
        }
        assert.ok(Date.now() < deadline, 'the drain along the path is an overlapping-corridors conflict');
        await new Promise((r) => setTimeout(r, 500));
      }
      // in Swahili, the conflicts' sentences come from the server in Swahili (the list is read again)
      const sentences = () => page.locator('#conflict-list .conflict-text span').allInnerTexts();
      await page.locator('#conflict-list [data-type="overlapping_corridors"]').first().waitFor({ timeout: 30_000 });
      const english = await sentences();
      assert.ok(english.some((t) => /Stormwater drain .* runs \d+ m inside the corridor/.test(t)), JSON.stringify(english.slice(0, 5)));
      const swahiliRead = page.waitForResponse((r) => /collections\/conflicts\/items\?.*lang=sw/.test(r.url()));
      await page.selectOption('.language-select:visible', 'sw');
      await swahiliRead;
      await page.waitForFunction(() => [...document.querySelectorAll('#conflict-list .conflict-text span')].some((s) => /^Mfereji wa maji ya mvua .* inapita m \d+ ndani ya ukanda wa Njia ya miguu inayopendekezwa/.test(s.textContent)), null, { timeout: 10_000 });
      const swahili = await sentences();
      assert.equal(swahili.length, english.length);
      assert.ok(swahili.every((t, i) => t !== english[i] && !/ the | inside | from /.test(t)), JSON.stringify(swahili.slice(0, 5)));
      await page.selectOption('.language-select:visible', 'en');

      assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
    } finally {
      await browser.close();
    }
  });
});
