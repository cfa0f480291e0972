// A z16 tile over central Tandale, as MapLibre loads and draws it: the page requests exactly that
// tile, and the structures MapLibre has drawn inside it are the ones the OGC API says lie there.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { openMap, settled, STRUCTURE_LAYERS, useServer } from './app.mjs';
import { SCREENSHOT_DIR, launchBrowser } from './harness.mjs';

const server = useServer();
const Z = 16;
const X = Math.floor(((39.2432 + 180) / 360) * 2 ** Z);
const Y = Math.floor(((1 - Math.log(Math.tan((-6.8003 * Math.PI) / 180) + 1 / Math.cos((-6.8003 * Math.PI) / 180)) / Math.PI) / 2) * 2 ** Z);
const PLAN = '/api/settlements/tandale/plans/baseline';

/** The tile's bounds in degrees: west, south, east, north. */
function tileBounds(x, y, z) {
  const lon = (col) => (col / 2 ** z) * 360 - 180;
  const lat = (row) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / 2 ** z))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

/** Structure ids the OGC API finds intersecting a box (degrees). */
async function structuresIn(origin, [w, s, e, n]) {
  const r = await fetch(`${origin}${PLAN}/collections/structures/items?limit=10000&bbox=${w},${s},${e},${n}`);
  assert.equal(r.status, 200);
  const page = await r.json();
  assert.equal(page.numberReturned, page.numberMatched, 'one page holds them all');
  return new Set(page.features.map((f) => f.id));
}

describe('a z16 tile in MapLibre', () => {
  test('central Tandale: the tile is loaded and its structures are drawn', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      const { page, problems } = await openMap(browser, server.url);
      const wanted = `${PLAN}/tiles/${Z}/${X}/${Y}.mvt`;
      const loaded = page.waitForResponse((r) => new URL(r.url()).pathname === wanted && r.status() === 200, { timeout: 60_000 });
      const [w, s, e, n] = tileBounds(X, Y, Z);
      // zoom 16 exactly: MapLibre then draws z16 tiles, this one in the middle of the screen
      await page.evaluate(([lon, lat]) => window.coplanMap.jumpTo({ center: [lon, lat], zoom: 16 }), [(w + e) / 2, (s + n) / 2]);
      const tile = await loaded;
      assert.equal(tile.headers()['content-type'], 'application/vnd.mapbox-vector-tile');
      await settled(page);

      // what MapLibre drew inside the tile (1 px inside its edges), by the structures' UUIDs
      const drawn = new Set(
        await page.evaluate(
          ({ bounds: [w, s, e, n], layers }) => {
            const map = window.coplanMap;
            const nw = map.project([w, n]);
            const se = map.project([e, s]);
            const box = [[nw.x + 1, nw.y + 1], [se.x - 1, se.y - 1]];
            return map.queryRenderedFeatures(box, { layers }).map((f) => f.properties.id);
          },
          { bounds: [w, s, e, n], layers: STRUCTURE_LAYERS },
        ),
      );
      // the API's answer for the same ground: a few metres inside the tile must all be drawn, and
      // nothing may be drawn that lies more than a few metres outside it
      const margin = 0.00003;
      const inner = await structuresIn(server.url, [w + margin, s + margin, e - margin, n - margin]);
      const outer = await structuresIn(server.url, [w - margin, s - margin, e + margin, n + margin]);
      assert.ok(inner.size > 100, `central Tandale has > 100 structures in the tile, the API says ${inner.size}`);
      const missing = [...inner].filter((id) => !drawn.has(id));
      const extra = [...drawn].filter((id) => !outer.has(id));
      assert.deepEqual(missing, [], 'every structure inside the tile is drawn');
      assert.deepEqual(extra, [], 'nothing is drawn that the API does not have there');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'tile-z16.png') });
      assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
    } finally {
      await browser.close();
    }
  });
});
