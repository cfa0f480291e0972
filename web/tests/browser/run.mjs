// Runs every browser test file against one coplan server: started here (or COPLAN_URL), shared by
// the files so the demo loads once, stopped at the end. Arguments name test files to run instead
// of all of them. The files also run alone (`node --test tests/browser/map.test.mjs`): then each
// starts its own server.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PASSWORDS, startServer } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const chosen = process.argv.slice(2);
const files = chosen.length > 0 ? chosen : (await readdir(here)).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(here, f));

const server = await startServer();
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  env: {
    ...process.env,
    COPLAN_URL: server.url,
    COPLAN_TEST_DATABASE: server.database ?? '',
    COPLAN_ADMIN_PASSWORD: PASSWORDS.admin,
    COPLAN_DEMO_PASSWORD: PASSWORDS.demo,
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const [code] = await once(child, 'exit');
await server.stop();
process.exit(code ?? 1);
