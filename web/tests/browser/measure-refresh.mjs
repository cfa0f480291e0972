// A measurement, not a test (nothing is asserted about time): how long after a save in the
// editor the consequences panel and the conflicts on the map show the edit, in headless Chromium.
// Draws ROUNDS paths across Tandale structures in a new proposal and, for each, times from the
// save's answer (the POST's responseEnd in the page) to
//   - analysed: the panel's poll of GET .../analysis first answering a later sequence;
//   - panel: the consequences panel's figures coming from a later analysis (data-sequence changes);
//   - layer: the map drawing a corridor cut (editor-conflicts-fill) that was not there before.
// Usage: node tests/browser/measure-refresh.mjs [rounds]   (COPLAN_URL to use a running server)
import { loadavg } from 'node:os';
import { openMap, settled, showPlan, signIn } from './app.mjs';
import { PASSWORDS, apiSession, launchBrowser, startServer } from './harness.mjs';

const ROUNDS = Number(process.argv[2] ?? 5);
const server = await startServer();
const planner = await apiSession(server.url, 'planner', PASSWORDS.demo);
const plan = await planner('POST', '/api/settlements/tandale/plans', { name: `Refresh measure ${Date.now()}` });
const near = await planner('GET', '/api/settlements/tandale/plans/baseline/collections/structures/items?limit=400&bbox=39.240,-6.802,39.244,-6.798');
const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
const rows = [];
try {
  const { page } = await openMap(browser, server.url);
  await signIn(page, 'planner', PASSWORDS.demo);
  await showPlan(page, plan.id);
  await page.locator('#editor-toolbar').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.getElementById('consequences')?.dataset.sequence !== undefined, null, { timeout: 180_000 });
  for (let round = 0; round < ROUNDS; round++) {
    const centre = near.features[Math.floor(((round + 1) * near.features.length) / (ROUNDS + 1))].geometry.coordinates[0][0];
    await page.evaluate((c) => window.coplanMap.jumpTo({ center: c, zoom: 18.5 }), centre);
    await settled(page);
    const load = loadavg()[0];
    // watch from inside the page, every frame, so the polling of this script adds nothing
    await page.evaluate(() => {
      const map = window.coplanMap;
      const cuts = () => new Set(map.queryRenderedFeatures({ layers: ['editor-conflicts-fill'] }).map((f) => f.id));
      // a new conflict has a new id: a tile being reloaded may show fewer for a moment, never a new one
      const state = { saved: null, analysed: null, panel: null, layer: null, before: cuts(), sequence: document.getElementById('consequences').dataset.sequence };
      window.refreshMeasure = state;
      // when the panel's own poll of the analysis state first sees a later sequence (to 150 ms, its poll interval)
      const fetchBefore = window.refreshFetch ?? window.fetch;
      window.refreshFetch = fetchBefore;
      window.fetch = async (...args) => {
        const response = await fetchBefore(...args);
        if (state.saved !== null && state.analysed === null && /\/analysis$/.test(String(args[0]))) {
          const body = await response.clone().json().catch(() => null);
          if (body && String(body.sequence) !== state.sequence) state.analysed = performance.now() - state.saved;
        }
        return response;
      };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (/collections\/footpaths\/items$/.test(e.name) && state.saved === null) state.saved = e.responseEnd;
      }).observe({ type: 'resource' });
      const frame = (now) => {
        if (state.saved !== null) {
          if (state.panel === null && document.getElementById('consequences').dataset.sequence !== state.sequence) state.panel = now - state.saved;
          if (state.layer === null && [...cuts()].some((id) => !state.before.has(id))) state.layer = now - state.saved;
        }
        if (state.panel === null || state.layer === null) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await page.click('#editor-path');
    const box = await page.evaluate(() => {
      const r = window.coplanMap.getCanvas().getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    for (const [dx, dy] of [[-120, 4], [0, 0], [120, -4], [120, -4]]) {
      await page.mouse.move(box.x + dx, box.y + dy);
      await page.mouse.click(box.x + dx, box.y + dy);
    }
    await page.locator('#editor-form').waitFor({ timeout: 30_000 });
    await page.fill('#editor-field-width_m', '4');
    await page.click('#editor-save');
    // a path that happens to cut nothing leaves the map's cuts as they were: that round has no layer figure
    await page.waitForFunction(() => window.refreshMeasure.panel !== null && window.refreshMeasure.layer !== null, null, { timeout: 30_000, polling: 200 }).catch(() => {});
    const m = await page.evaluate(() => window.refreshMeasure);
    const ms = (v) => (v === null ? null : Math.round(v));
    rows.push({ round: round + 1, analysedMs: ms(m.analysed), panelMs: ms(m.panel), layerMs: ms(m.layer), load1: Number(load.toFixed(1)) });
    console.log(JSON.stringify(rows.at(-1)));
  }
} finally {
  await browser.close();
  await server.stop();
}
const sorted = (k) => rows.map((r) => r[k]).filter((v) => v !== null).sort((a, b) => a - b);
const median = (k) => sorted(k)[Math.floor(sorted(k).length / 2)];
console.log(`analysis seen: median ${median('analysedMs')} ms; panel: median ${median('panelMs')} ms, max ${Math.max(...sorted('panelMs'))} ms; layer: median ${median('layerMs')} ms, max ${Math.max(...sorted('layerMs'))} ms; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
