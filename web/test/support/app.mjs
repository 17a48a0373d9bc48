// One server jar and one Chromium for a test file, torn down after it, with the server's log and
// every page's problems printed when the test failed.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { bootstrapEnv } from './api.mjs';
import { launchBrowser, missingChromiumReason } from './browser.mjs';
import { createDatabase, dropDatabase, postgresReason } from './postgres.mjs';
import { diagnoseLines, freePort, killLeftoverPostgres, missingJarReason, startEmbeddedS3, startServer, tailOf } from './server.mjs';

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

/** Why the two-node browser run cannot happen here (no jar, no Chromium, no PostgreSQL), or false. */
export function twoNodeSkipReason() {
  return browserSkipReason() || postgresReason();
}

/**
 * Two server processes clustered over loopback TCP (their own cluster name, a free Hazelcast port
 * each, both listing both), sharing one database (a fresh one on this machine's PostgreSQL) and
 * one object store (the embedded S3 as a process of its own), and Chromium: what two web nodes
 * behind a load balancer are. Node A runs everything and has the bootstrap admin; node B serves
 * the web only. `t.after` stops them all and drops the database; `passed()` as for startApp.
 */
export async function startTwoNodes(t) {
  const work = await mkdtemp(join(tmpdir(), 'lessonloop-web-e2e-2n-'));
  const logs = { a: join(work, 'node-a.log'), b: join(work, 'node-b.log'), s3: join(work, 's3.log') };
  const database = `lessonloop_e2e_2n_${process.pid}_${Date.now()}`;
  await Promise.all(['a', 'b', 's3'].map((dir) => mkdir(join(work, dir))));
  const running = [];
  const launched = launchBrowser();
  let ok = false;
  t.after(async () => {
    await (await launched.catch(() => null))?.close();
    for (const part of running.reverse()) await part.stop();
    dropDatabase(database); // last: nothing uses it any more
    if (!ok) for (const [name, file] of Object.entries(logs)) diagnoseLines(t, `${name} log (last lines, ${file}):`, tailOf(file, 40));
    if (process.env.LESSONLOOP_E2E_KEEP === '1') t.diagnostic(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  });
  const started = (part) => { running.push(part); return part; };
  const db = createDatabase(database);
  const s3 = started(await startEmbeddedS3({ dir: join(work, 's3'), logFile: logs.s3, jvmArgs: ['-Xmx256m'] }));
  const cluster = `e2e-${process.pid}-${Date.now()}`;
  const ports = [await freePort(), await freePort()];
  const node = (index) => ({
    ...db,
    ...s3.env,
    LESSONLOOP_CLUSTER_NAME: cluster,
    LESSONLOOP_CLUSTER_MEMBERS: ports.map((p) => `127.0.0.1:${p}`).join(','),
    LESSONLOOP_CLUSTER_PORT: String(ports[index]),
  });
  const jvmArgs = ['-Xmx512m'];
  // A first, alone: it migrates the database and makes the admin before B starts on it.
  const nodeA = started(await startServer({ dataDir: join(work, 'a'), env: { ...node(0), ...bootstrapEnv() }, jvmArgs, logFile: logs.a }));
  const nodeB = started(await startServer({ dataDir: join(work, 'b'), env: { ...node(1), LESSONLOOP_ROLE: 'web' }, jvmArgs, logFile: logs.b }));
  await Promise.all([nodeA, nodeB].map((n) => clusterOf(n.url, 2)));
  return { nodes: [nodeA, nodeB], browser: await launched, logFile: logs.a, passed: () => { ok = true; } };
}

/** Waits until the node's /health/ready lists `count` cluster members (within Hazelcast's 10 s heartbeat, and some). */
async function clusterOf(url, count, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let ready;
  while (Date.now() < deadline) {
    ready = await (await fetch(`${url}/health/ready`)).json();
    if (ready.checks?.cluster?.members?.length === count) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never saw ${count} cluster members: ${JSON.stringify(ready)}`);
}
