// The import screen in the real page: a planner opens it from the account menu, uploads a messy
// GeoJSON (a decimal comma, a duplicate line, a path far outside), reads every problem and the CSV
// report, maps the bad field away and gives defaults, commits, and watches the progress bar fill
// from the plan's import-progress events. An empty file is refused in words. The representation
// (who is in which cell) comes from a CSV the same way.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { openMap, screenshot, signIn, useServer } from './app.mjs';
import { PASSWORDS, apiSession, launchBrowser, sql } from './harness.mjs';

const server = useServer();
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PLAN = 'survey-2026';

function line(lon, lat, properties) {
  return { type: 'Feature', geometry: { type: 'LineString', coordinates: [[lon, lat], [lon + 0.0004, lat - 0.0002]] }, properties };
}

describe('import screen', () => {
  test('upload, every problem with its report, mapping and defaults, commit with a progress bar', { timeout: 300_000 }, async () => {
    const planner = await apiSession(server.url, 'planner', PASSWORDS.demo);
    await planner('POST', '/api/settlements/tandale/plans', { id: PLAN, name: 'Survey 2026' });
    const [lon, lat] = (await sql(server.database, `SELECT ST_X(c) || ',' || ST_Y(c) FROM (SELECT ST_Centroid(boundary) c FROM settlement WHERE id = 'tandale') s`))
      .split(',').map(Number);
    const dir = await mkdtemp(path.join(tmpdir(), 'coplan-import-'));
    const file = path.join(dir, 'survey.geojson');
    await writeFile(file, JSON.stringify({
      type: 'FeatureCollection',
      features: [
        line(lon, lat, { name: 'Njia ya soko', width: '1.5' }),
        line(lon + 0.001, lat, { name: 'Njia ya shule', width: '1,5' }),
        line(lon, lat, { name: 'Njia ya soko again', width: '1.5' }),
        line(lon + 0.5, lat + 0.5, { name: 'Far away', width: '2' }),
      ],
    }));
    const empty = path.join(dir, 'empty.geojson');
    await writeFile(empty, '');

    const browser = await launchBrowser(DESKTOP);
    try {
      const { page, problems } = await openMap(browser, server.url, '/#tandale', [[422, /\/imports$/]]);
      await signIn(page, 'planner', PASSWORDS.demo);
      await page.click('#account-button');
      await Promise.all([page.waitForURL(/\/import\.html\?settlement=tandale&plan=baseline$/), page.click('#import-button')]);
      await page.locator('#import-form:not([hidden])').waitFor();
      // into the proposal, not the baseline
      await page.goto(`${server.url}/import.html?settlement=tandale&plan=${PLAN}`);
      await page.waitForFunction(() => document.body.dataset.live === 'true', null, { timeout: 30_000 });
      assert.match(await page.locator('#import-title').innerText(), /Tandale · Survey 2026/);

      // a file that cannot be read is refused, in words
      await page.setInputFiles('#import-file', empty);
      await page.selectOption('#import-layer', 'footpaths');
      await page.click('#import-upload');
      await page.locator('#status[data-tone="error"]:not([hidden])').waitFor();
      assert.match(await page.locator('#status').innerText(), /empty|read/i);

      await page.setInputFiles('#import-file', file);
      await page.click('#import-upload');
      await page.waitForFunction(() => document.body.dataset.importReady === 'true');
      assert.match(await page.locator('#import-count').innerText(), /^4 features · Footpaths and roads · LineString 4/);
      assert.match(await page.locator('#import-crs-line').innerText(), /EPSG:4326|CRS84|WGS 84/);
      const codes = await page.locator('#import-problems tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.code));
      for (const code of ['attribute-value', 'duplicate', 'far-from-settlement', 'unmapped-required']) assert.ok(codes.includes(code), `${code} in ${codes}`);
      const comma = page.locator('#import-problems tbody tr[data-code="attribute-value"]');
      assert.match(await comma.innerText(), /\b2\b[\s\S]*width[\s\S]*comma/i, 'row 2, field width, named a decimal comma');
      assert.equal(await page.locator('#import-commit').isDisabled(), true, 'errors block the commit');
      // the report: every problem, as CSV
      const report = await page.evaluate(async () => (await fetch(document.getElementById('import-report').getAttribute('href'))).text());
      assert.match(report, /^severity,code,row,field,detail,x,y\r\n/);
      for (const code of codes) assert.ok(report.includes(`,${code},`), `${code} in the report`);
      assert.equal(await page.locator('#mapping-width').inputValue(), 'width_m', 'suggested from the field name');
      await screenshot(page, 'import-preview.png');

      // the width is not trusted: a default instead, with the class and state the layer needs
      await page.selectOption('#mapping-width', '');
      await page.fill('#default-width_m', '2');
      await page.selectOption('#default-class', 'footpath');
      await page.selectOption('#default-state', 'proposed');
      await page.click('#import-apply');
      await page.waitForFunction(() => !document.querySelector('#import-problems tr[data-code="attribute-value"]'));
      assert.equal(await page.locator('#import-problems tbody tr[data-code="unmapped-required"]').count(), 0);
      // the far path is left out on commit
      assert.equal(await page.locator('#import-commit').isDisabled(), false);
      await page.check('#import-skip-outside');
      await page.click('#import-commit');
      await page.locator('#import-result').waitFor({ timeout: 60_000 });
      assert.match(await page.locator('#import-created').innerText(), /^3 features were created\.$/);
      await page.waitForFunction(() => Number(document.body.dataset.progressEvents ?? 0) > 0, null, { timeout: 10_000 });
      const bar = await page.locator('#import-progress').evaluate((p) => [p.value, p.max]);
      assert.equal(bar[0], bar[1], 'the bar is full');
      await screenshot(page, 'import-done.png');

      const stored = await sql(server.database, `SELECT string_agg(name || ':' || width_m::float8 || ':' || class || ':' || state, ',' ORDER BY name COLLATE "C")
        FROM footpaths WHERE settlement_id = 'tandale' AND plan_id = '${PLAN}'`);
      assert.equal(stored, 'Njia ya shule:2:footpath:proposed,Njia ya soko:2:footpath:proposed,Njia ya soko again:2:footpath:proposed');

      // planners also load the representation from a CSV: applied row by row, faults listed
      const structure = await sql(server.database, `SELECT id FROM structures WHERE settlement_id = 'tandale' AND plan_id = 'baseline' ORDER BY fid LIMIT 1`);
      const cells = path.join(dir, 'cells.csv');
      await writeFile(cells, `segment,cluster,cell,structure\nS-river,K-river,C-river,${structure}\nS-river,K-river,C-river,00000000-0000-0000-0000-000000000000\n`);
      await page.selectOption('#import-layer', 'representation');
      await page.setInputFiles('#import-file', cells);
      await page.click('#import-upload');
      await page.locator('#representation-report').waitFor();
      assert.equal(await page.locator('#representation-applied').innerText(), '1 of 2 rows applied.');
      assert.match(await page.locator('#representation-errors').innerText(), /^Line 3: /);
      assert.equal(await sql(server.database, `SELECT cell_id FROM structure_cell WHERE settlement_id = 'tandale' AND structure_id = :'s'`, { s: structure }), 'C-river');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
