// The map page against the real server: renders the demo settlement, explains a clicked
// structure, credits OpenStreetMap, and works at phone size. Screenshots go to target/screenshots.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { findStructureToClick, openMap, renderedStructures, settled, useServer } from './app.mjs';
import { SCREENSHOT_DIR, launchBrowser } from './harness.mjs';

const server = useServer();

async function expectPanelFor(page, structure) {
  const households = page.locator('#feature-panel:not([hidden]) dd[data-key="households"]');
  await households.waitFor({ timeout: 30_000 });
  assert.equal(Number((await households.textContent()).replace(/,/g, '')), structure.households);
  const panelText = await page.locator('#feature-panel').innerText();
  assert.match(panelText, /Households/);
  assert.match(panelText, /Footprint area\s+[\d,.]+ m²/);
  const selected = await page.evaluate(
    (id) => window.coplanMap.getFeatureState({ source: 'coplan', sourceLayer: 'structures', id }).selected,
    structure.id,
  );
  assert.equal(selected, true, 'the clicked structure carries feature-state selected');
}

describe('map page', () => {
  test('desktop: renders the settlement, explains a clicked structure, credits OpenStreetMap', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      const { page, problems } = await openMap(browser, server.url);

      const count = await renderedStructures(page);
      assert.ok(count > 100, `expected > 100 structures rendered at the initial view, got ${count}`);
      const zoom = await page.evaluate(() => window.coplanMap.getZoom());
      assert.ok(zoom >= 14, `initial zoom ${zoom} should be >= 14`);

      const attribution = await page.locator('.maplibregl-ctrl-attrib').innerText();
      assert.match(attribution, /OpenStreetMap/);
      const legend = await page.locator('#legend').innerText();
      assert.match(legend, /Structures by use/);
      assert.match(legend, /Residential/);
      assert.equal(await page.locator('#settlement-picker').inputValue(), 'tandale');
      assert.match(page.url(), /#tandale$/);

      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'map.png') });

      const structure = await findStructureToClick(page);
      assert.ok(structure, 'found a structure to click at the initial view');
      await page.mouse.click(structure.x, structure.y);
      await expectPanelFor(page, structure);
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'map-selected.png') });

      await page.keyboard.press('Escape');
      await page.locator('#feature-panel').waitFor({ state: 'hidden' });
      const cleared = await page.evaluate(
        (id) => window.coplanMap.getFeatureState({ source: 'coplan', sourceLayer: 'structures', id }).selected,
        structure.id,
      );
      assert.notEqual(cleared, true, 'closing the panel clears the highlight');

      assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
    } finally {
      await browser.close();
    }
  });

  test('zoomed out: structures are shaded by density, footprints come back from zoom 15', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      const { page, problems } = await openMap(browser, server.url);
      await page.evaluate(() => window.coplanMap.jumpTo({ zoom: 13.5 }));
      await settled(page);
      const cells = await page.evaluate(() => window.coplanMap.queryRenderedFeatures({ layers: ['structures-density'] }));
      assert.ok(cells.length > 50, `expected density cells drawn at zoom 13.5, got ${cells.length}`);
      assert.ok(cells.every((c) => c.properties.structures > 0 && c.properties.per_ha > 0), 'every cell counts structures');
      assert.equal(await renderedStructures(page), 0, 'no footprints below zoom 15');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'map-density.png') });

      await page.evaluate(() => window.coplanMap.jumpTo({ zoom: 15.2 }));
      await settled(page);
      assert.ok((await renderedStructures(page)) > 100, 'footprints again at zoom 15');
      assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
    } finally {
      await browser.close();
    }
  });

  test('phone: touch-sized controls, bottom sheet for a tapped structure', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    try {
      const { page, problems } = await openMap(browser, server.url);
      const count = await renderedStructures(page);
      assert.ok(count > 100, `expected > 100 structures rendered on a phone, got ${count}`);

      for (const selector of ['#settlement-picker', '.maplibregl-ctrl-zoom-in', '.maplibregl-ctrl-zoom-out', '#legend-panel > summary']) {
        const box = await page.locator(selector).boundingBox();
        assert.ok(box && box.width >= 44 && box.height >= 44, `${selector} is at least 44×44 px (got ${box?.width}×${box?.height})`);
      }
      assert.match(await page.locator('.maplibregl-ctrl-attrib').innerText(), /OpenStreetMap/);
      assert.equal(await page.locator('#legend-panel').getAttribute('open'), null, 'the legend starts folded on a phone');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'map-phone.png') });

      const structure = await findStructureToClick(page);
      assert.ok(structure, 'found a structure to tap');
      await page.touchscreen.tap(structure.x, structure.y);
      await expectPanelFor(page, structure);
      const sheet = await page.locator('#feature-panel').boundingBox();
      assert.ok(sheet && sheet.y > 844 / 3 && Math.round(sheet.width) === 390, 'the panel is a full-width bottom sheet');
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'map-phone-selected.png') });

      assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
    } finally {
      await browser.close();
    }
  });
});
