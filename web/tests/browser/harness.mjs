// Browser-test harness: the real coplan server (or COPLAN_URL) and headless Debian Chromium.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const WEB_DIR = fileURLToPath(new URL('../../', import.meta.url));
const HEALTH_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

/** The Chromium flags verified on these machines: WebGL2 through SwiftShader, no network chatter. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export const SCREENSHOT_DIR = path.join(WEB_DIR, 'target', 'screenshots');

/**
 * The passwords the server under test gives its first-run accounts (`admin`, and the demo
 * `planner`, `engineer`, `reviewer`, `viewer`): from the environment when a test run sets them
 * (and must, with COPLAN_URL), else fixed ones for the server the harness starts.
 */
export const PASSWORDS = {
  admin: process.env.COPLAN_ADMIN_PASSWORD ?? 'browser-test-admin-password',
  demo: process.env.COPLAN_DEMO_PASSWORD ?? 'browser-test-demo-password',
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

async function tail(file, lines = 40) {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

/**
 * Uses the server at COPLAN_URL, or starts `java -jar $COPLAN_JAR serve` on a free port with a
 * fresh COPLAN_HOME (it creates its own PostgreSQL cluster and loads the demo there) and waits
 * until GET /health answers 200. A test that needs other server options passes them as `args`
 * with `shared: false`, and gets a server of its own. `stop()` sends SIGTERM, escalates to SIGKILL after 30 s and
 * removes the home directory.
 */
export async function startServer({ args = [], shared = true } = {}) {
  if (shared && process.env.COPLAN_URL) {
    return { url: process.env.COPLAN_URL.replace(/\/$/, ''), stop: async () => {}, database: process.env.COPLAN_TEST_DATABASE ?? null };
  }
  const jar = path.resolve(WEB_DIR, process.env.COPLAN_JAR ?? '../server/target/coplan.jar');
  const home = await mkdtemp(path.join(tmpdir(), 'coplan-browser-'));
  // The server may run PostgreSQL as another OS user, which must be able to traverse this directory.
  await chmod(home, 0o755);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(home, 'server.log');
  const log = createWriteStream(logFile);
  const child = spawn('java', ['-jar', jar, 'serve', '--port', String(port), ...args], {
    env: { ...process.env, COPLAN_HOME: home, COPLAN_ADMIN_PASSWORD: PASSWORDS.admin, COPLAN_DEMO_PASSWORD: PASSWORDS.demo },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  const exit = once(child, 'exit').then(([code, signal]) => {
    exited = true;
    return { code, signal };
  });

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exit.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
      if (timedOut) {
        child.kill('SIGKILL');
        await exit;
      }
    }
    log.end();
    await rm(home, { recursive: true, force: true });
  };

  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) {
      const { code, signal } = await exit;
      const output = await tail(logFile);
      await stop();
      throw new Error(`coplan server exited early (code ${code}, signal ${signal}). Last output:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return { url, stop, logFile, database: await embeddedDatabase(home) };
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  const output = await tail(logFile);
  await stop();
  throw new Error(`coplan server did not answer /health within ${HEALTH_TIMEOUT_MS / 1000} s. Last output:\n${output}`);
}

/**
 * The connection URL of the PostgreSQL cluster a server started under `home`: the port is line 4
 * of its `postmaster.pid` (PostgreSQL's documented layout); the database is `coplan`.
 */
async function embeddedDatabase(home) {
  const pid = await readFile(path.join(home, 'pg', 'data', 'postmaster.pid'), 'utf8').catch(() => null);
  const port = pid?.split('\n')[3]?.trim();
  return port ? `postgresql://postgres@127.0.0.1:${port}/coplan` : null;
}

/**
 * Runs SQL on the server's database with psql, for what no endpoint can do (a settlement that is
 * not public). Values go in as psql variables
 * (`:'name'` in the statement), so payloads are quoted by psql, never spliced. Answers the rows
 * as unaligned text. Needs the database URL of a harness-started server or COPLAN_TEST_DATABASE.
 */
export function sql(database, statement, variables = {}) {
  if (!database) throw new Error('no database URL: start the server with the harness or set COPLAN_TEST_DATABASE');
  const args = [database, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1'];
  for (const [name, value] of Object.entries(variables)) args.push('-v', `${name}=${value}`);
  return new Promise((resolve, reject) => {
    const child = execFile('psql', args, (error, stdout, stderr) => (error ? reject(new Error(`psql: ${stderr || error.message}`)) : resolve(stdout.trim())));
    child.stdin.end(statement);
  });
}

/**
 * Signs in to the API from Node (not the browser) and makes requests with that session: the
 * cookie, and the CSRF token on changes (plus any `headers`, such as If-Match). For test set-up
 * as admin or planner.
 */
export async function apiSession(url, username, password) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in as ${username} failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await login.json();
  return async (method, pathname, body, headers = {}) => {
    const response = await fetch(`${url}${pathname}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/**
 * Headless Chromium with a throwaway profile. `options` are Playwright context options
 * (viewport, deviceScaleFactor, isMobile, hasTouch...).
 */
export async function launchBrowser(options = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'coplan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Answers the app expects and handles, which browsers still log as failed loads: "who am I?"
 * while signed out (401), a wrong password (401) and too many tries (429) at sign-in, and what a
 * test says it provokes on purpose (`expected`: [status, url pattern] pairs).
 */
const EXPECTED = [
  [401, /\/api\/auth\/me$/],
  [401, /\/api\/auth\/login$/],
  [429, /\/api\/auth\/login$/],
];

/**
 * Records what should never happen on a healthy page: console errors, uncaught exceptions and
 * failed same-origin requests. A favicon 404 is tolerated (the app ships one, browsers still ask).
 */
export function watchForProblems(page, origin, expected = []) {
  const problems = [];
  const allowed = [...EXPECTED, ...expected];
  const isExpected = (status, url) => allowed.some(([s, pattern]) => s === status && pattern.test(url));
  page.on('console', (message) => {
    if (message.type() !== 'error' || /favicon/i.test(message.text())) return;
    const status = Number(/status of (\d{3})/.exec(message.text())?.[1]);
    if (isExpected(status, message.location()?.url ?? '')) return;
    problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    const url = response.url();
    if (url.startsWith(origin) && response.status() >= 400 && !/favicon/i.test(url) && !isExpected(response.status(), url)) {
      problems.push(`HTTP ${response.status()} ${url}`);
    }
  });
  page.on('requestfailed', (request) => {
    // MapLibre cancels tile requests it no longer needs when the view changes.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    if (request.url().startsWith(origin)) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  return problems;
}
