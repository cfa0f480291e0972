// The optional raster basemap (issue 2): configured with --basemap-url on another origin, it is
// drawn beneath the layers, admitted by the Content-Security-Policy and credited; the map works the
// same without one (map.test.mjs). The basemap server is a local one serving a plain PNG tile.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { openMap, renderedStructures } from './app.mjs';
import { SCREENSHOT_DIR, launchBrowser, startServer } from './harness.mjs';

/** A 256×256 PNG of one colour, written by hand: signature, IHDR, IDAT, IEND with their CRCs. */
function png(r, g, b) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0);
  ihdr.writeUInt32BE(256, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: 256 }, () => [r, g, b]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: 256 }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

const TILE = png(200, 30, 160); // a magenta no map style uses, easy to find on screen
const requested = [];
const basemap = http.createServer((req, res) => {
  requested.push(req.url);
  if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' }).end(TILE);
});
let server;

before(
  async () => {
    basemap.listen(0, '127.0.0.1');
    await once(basemap, 'listening');
    const template = `http://127.0.0.1:${basemap.address().port}/{z}/{x}/{y}.png`;
    server = await startServer({ shared: false, args: ['--basemap-url', template, '--basemap-attribution', 'Test basemap © coplan tests'] });
  },
  { timeout: 200_000 },
);
after(async () => {
  await server?.stop();
  basemap.close();
});

describe('a configured raster basemap', () => {
  test('is drawn beneath the layers, admitted by the CSP and credited', { timeout: 240_000 }, async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      await browser.context.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const { page, problems } = await openMap(browser, server.url);
      assert.ok((await renderedStructures(page)) > 100, 'the layers are drawn over it');
      assert.ok(requested.some((u) => /^\/1[4-9]\/\d+\/\d+\.png$/.test(u)), `basemap tiles at the map's zoom were asked for: ${requested.slice(0, 5)}`);

      const order = await page.evaluate(() => window.coplanMap.getStyle().layers.map((l) => l.id));
      assert.ok(order.indexOf('basemap') >= 0 && order.indexOf('basemap') < order.indexOf('structures-fill'), 'the basemap lies beneath the structures');
      assert.match(await page.locator('.maplibregl-ctrl-attrib').innerText(), /Test basemap © coplan tests/);
      assert.match(await page.locator('.maplibregl-ctrl-attrib').innerText(), /OpenStreetMap/);

      // its colour is on screen, where no structure covers it
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'basemap.png') });
      // read in the frame's own render event: afterwards the browser may clear the drawing buffer
      const magenta = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const map = window.coplanMap;
            map.once('render', () => {
              const canvas = map.getCanvas();
              const gl = canvas.getContext('webgl2');
              const pixels = new Uint8Array(canvas.width * canvas.height * 4);
              gl.readPixels(0, 0, canvas.width, canvas.height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
              let n = 0;
              for (let i = 0; i < pixels.length; i += 4) if (Math.abs(pixels[i] - 200) < 8 && pixels[i + 1] < 40 && Math.abs(pixels[i + 2] - 160) < 8) n++;
              resolve(n);
            });
            map.triggerRepaint();
          }),
      );
      assert.ok(magenta > 1000, `basemap pixels on the canvas: ${magenta}`);
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
      assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
    } finally {
      await browser.close();
    }
  });
});
