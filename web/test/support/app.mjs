// One server jar and one Chromium for a test file, torn down after it, with the server's log and
// every page's problems printed when the test failed.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { bootstrapEnv } from './api.mjs';
import { launchBrowser, missingChromiumReason } from './browser.mjs';
import { diagnoseLines, killLeftoverPostgres, missingJarReason, startServer, tailOf } from './server.mjs';

/** Why a browser test cannot run here (no jar, no Chromium), or false. */
export function browserSkipReason() {
  return missingJarReason() ?? missingChromiumReason() ?? false;
}

/**
 * Starts the server (embedded PostgreSQL and S3 in a temp dir, a bootstrap admin) and Chromium.
 * `t.after` stops both; `passed()` marks success so the logs are not printed.
 */
export async function startApp(t, { env = {}, jvmArgs = [] } = {}) {
  const work = await mkdtemp(join(tmpdir(), 'lessonloop-web-e2e-'));
  const dataDir = join(work, 'data');
  const logFile = join(work, 'server.log');
  await mkdir(dataDir);
  let server;
  let browser;
  let ok = false;
  t.after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
    await killLeftoverPostgres(dataDir);
    if (!ok) diagnoseLines(t, `server log (last lines, ${logFile}):`, tailOf(logFile, 60));
    if (process.env.LESSONLOOP_E2E_KEEP === '1') t.diagnostic(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  });
  [server, browser] = await Promise.all([
    startServer({ dataDir, env: { ...bootstrapEnv(), ...env }, jvmArgs, logFile }),
    launchBrowser(),
  ]);
  return { server, browser, dataDir, logFile, passed: () => { ok = true; } };
}
