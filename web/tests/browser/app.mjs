// What the browser tests do with the coplan page: open it and wait for the map, find a structure
// to click, sign in through the form, take screenshots. Shared by every *.test.mjs.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before } from 'node:test';
import { SCREENSHOT_DIR, startServer, watchForProblems } from './harness.mjs';

const READY_TIMEOUT_MS = 120_000;
export const STRUCTURE_LAYERS = ['structures-fill'];

/**
 * The server for this test file: started before its tests (or COPLAN_URL, as run.mjs sets), stopped
 * after. Read `server.url` and `server.database` inside tests, once `before` has run.
 */
export function useServer() {
  const server = { url: '', database: null };
  let started = null;
  before(
    async () => {
      started = await startServer();
      Object.assign(server, { url: started.url, database: started.database });
      await mkdir(SCREENSHOT_DIR, { recursive: true });
    },
    { timeout: 200_000 },
  );
  after(async () => {
    await started?.stop();
  });
  return server;
}

/** The browser context's page, watched for problems (see watchForProblems). */
export async function watchedPage(browser, origin, expected = []) {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return { page, problems: watchForProblems(page, origin, expected) };
}

/**
 * Waits until the map is ready, or the page shows an error or a notice: either way stops waiting
 * and says which. `ready` is what the caller expects ("map" or "notice").
 */
export async function waitForPage(page, problems, ready = 'map') {
  await page
    .waitForFunction(
      () =>
        document.body.dataset.mapReady === 'true' ||
        document.querySelector('#status[data-tone="error"]:not([hidden])') ||
        !document.getElementById('notice').hidden,
      null,
      { timeout: READY_TIMEOUT_MS },
    )
    .catch(() => {});
  const state = await page.evaluate(() => ({
    map: document.body.dataset.mapReady === 'true',
    notice: document.getElementById('notice').hidden ? '' : document.getElementById('notice').innerText,
    status: document.getElementById('status')?.textContent ?? '',
  }));
  if (ready === 'map') {
    assert.equal(state.map, true, `map not ready (status: "${state.status}", notice: "${state.notice}"); problems: ${JSON.stringify(problems, null, 1)}`);
  } else {
    assert.notEqual(state.notice, '', `no notice (status: "${state.status}"); problems: ${JSON.stringify(problems, null, 1)}`);
  }
}

/** Opens `pathname` and waits for the map. */
export async function openMap(browser, origin, pathname = '/', expected = []) {
  const { page, problems } = await watchedPage(browser, origin, expected);
  await page.goto(`${origin}${pathname}`);
  await waitForPage(page, problems);
  return { page, problems };
}

/** Distinct structures MapLibre has drawn in the current view. */
export function renderedStructures(page) {
  return page.evaluate((layers) => new Set(window.coplanMap.queryRenderedFeatures({ layers }).map((f) => f.id)).size, STRUCTURE_LAYERS);
}

/**
 * A screen point (page coordinates) whose topmost clickable feature is a structure, searching
 * outward from the map's centre: the app selects what is under the pointer first. Answers the
 * tile feature id, the structure's UUID (`uuid`) and its households.
 */
export function findStructureToClick(page) {
  return page.evaluate(() => {
    const map = window.coplanMap;
    const clickable = map.getStyle().layers.filter((l) => l.metadata?.['coplan:legend']).map((l) => l.id);
    const canvas = map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    const [w, h] = [canvas.clientWidth, canvas.clientHeight];
    for (let r = 0; r < Math.min(w, h) / 2.5; r += 3) {
      for (let a = 0; a < 360; a += 15) {
        const x = Math.round(w / 2 + r * Math.cos((a * Math.PI) / 180));
        const y = Math.round(h / 2 + r * Math.sin((a * Math.PI) / 180));
        const top = map.queryRenderedFeatures([x, y], { layers: clickable })[0];
        if (top?.sourceLayer !== 'structures' || typeof top.properties.households !== 'number') continue;
        return { x: rect.left + x, y: rect.top + y, id: top.id, uuid: top.properties.id, households: top.properties.households };
      }
    }
    return null;
  });
}

/** Waits until the map has drawn everything it asked for (after a click, a zoom, a new style). */
export function settled(page) {
  return page.waitForFunction(() => window.coplanMap.loaded(), null, { timeout: 30_000 });
}

/** Shows a plan of Tandale on the page, through the address (the plan picker writes it too). */
export async function showPlan(page, planId) {
  await page.evaluate((plan) => {
    window.location.hash = `#tandale/${plan}`;
  }, planId);
  await page.waitForFunction((plan) => window.coplanPage?.current().planId === plan, planId, { timeout: 60_000 });
  await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 120_000 });
}

/** Fills and sends the sign-in form (opened from the top bar's "Sign in"). */
export async function submitSignIn(page, username, password) {
  if (!(await page.locator('#sign-in-dialog').evaluate((d) => d.open))) await page.click('#sign-in-button');
  await page.fill('#sign-in-username', username);
  await page.fill('#sign-in-password', password);
  await page.click('#sign-in-submit');
}

/** Signs in and waits for the account button to name the person. */
export async function signIn(page, username, password) {
  await submitSignIn(page, username, password);
  await page.locator('#account-button .account-name').waitFor({ state: 'attached', timeout: 30_000 });
}

export function screenshot(page, name) {
  return page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
}
