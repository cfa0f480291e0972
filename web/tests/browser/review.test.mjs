// Presentation mode in the real page, with two screens in one meeting: the planner's and a
// community reviewer's. What one does appears on the other without a reload (the plan's event
// stream); comment text with script payloads shows literally and never runs; reactions (own and
// on behalf of a resident) and decisions flow through; a share link reads but cannot take part;
// the printable summary carries the map image. Screenshots at 1920x1080 and on a phone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshot, useServer, watchedPage } from './app.mjs';
import { PASSWORDS, SCREENSHOT_DIR, apiSession, launchBrowser, sql } from './harness.mjs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

const server = useServer();
const PROJECTOR = { viewport: { width: 1920, height: 1080 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PLAN = 'meeting-plan';
const PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> & "quoted"';

const presentUrl = (extra = '') => `${server.url}/present.html?settlement=tandale&plan=${PLAN}${extra}`;

async function ready(page) {
  await page.waitForFunction(() => document.body.dataset.presentReady === 'true' && document.body.dataset.live === 'true', null, { timeout: 120_000 });
}

async function signInHere(page, username) {
  await page.click('#present-sign-in');
  await page.fill('#sign-in-username', username);
  await page.fill('#sign-in-password', PASSWORDS.demo);
  await Promise.all([page.waitForNavigation(), page.click('#sign-in-submit')]);
  await ready(page);
}

const tally = (page, stance) => page.locator(`#proposal-tally [data-stance="${stance}"] strong`).innerText();

describe('presentation mode', () => {
  test('two screens in one meeting: comments, reactions, decisions, live and escaped', { timeout: 400_000 }, async () => {
    // A plan with two proposals: a 3 m lane through dwellings, and a new water point.
    const planner = await apiSession(server.url, 'planner', PASSWORDS.demo);
    await planner('POST', '/api/settlements/tandale/plans', { id: PLAN, name: 'Lane to the market' });
    const [lon, lat] = (await sql(server.database, `SELECT ST_X(c) || ',' || ST_Y(c) FROM (SELECT ST_PointOnSurface(geom) c FROM structures
      WHERE settlement_id = 'tandale' AND households > 0 ORDER BY fid LIMIT 1 OFFSET 700) s`)).split(',').map(Number);
    await planner('POST', `/api/settlements/tandale/plans/${PLAN}/collections/footpaths/items`, {
      type: 'Feature', geometry: { type: 'LineString', coordinates: [[lon - 0.0004, lat], [lon + 0.0004, lat]] }, properties: { class: 'lane', width_m: 3, state: 'proposed' },
    });
    await planner('POST', `/api/settlements/tandale/plans/${PLAN}/collections/services/items`, {
      type: 'Feature', geometry: { type: 'Point', coordinates: [lon + 0.0004, lat + 0.0001] }, properties: { type: 'water_point', state: 'proposed' },
    });
    await planner('POST', `/api/settlements/tandale/plans/${PLAN}/review-status`, { status: 'in_review' });
    const proposals = (await planner('GET', `/api/settlements/tandale/plans/${PLAN}/proposals`)).proposals;
    assert.equal(proposals.length, 2);
    const lane = proposals.find((p) => p.features[0].layer === 'footpaths');
    assert.ok(lane.structures.length > 0, 'the lane cuts through dwellings');

    const plannerScreen = await launchBrowser(PROJECTOR);
    const reviewerScreen = await launchBrowser(PROJECTOR);
    try {
      const { page: pp, problems: plannerProblems } = await watchedPage(plannerScreen, server.url);
      // the objection without a reason is refused on purpose
      const { page: rp, problems: reviewerProblems } = await watchedPage(reviewerScreen, server.url, [[422, /\/reactions$/]]);
      let dialogs = 0;
      rp.on('dialog', async (d) => {
        dialogs++;
        await d.dismiss();
      });
      await pp.goto(presentUrl());
      await ready(pp);
      await signInHere(pp, 'planner');
      await rp.goto(presentUrl());
      await ready(rp);
      await signInHere(rp, 'reviewer');

      // the first proposal: what it does, households, cells and clusters, highlighted on the map
      assert.match(await rp.locator('#present-step').innerText(), /Proposal 1 of 2/);
      if (!(await rp.locator('#proposal-title').innerText()).startsWith('New Lane')) await rp.keyboard.press('ArrowRight');
      await ready(rp);
      assert.match(await rp.locator('#proposal-title').innerText(), /^New Lane, 3 m wide$/);
      assert.equal(await rp.locator('#proposal-impact').innerText(), `${lane.households} households affected, in ${lane.structures.length} structures`.replace(/^1 households/, '1 household').replace(/in 1 structures/, 'in 1 structure'));
      assert.equal(await rp.locator('#proposal-cells li').count(), lane.cells.length);
      assert.equal(await rp.locator('#proposal-clusters li').count(), lane.clusters.length);
      const highlighted = await rp.evaluate(() => window.coplanMap.queryRenderedFeatures({ layers: ['review-touched-fill'] }).length);
      assert.ok(highlighted > 0, 'the touched structures are highlighted');
      assert.equal(await rp.locator('#present-map .maplibregl-ctrl-group button').count() <= 3, true, 'no drawing tools');
      await screenshot(rp, 'present-projector.png');

      // both screens on the lane
      if (!(await pp.locator('#proposal-title').innerText()).startsWith('New Lane')) await pp.keyboard.press('ArrowRight');
      await ready(pp);

      // the planner widens the lane from the planner's screen (signed in there); the reviewer's
      // screen shows the new width without a reload
      await rp.evaluate(() => (window.__notReloaded = true));
      const edited = await pp.evaluate(async ({ plan, id }) => {
        const { csrfToken } = await (await fetch('/api/auth/me')).json();
        const item = `/api/settlements/tandale/plans/${plan}/collections/footpaths/items/${id}`;
        // Jetty's gzip handler marks the tag of a compressed answer (`--gzip` inside the quotes)
        // and does not take the mark back on If-Match: the tag is the feature's id and version
        const etag = (await fetch(item)).headers.get('ETag').replace(/--gzip"$/, '"');
        const r = await fetch(item, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': etag, 'X-CSRF-Token': csrfToken },
          body: JSON.stringify({ properties: { width_m: 4 } }),
        });
        return `${r.status} ${r.status === 200 ? '' : await r.text()}`;
      }, { plan: PLAN, id: lane.features[0].id });
      assert.equal(edited, '200 ');
      await rp.locator('#proposal-title', { hasText: 'New Lane, 4 m wide' }).waitFor({ timeout: 10_000 });
      assert.equal(await rp.evaluate(() => window.__notReloaded), true, 'the reviewer\'s screen was not reloaded');

      // the planner comments with script payloads; the reviewer's screen shows it, literally, without a reload
      await pp.fill('#comment-body', PAYLOAD);
      await pp.click('#comment-submit');
      const shown = rp.locator('.comment-body', { hasText: 'quoted' });
      await shown.waitFor({ timeout: 10_000 });
      assert.equal(await shown.innerText(), PAYLOAD);
      assert.equal(await rp.evaluate(() => window.__xss), undefined, 'no injected script ran');
      assert.equal(await rp.locator('.comment-body img, .comment-body script').count(), 0);

      // the reviewer replies, then objects (a reason is needed) and records a resident's concern
      await rp.locator('.reply-button').first().click();
      await rp.fill('#comment-body', 'Where do the families move to?');
      // pinned to a place: a click on the map while commenting
      const box = await rp.locator('#present-map canvas').boundingBox();
      await rp.mouse.click(box.x + box.width / 2, box.y + box.height / 3);
      assert.match(await rp.locator('#comment-pin').innerText(), /Pinned/);
      await rp.click('#comment-submit');
      await pp.locator('.replies .comment-body', { hasText: 'families move' }).waitFor({ timeout: 10_000 });
      assert.equal(await sql(server.database, `SELECT count(*) FROM review_comment WHERE body LIKE 'Where do the families%' AND location IS NOT NULL`), '1');
      // the pin shows on the other screen too
      await pp.waitForFunction(() => window.coplanMap.queryRenderedFeatures({ layers: ['review-pins'] }).length > 0, null, { timeout: 10_000 });
      await rp.click('#react-object');
      await rp.locator('.reaction-form .form-error:not([hidden])').waitFor();
      assert.match(await rp.locator('.reaction-form .form-error').innerText(), /reason/i);
      await rp.fill('#reaction-reason', 'It cuts through our homes');
      await rp.click('#react-object');
      await pp.waitForFunction(() => document.querySelector('#proposal-tally [data-stance="object"] strong')?.textContent === '1', null, { timeout: 10_000 });
      await rp.check('#reaction-assisted');
      await rp.fill('#reaction-resident', 'Bi Mwanaisha');
      await rp.fill('#reaction-cell', lane.cells[0].id);
      await rp.fill('#reaction-reason', 'Floods in the rain');
      await rp.click('#react-concern');
      await pp.waitForFunction(() => document.querySelector('#proposal-tally [data-stance="concern"] strong')?.textContent === '1', null, { timeout: 10_000 });
      assert.equal(await tally(pp, 'agree'), '0');
      await pp.locator(`#proposal-views-cells li[data-unit="${lane.cells[0].id}"]`, { hasText: '1 Concern' }).waitFor({ timeout: 10_000 });
      assert.ok((await pp.locator('#proposal-views-clusters li').count()) >= 1);
      const stored = await sql(server.database, `SELECT resident || '|' || recorded_by || '|' || cell_id FROM reaction WHERE plan_id = '${PLAN}' AND resident IS NOT NULL`);
      assert.equal(stored, `Bi Mwanaisha|reviewer|${lane.cells[0].id}`);
      assert.equal(await rp.locator('#decision-form').count(), 0, 'reviewers do not record decisions');

      // the planner records the meeting's decision; it shows on the reviewer's screen
      await pp.selectOption('#decision-outcome', 'needs_change');
      await pp.fill('#decision-reason', 'Move the lane 5 m north');
      await pp.fill('#decision-attendance', '23');
      await pp.click('#decision-submit');
      await rp.locator('#proposal-decisions', { hasText: 'Needs change' }).waitFor({ timeout: 10_000 });
      assert.match(await rp.locator('#proposal-decisions').innerText(), /Move the lane 5 m north[\s\S]*23 present/);

      // the planner marks the plan agreed: the reviewer's screen says so at once; views are closed
      assert.equal(await rp.locator('#status-agreed').count(), 0, 'reviewers do not move the plan');
      await pp.click('#status-agreed');
      await rp.locator('#present-plan-status', { hasText: 'Agreed' }).waitFor({ timeout: 10_000 });
      await pp.locator('#status-superseded').waitFor();

      // keyboard: the next proposal, and Swahili
      await rp.keyboard.press(await rp.locator('#present-prev').isDisabled() ? 'ArrowRight' : 'ArrowLeft');
      await ready(rp);
      assert.doesNotMatch(await rp.locator('#proposal-title').innerText(), /Lane/);
      await rp.selectOption('.language-select', 'sw');
      assert.match(await rp.locator('#present-step').innerText(), /Pendekezo \d kati ya 2/);
      assert.equal(dialogs, 0);
      assert.deepEqual(plannerProblems, []);
      assert.deepEqual(reviewerProblems, []);
    } finally {
      await plannerScreen.close();
      await reviewerScreen.close();
    }
  });

  test('a share link shows the presentation read-only; phones; the printable summary', { timeout: 300_000 }, async () => {
    const planner = await apiSession(server.url, 'planner', PASSWORDS.demo);
    const link = await planner('POST', `/api/settlements/tandale/plans/${PLAN}/share-links`, { label: 'hall screen' });
    const phone = await launchBrowser(PHONE);
    const desk = await launchBrowser(PROJECTOR);
    try {
      const { page, problems } = await watchedPage(phone, server.url);
      await page.goto(presentUrl(`&share=${link.token}`));
      await ready(page);
      assert.equal(await page.locator('#present-sign-in').isVisible(), false);
      assert.equal(await page.locator('#reaction-form, .reaction-form, #comment-form, #decision-form').count(), 0, 'a share link never takes part');
      if ((await page.locator('.comment').count()) === 0) await page.keyboard.press('ArrowRight');
      await page.locator('.comment-body', { hasText: 'quoted' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `no sideways scrolling on a phone (${overflow} px)`);
      await screenshot(page, 'present-phone.png');
      assert.deepEqual(problems, []);

      const { page: print, problems: printProblems } = await watchedPage(desk, server.url);
      await print.goto(presentUrl(`&share=${link.token}&print=1`));
      await print.waitForFunction(() => document.body.dataset.summaryReady === 'true', null, { timeout: 120_000 });
      const image = await print.locator('#summary-map').getAttribute('src');
      assert.match(image, /^data:image\/png;base64,/);
      assert.ok(image.length > 20_000, 'the map image is drawn, not blank');
      assert.equal(await print.locator('#summary-proposals tbody tr').count(), 2);
      assert.ok((await print.locator('#summary-cells tbody tr').count()) > 0);
      assert.match(await print.locator('#summary-decisions').innerText(), /Needs change — Move the lane 5 m north/);
      await print.emulateMedia({ media: 'print' });
      assert.equal(await print.locator('.present-layout').isVisible(), false);
      await screenshot(print, 'present-print.png');
      // the PDF is the printed page: Chromium's own print engine, as "Save as PDF" does
      const pdf = await print.pdf({ format: 'A4', printBackground: true });
      const text = pdf.toString('latin1');
      assert.ok(text.startsWith('%PDF-'), 'a PDF');
      assert.ok(/\/Subtype\s*\/Image/.test(text), 'with the map image in it');
      assert.ok(pdf.length > 20_000, `not an empty page (${pdf.length} bytes)`);
      await writeFile(path.join(SCREENSHOT_DIR, 'present-summary.pdf'), pdf);
      assert.deepEqual(printProblems, []);

      // revoked: the link no longer opens the plan
      await planner('DELETE', `/api/settlements/tandale/plans/${PLAN}/share-links/${link.id}`);
      const deadScreen = await launchBrowser(PROJECTOR);
      try {
        const { page: dead } = await watchedPage(deadScreen, server.url, [[401, /./]]);
        await dead.goto(presentUrl(`&share=${link.token}`));
        await dead.locator('#status:not([hidden])').waitFor({ timeout: 60_000 });
        assert.match(await dead.locator('#status').innerText(), /revoked/);
        assert.equal(await dead.locator('#proposal-title').count(), 0);
      } finally {
        await deadScreen.close();
      }
    } finally {
      await phone.close();
      await desk.close();
    }
  });
});
